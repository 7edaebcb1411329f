import { graphql } from './api.client';
import { isWebAddress } from '../common/web.address';
import { button, byId, dateSpan, h, shownOf } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { ENTITY, type EntityDetail, type EntityRef, type SourceRef } from './explorer.queries';
import { typeLabel } from './graph.kinds';
import { PanelLoader } from './panel.loader';
import type { QueryCache } from './query.cache';
import type { ExplorerState } from './url.state';

/** The open entity: names, kind, positions with dates, parent and sub-units, sources; and what to do with it. */
export class CardView {
  private readonly loader: PanelLoader<EntityDetail | null>;
  private readonly el = byId('card');

  constructor(
    private readonly store: ExplorerStore,
    private readonly cache: QueryCache,
  ) {
    this.loader = new PanelLoader(this.el, 'the entity', (entity) => this.render(entity));
  }

  update(state: ExplorerState): void {
    const id = state.id;
    if (!id) {
      this.loader.show(h('p', { class: 'hint' }, 'Open a search result or click a node to see its card.'));
      return;
    }
    // The buttons depend on the expanded and path state too: render again (from the cache) when they change.
    const key = JSON.stringify([id, state.expanded.includes(id), state.pathFrom, state.pathTo]);
    this.loader.load(key, () =>
      this.cache.get(JSON.stringify(['entity', id]), async () => {
        return (await graphql<{ node: EntityDetail | null }>(ENTITY, { id })).node;
      }),
    );
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private link(ref: EntityRef): HTMLElement {
    return button(ref.name, () => this.store.open(ref.id), { class: 'link', 'data-id': ref.id });
  }

  private field(label: string, ...value: (Node | string)[]): HTMLElement[] {
    return [h('dt', {}, label), h('dd', {}, ...value)];
  }

  private render(entity: EntityDetail | null): void {
    const state = this.store.state;
    if (!entity) {
      this.el.append(h('p', { class: 'error', role: 'alert' }, `No entity has the id “${state.id ?? ''}”.`));
      return;
    }
    this.el.append(this.header(entity), this.actions(entity), h('dl', {}, ...this.facts(entity)));
    this.el.append(...this.positions(entity));
    this.el.append(h('h3', {}, 'Sources'), sourceList(entity.sources));
  }

  private header(entity: EntityDetail): HTMLElement {
    return h(
      'header',
      {},
      h('h2', { id: 'card-name' }, entity.name),
      h('span', { class: 'kind', id: 'card-kind' }, typeLabel(entity.__typename)),
      h('code', { class: 'id' }, entity.id),
    );
  }

  private actions(entity: EntityDetail): HTMLElement {
    const state = this.store.state;
    const expanded = state.expanded.includes(entity.id);
    return h(
      'div',
      { class: 'actions' },
      button(
        expanded ? 'Expanded' : 'Expand in graph',
        () => this.store.update({ expanded: [...state.expanded, entity.id] }),
        { id: 'expand', disabled: expanded },
      ),
      button('Path from here', () => this.store.update({ pathFrom: entity.id }), {
        id: 'path-from-here',
        'aria-pressed': state.pathFrom === entity.id ? 'true' : 'false',
      }),
      button('Path to here', () => this.store.update({ pathTo: entity.id }), {
        id: 'path-to-here',
        'aria-pressed': state.pathTo === entity.id ? 'true' : 'false',
      }),
    );
  }

  /** The entity's own facts, each only where it has one. */
  private facts(entity: EntityDetail): HTMLElement[] {
    const fields: HTMLElement[] = [];
    if (entity.aliases.length > 0) fields.push(...this.field('Aliases', entity.aliases.join(', ')));
    if (entity.names.length > 0)
      fields.push(...this.field('Names', entity.names.map((n) => `${n.value} (${n.lang})`).join(', ')));
    if (entity.acronym) fields.push(...this.field('Acronym', entity.acronym));
    if (entity.date)
      fields.push(...this.field('Date', dateSpan(entity.date, entity.endDate ?? null) || entity.date));
    if (entity.country)
      fields.push(...this.field('Country', `${entity.country.name} (${entity.country.code})`));
    if (entity.place) fields.push(...this.field('Place', this.link(entity.place)));
    if (entity.within) fields.push(...this.field('Within', this.link(entity.within)));
    if (entity.parent) fields.push(...this.field('Part of', this.link(entity.parent)));
    if (entity.parentEvent) fields.push(...this.field('Part of', this.link(entity.parentEvent)));
    if (entity.subUnits && entity.subUnits.length > 0)
      fields.push(
        ...this.field(
          'Sub-units',
          h('ul', {}, ...entity.subUnits.map((u) => h('li', {}, this.link(u)))),
          ...present(countNote(entity.subUnits.length, entity.subUnitsCount, 'sub-units-count')),
        ),
      );
    return fields;
  }

  /** A person's positions, or an institution's people: the first page, with how many there are. */
  private positions(entity: EntityDetail): HTMLElement[] {
    const positions = [
      ...(entity.positions ?? []).map((p) => ({ ...p, other: p.institution })),
      ...(entity.people ?? []).map((p) => ({ ...p, other: p.person })),
    ];
    if (positions.length === 0) return [];
    return [
      h('h3', {}, entity.positions ? 'Positions' : 'People'),
      ...present(countNote(positions.length, entity.positionsCount ?? entity.peopleCount, 'positions-count')),
      h(
        'ul',
        { class: 'positions' },
        ...positions.map((p) =>
          h(
            'li',
            {},
            `${p.title}${entity.positions ? ' at ' : ': '}`,
            this.link(p.other),
            p.since || p.until ? h('span', { class: 'dates' }, ` ${dateSpan(p.since, p.until)}`) : null,
          ),
        ),
      ),
    ];
  }
}

const present = (node: HTMLElement | null): HTMLElement[] => (node ? [node] : []);

/** "20 of 1,553 shown" under a list the card cut to its first page; nothing when it is whole. */
function countNote(shown: number, total: number | undefined, id: string): HTMLElement | null {
  const text = shownOf(shown, total);
  return text ? h('p', { class: 'count', id }, text) : null;
}

/** Each document with a link to it where it has an http(s) address; any other address is not a link. */
export function sourceList(sources: SourceRef[]): HTMLElement {
  if (sources.length === 0) return h('p', { class: 'empty' }, 'No source recorded.');
  return h(
    'ul',
    { class: 'sources' },
    ...sources.map((source) =>
      h(
        'li',
        {},
        source.url && isWebAddress(source.url)
          ? h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)
          : source.title,
        h('span', { class: 'publisher' }, ` — ${source.publisher}${source.date ? `, ${source.date}` : ''}`),
      ),
    ),
  );
}
