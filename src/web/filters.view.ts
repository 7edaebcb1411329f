import { button, byId, h, words } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { RELATIONSHIP_COLORS, RELATIONSHIP_KINDS, type RelationshipKind } from './graph.kinds';
import type { ExplorerState } from './url.state';

/** Relationship kinds (which doubles as the edge legend) and a date range, for the graph, path and timeline. */
export class FiltersView {
  private readonly boxes = new Map<RelationshipKind, HTMLInputElement>();
  private readonly from = byId<HTMLInputElement>('filter-from');
  private readonly to = byId<HTMLInputElement>('filter-to');

  constructor(store: ExplorerStore) {
    const list = byId('filter-kinds');
    for (const kind of RELATIONSHIP_KINDS) {
      const box = h('input', { type: 'checkbox', name: 'rel', value: kind });
      box.addEventListener('change', () => {
        const kinds = RELATIONSHIP_KINDS.filter((k) => this.boxes.get(k)?.checked);
        // All ticked is the same as no filter: keep the address short.
        store.update({ kinds: kinds.length === RELATIONSHIP_KINDS.length ? [] : kinds });
      });
      this.boxes.set(kind, box);
      list.append(
        h(
          'label',
          { class: 'kind-filter' },
          box,
          h('span', { class: 'swatch', style: `background:${RELATIONSHIP_COLORS[kind]}` }),
          words(kind),
        ),
      );
    }
    list.append(button('All kinds', () => store.update({ kinds: [] }), { id: 'all-kinds' }));
    const dates = (): void => store.update({ from: this.from.value || null, to: this.to.value || null });
    this.from.addEventListener('change', dates);
    this.to.addEventListener('change', dates);
    byId('clear-dates').addEventListener('click', () => store.update({ from: null, to: null }));
  }

  update(state: ExplorerState): void {
    for (const [kind, box] of this.boxes)
      box.checked = state.kinds.length === 0 || state.kinds.includes(kind);
    this.from.value = state.from ?? '';
    this.to.value = state.to ?? '';
  }
}
