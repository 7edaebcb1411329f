import { errorMessage, graphql } from './api.client';
import { button, byId, h } from './dom.helpers';
import { CATEGORY_STYLES } from './graph.kinds';
import type { ExplorerStore } from './explorer.store';
import {
  NEIGHBORHOOD,
  type EntityRef,
  type GraphEdge,
  type GraphPath,
  type Subgraph,
} from './explorer.queries';
import { GraphView } from './graph.view';
import { shortestPath } from './path.view';
import type { QueryCache } from './query.cache';
import type { ExplorerState } from './url.state';

/** What the graph shows: the neighbourhoods of the expanded entities, filtered, and the path on top. */
export class GraphController {
  private readonly view: GraphView;
  private readonly status = byId('graph-status');
  private seq = 0;
  private key: string | null = null;

  constructor(
    private readonly store: ExplorerStore,
    private readonly cache: QueryCache,
  ) {
    this.view = new GraphView(byId('graph'), {
      select: (id) => store.update({ id }),
      expand: (id) => store.open(id),
    });
    byId('graph-legend').append(
      ...Object.entries(CATEGORY_STYLES).map(([category, { color }]) =>
        h('span', {}, h('span', { class: 'swatch', style: `background:${color}` }), category),
      ),
    );
    byId('graph-tools').append(
      button('Fit', () => this.view.resize(), { id: 'fit-graph' }),
      button('Clear graph', () => store.update({ expanded: [], pathFrom: null, pathTo: null }), {
        id: 'clear-graph',
      }),
    );
  }

  update(state: ExplorerState): void {
    const key = JSON.stringify([
      state.expanded,
      state.kinds,
      state.from,
      state.to,
      state.pathFrom,
      state.pathTo,
      state.id,
    ]);
    if (key === this.key) return;
    this.key = key;
    const seq = ++this.seq;
    this.status.setAttribute('aria-busy', 'true');
    this.status.className = 'status loading';
    this.status.replaceChildren(state.expanded.length > 0 || state.pathTo ? 'Loading the graph…' : '');
    Promise.all([
      Promise.all(state.expanded.map((id) => this.neighbourhood(id, state))),
      shortestPath(this.cache, state),
    ]).then(
      ([subgraphs, path]) => {
        if (seq !== this.seq) return;
        this.draw(state, subgraphs, path);
      },
      (error: unknown) => {
        if (seq !== this.seq) return;
        this.status.removeAttribute('aria-busy');
        this.status.className = 'status error';
        this.status.setAttribute('role', 'alert');
        this.status.replaceChildren(
          `Could not load the graph: ${errorMessage(error)} `,
          button('Retry', () => {
            this.key = null;
            this.update(this.store.state);
          }),
        );
      },
    );
  }

  invalidate(): void {
    this.key = null;
  }

  /** The canvas is drawn at its container's size, which is nothing while the dashboard shows. */
  shown(): void {
    this.view.resize();
  }

  private neighbourhood(id: string, state: ExplorerState): Promise<Subgraph> {
    const variables = {
      id,
      kinds: state.kinds.length > 0 ? state.kinds : null,
      from: state.from,
      to: state.to,
    };
    return this.cache.get(JSON.stringify(['neighbourhood', variables]), async () => {
      return (await graphql<{ neighborhood: Subgraph }>(NEIGHBORHOOD, variables)).neighborhood;
    });
  }

  private draw(state: ExplorerState, subgraphs: Subgraph[], path: GraphPath | null): void {
    const nodes = new Map<string, EntityRef>();
    const edges = new Map<string, GraphEdge>();
    for (const subgraph of subgraphs) {
      subgraph.nodes.forEach((n) => nodes.set(n.id, n));
      subgraph.edges.forEach((e) => edges.set(e.id, e));
    }
    path?.nodes.forEach((n) => nodes.set(n.id, n));
    path?.hops.forEach((hop) => edges.set(hop.edge.id, hop.edge));
    this.view.draw(
      { nodes: [...nodes.values()], edges: [...edges.values()] },
      {
        selected: state.id,
        expanded: state.expanded,
        pathNodes: path?.nodes.map((n) => n.id) ?? [],
        pathEdges: path?.hops.map((hop) => hop.edge.id) ?? [],
      },
    );
    this.status.removeAttribute('aria-busy');
    this.status.removeAttribute('role');
    this.status.className = 'status';
    const truncated = subgraphs.some((s) => s.truncated)
      ? ' Some neighbourhoods were cut at the size limit.'
      : '';
    this.status.replaceChildren(
      nodes.size === 0
        ? 'Nothing to draw yet: open an entity to draw its neighbourhood.'
        : `${nodes.size} nodes, ${edges.size} relationships.${truncated} Click a node to open it; double-click to expand it.`,
    );
    this.status.dataset.nodes = String(nodes.size);
    this.status.dataset.edges = String(edges.size);
  }
}
