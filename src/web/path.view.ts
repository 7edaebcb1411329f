import { graphql } from './api.client';
import { sourceList } from './card.view';
import { button, byId, h, words } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { NAME, SHORTEST_PATH, type EntityRef, type GraphPath } from './explorer.queries';
import type { QueryCache } from './query.cache';
import { PanelLoader } from './panel.loader';
import type { ExplorerState } from './url.state';

interface PathResult {
  path: GraphPath | null;
  from: EntityRef | null;
  to: EntityRef | null;
}

/** The shortest path between two picked entities: explained hop by hop, each with its sources. */
export class PathView {
  private readonly loader: PanelLoader<PathResult>;
  private readonly el = byId('path');

  constructor(
    private readonly store: ExplorerStore,
    private readonly cache: QueryCache,
  ) {
    this.loader = new PanelLoader(this.el, 'the path', (result) => this.render(result));
  }

  update(state: ExplorerState): void {
    const { pathFrom, pathTo } = state;
    if (!pathFrom || !pathTo) {
      const picked = pathFrom ? 'Now open another entity and choose “Path to here”.' : '';
      const hint = h(
        'p',
        { class: 'hint' },
        `Pick two entities with “Path from here” and “Path to here” on their cards. ${picked}`,
      );
      if (pathFrom) this.loader.show(hint, this.clearButton());
      else this.loader.show(hint);
      return;
    }
    this.loader.load(JSON.stringify([pathFrom, pathTo, state.kinds]), async () => {
      const name = async (id: string) => (await graphql<{ node: EntityRef | null }>(NAME, { id })).node;
      const [path, from, to] = await Promise.all([
        shortestPath(this.cache, state),
        name(pathFrom),
        name(pathTo),
      ]);
      return { path, from, to };
    });
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private clearButton(): HTMLButtonElement {
    return button('Clear path', () => this.store.update({ pathFrom: null, pathTo: null }), {
      id: 'clear-path',
    });
  }

  private render({ path, from, to }: PathResult): void {
    const { pathFrom, pathTo, kinds } = this.store.state;
    const ends = h(
      'p',
      { class: 'ends' },
      h('strong', {}, from?.name ?? `unknown id ${pathFrom ?? ''}`),
      ' → ',
      h('strong', {}, to?.name ?? `unknown id ${pathTo ?? ''}`),
      ' ',
      button('Swap', () => this.store.update({ pathFrom: pathTo, pathTo: pathFrom }), { id: 'swap-path' }),
      ' ',
      this.clearButton(),
    );
    if (!path) {
      const filtered = kinds.length > 0 ? ' with the relationship kinds selected' : '';
      this.el.append(
        ends,
        h('p', { class: 'empty', id: 'no-path' }, `Nothing links them within the maximum depth${filtered}.`),
      );
      return;
    }
    this.el.append(
      ends,
      h('p', { class: 'summary', id: 'path-summary' }, `${path.length} hops`),
      h(
        'ol',
        { class: 'hops', id: 'path-hops' },
        ...path.hops.map((hop) =>
          h(
            'li',
            { 'data-edge': hop.edge.id },
            h('span', { class: 'explanation' }, hop.explanation),
            h('span', { class: 'kind' }, words(hop.edge.kind)),
            sourceList(hop.edge.sources),
          ),
        ),
      ),
    );
  }
}

/** Shared by the path panel and the graph, which highlights it: one request for both. */
export function shortestPath(cache: QueryCache, state: ExplorerState): Promise<GraphPath | null> {
  const { pathFrom, pathTo, kinds } = state;
  if (!pathFrom || !pathTo) return Promise.resolve(null);
  const variables = { from: pathFrom, to: pathTo, kinds: kinds.length > 0 ? kinds : null };
  return cache.get(JSON.stringify(['path', variables]), async () => {
    return (await graphql<{ shortestPath: GraphPath | null }>(SHORTEST_PATH, variables)).shortestPath;
  });
}
