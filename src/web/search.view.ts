import { graphql } from './api.client';
import { button, byId, h } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { SEARCH, type SearchHit } from './explorer.queries';
import { typeLabel } from './graph.kinds';
import { PanelLoader } from './panel.loader';
import type { ExplorerState } from './url.state';

/** The search box and its ranked results; opening one shows its card and draws its neighbourhood. */
export class SearchView {
  private readonly input = byId<HTMLInputElement>('search-input');
  private readonly loader: PanelLoader<SearchHit[]>;

  constructor(private readonly store: ExplorerStore) {
    const results = byId('search-results');
    this.loader = new PanelLoader(results, 'search results', (hits) => results.append(this.list(hits)));
    byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      store.update({ q: this.input.value.trim() });
    });
  }

  update(state: ExplorerState): void {
    if (document.activeElement !== this.input) this.input.value = state.q;
    if (!state.q) {
      this.loader.show(h('p', { class: 'hint' }, 'Search names, aliases and acronyms: try “Munkhbat”.'));
      return;
    }
    this.loader.load(
      state.q,
      async () => (await graphql<{ search: SearchHit[] }>(SEARCH, { query: state.q })).search,
    );
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private list(hits: SearchHit[]): HTMLElement {
    if (hits.length === 0) return h('p', { class: 'empty' }, `Nothing matches “${this.store.state.q}”.`);
    return h(
      'ol',
      { class: 'results' },
      ...hits.map((hit) =>
        h(
          'li',
          { 'data-id': hit.node.id },
          button(hit.node.name, () => this.store.open(hit.node.id), { class: 'link result-name' }),
          h('span', { class: 'kind' }, typeLabel(hit.node.__typename)),
          h('span', { class: 'score', title: 'relevance' }, hit.score.toFixed(2)),
          hit.node.aliases.length > 0 ? h('div', { class: 'aliases' }, hit.node.aliases.join(', ')) : null,
        ),
      ),
    );
  }
}
