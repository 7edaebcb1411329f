import { errorMessage, graphql } from './api.client';
import { button, byId, h, words } from './dom.helpers';
import { CATEGORY_STYLES } from './graph.kinds';
import type { ExplorerStore } from './explorer.store';
import {
  GROUP_PAGE,
  GROUP_PAGE_SIZE,
  NEIGHBOURHOOD_SUMMARY,
  type EntityRef,
  type GraphEdge,
  type GraphPath,
  type GroupPage,
  type NeighbourGroup,
  type NeighbourhoodSummary,
  type NeighbourMember,
} from './explorer.queries';
import { graphList, type NodeFacts } from './graph.list';
import { GraphView, type AggregateNode, type GraphData } from './graph.view';
import { shortestPath } from './path.view';
import type { QueryCache } from './query.cache';
import type { ExplorerState } from './url.state';

const NOUNS: Record<string, [string, string]> = {
  PERSON: ['person', 'people'],
  INSTITUTION: ['institution', 'institutions'],
  EVENT: ['event', 'events'],
  PLACE: ['place', 'places'],
  AGREEMENT: ['agreement', 'agreements'],
  FRAMEWORK: ['framework', 'frameworks'],
  COMMITMENT: ['commitment', 'commitments'],
};

/** "312 events, participated in, 2016–2023": what a group is, as its node says it. */
function groupLabel(group: NeighbourGroup, count: number, more: boolean): string {
  const [one, many] = NOUNS[group.kind] ?? [group.kind.toLowerCase(), group.kind.toLowerCase()];
  const relation = `${words(group.relationship)}${group.direction === 'INCOMING' ? ' (inward)' : ''}`;
  const from = group.from?.slice(0, 4);
  const to = group.to?.slice(0, 4);
  const years = from && to ? (from === to ? `, ${from}` : `, ${from}–${to}`) : '';
  return `${more ? 'Show more: ' : ''}${count} ${more ? 'more ' : ''}${count === 1 ? one : many}, ${relation}${years}`;
}

const aggregateId = (group: NeighbourGroup): string => `group:${group.id}`;

/** A group's members loaded so far, page by page. */
interface OpenedGroup {
  members: NeighbourMember[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * What the graph shows: the expanded entities' neighbourhoods as summaries (a hub's neighbours in groups, each
 * opened page by page), filtered, and the path on top; and the same as a list.
 */
export class GraphController {
  private readonly view: GraphView;
  private readonly status = byId('graph-status');
  private readonly list = byId('graph-list');
  private readonly listToggle: HTMLButtonElement;
  private seq = 0;
  private key: string | null = null;
  /** Opened groups by aggregate id, for the current filters. */
  private opened = new Map<string, OpenedGroup>();
  private filterKey = '';
  private last: { state: ExplorerState; summaries: NeighbourhoodSummary[]; path: GraphPath | null } | null =
    null;

  constructor(
    private readonly store: ExplorerStore,
    private readonly cache: QueryCache,
  ) {
    this.view = new GraphView(byId('graph'), {
      select: (id) => store.update({ id }),
      expand: (id) => store.open(id),
      openGroup: (id) => this.openGroup(id),
    });
    this.listToggle = button('List view', () => this.toggleList(), {
      id: 'list-toggle',
      'aria-pressed': 'false',
      'aria-controls': 'graph-list',
    });
    byId('graph-legend').append(
      ...Object.entries(CATEGORY_STYLES).map(([category, { color }]) =>
        h('span', {}, h('span', { class: 'swatch', style: `background:${color}` }), category),
      ),
    );
    byId('graph-tools').append(
      this.listToggle,
      button('Fit', () => this.view.resize(), { id: 'fit-graph' }),
      button('Clear graph', () => store.update({ expanded: [], pathFrom: null, pathTo: null }), {
        id: 'clear-graph',
      }),
    );
  }

  get canvas(): GraphView['core'] {
    return this.view.core;
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
    const filterKey = JSON.stringify([state.kinds, state.from, state.to]);
    if (filterKey !== this.filterKey) {
      this.filterKey = filterKey;
      this.opened = new Map();
    }
    const seq = ++this.seq;
    this.status.setAttribute('aria-busy', 'true');
    this.status.className = 'status loading';
    this.status.replaceChildren(state.expanded.length > 0 || state.pathTo ? 'Loading the graph…' : '');
    Promise.all([
      Promise.all(state.expanded.map((id) => this.neighbourhood(id, state))),
      shortestPath(this.cache, state),
    ]).then(
      ([summaries, path]) => {
        if (seq !== this.seq) return;
        this.last = { state, summaries, path };
        this.draw();
      },
      (error: unknown) => {
        if (seq !== this.seq) return;
        this.fail(error);
      },
    );
  }

  private fail(error: unknown): void {
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
  }

  invalidate(): void {
    this.key = null;
  }

  /** The canvas is drawn at its container's size, which is nothing while the dashboard shows. */
  shown(): void {
    this.view.resize();
  }

  private neighbourhood(id: string, state: ExplorerState): Promise<NeighbourhoodSummary> {
    const variables = {
      id,
      kinds: state.kinds.length > 0 ? state.kinds : null,
      from: state.from,
      to: state.to,
    };
    return this.cache.get(JSON.stringify(['summary', variables]), async () => {
      return (await graphql<{ neighbourhoodSummary: NeighbourhoodSummary }>(NEIGHBOURHOOD_SUMMARY, variables))
        .neighbourhoodSummary;
    });
  }

  /** Opens a group, or shows more of it: its next page joins the graph, nothing drawn moves. */
  private openGroup(aggregate: string): void {
    const found = this.last?.summaries
      .flatMap((s) => s.groups.map((group) => ({ group, entity: s.entity.id })))
      .find(({ group }) => aggregateId(group) === aggregate);
    if (!found || !this.last) return;
    const { state } = this.last;
    const opened = this.opened.get(aggregate);
    if (opened && !opened.hasNextPage) return;
    const seq = this.seq;
    this.status.setAttribute('aria-busy', 'true');
    this.status.className = 'status loading';
    this.status.replaceChildren('Loading the group…');
    graphql<{ neighbourhoodGroupPage: GroupPage }>(GROUP_PAGE, {
      id: found.entity,
      kind: found.group.kind,
      relationship: found.group.relationship,
      direction: found.group.direction,
      from: state.from,
      to: state.to,
      first: GROUP_PAGE_SIZE,
      after: opened?.endCursor ?? null,
    }).then(
      ({ neighbourhoodGroupPage: page }) => {
        if (seq !== this.seq) return;
        this.opened.set(aggregate, {
          members: [...(opened?.members ?? []), ...page.nodes],
          endCursor: page.pageInfo.endCursor,
          hasNextPage: page.pageInfo.hasNextPage,
        });
        this.draw();
      },
      (error: unknown) => {
        if (seq === this.seq) this.fail(error);
      },
    );
  }

  /** The graph's data from the summaries, the opened groups and the path, with what the list shows of each node. */
  private data(): { data: GraphData; facts: Map<string, NodeFacts> } | null {
    if (!this.last) return null;
    const { summaries, path } = this.last;
    const nodes = new Map<string, EntityRef>();
    const edges = new Map<string, GraphEdge>();
    const aggregates: AggregateNode[] = [];
    const facts = new Map<string, NodeFacts>();
    const add = (group: NeighbourGroup, members: NeighbourMember[]) => {
      for (const m of members) {
        nodes.set(m.node.id, m.node);
        edges.set(m.edge.id, m.edge);
        if (!facts.has(m.node.id))
          facts.set(m.node.id, { relationship: words(group.relationship), date: m.date, degree: m.degree });
      }
    };
    for (const summary of summaries) {
      nodes.set(summary.entity.id, summary.entity);
      for (const group of summary.groups) {
        if (!summary.grouped || group.members.length >= group.count) {
          add(group, group.members);
          continue;
        }
        const id = aggregateId(group);
        const opened = this.opened.get(id);
        if (opened) add(group, opened.members);
        const left = group.count - (opened?.members.length ?? 0);
        if (left <= 0) continue;
        const anchor = summary.entity.id;
        aggregates.push({ id, anchor, count: left, label: groupLabel(group, left, opened !== undefined) });
        const [from, to] = group.direction === 'OUTGOING' ? [anchor, id] : [id, anchor];
        edges.set(`${id}|edge`, {
          id: `${id}|edge`,
          from,
          to,
          kind: group.relationship,
          role: null,
          title: null,
          since: null,
          until: null,
        });
      }
    }
    path?.nodes.forEach((n) => nodes.set(n.id, n));
    path?.hops.forEach((hop) => edges.set(hop.edge.id, hop.edge));
    return {
      data: { nodes: [...nodes.values()], edges: [...edges.values()], aggregates },
      facts,
    };
  }

  private draw(): void {
    const built = this.data();
    if (!built || !this.last) return;
    const { state, path } = this.last;
    const { data } = built;
    this.view.draw(data, {
      selected: state.id,
      expanded: state.expanded,
      pathNodes: path?.nodes.map((n) => n.id) ?? [],
      pathEdges: path?.hops.map((hop) => hop.edge.id) ?? [],
    });
    if (this.listToggle.getAttribute('aria-pressed') === 'true') this.renderList();
    this.status.removeAttribute('aria-busy');
    this.status.removeAttribute('role');
    this.status.className = 'status';
    const groups = data.aggregates.length
      ? ` ${data.aggregates.length} groups drawn as one node each: click one, or focus it and press Enter, to add its members.`
      : '';
    this.status.replaceChildren(
      data.nodes.length === 0
        ? 'Nothing to draw yet: open an entity to draw its neighbourhood.'
        : `${data.nodes.length} nodes, ${data.edges.length} relationships.${groups} Click a node to open it; double-click to expand it.`,
    );
    this.status.dataset.nodes = String(data.nodes.length);
    this.status.dataset.edges = String(data.edges.length);
    this.status.dataset.groups = String(data.aggregates.length);
  }

  private renderList(): void {
    const built = this.data();
    if (!built) return;
    this.list.replaceChildren(
      graphList(built.data, built.facts, {
        open: (id) => this.store.open(id),
        openGroup: (id) => this.openGroup(id),
      }),
    );
  }

  private toggleList(): void {
    const show = this.listToggle.getAttribute('aria-pressed') !== 'true';
    this.listToggle.setAttribute('aria-pressed', String(show));
    this.list.hidden = !show;
    if (show) this.renderList();
  }
}
