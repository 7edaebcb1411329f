import DataLoader from 'dataloader';
import { plainProperties, propertiesFrom, toGraphNode, type GraphNode } from '../db/graph.record';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { DatabaseProvider } from '../db/database.provider';
import { EntityRepository, type CountryFound, type ReadResult } from '../modules/entity/entity.repository';
import type { ReadName, ReadParams } from '../modules/entity/list.reads';
import type { PrefetchStep } from './prefetch.plan';

/** A relationship read and the node it reaches. */
export interface ReadItem {
  type: RelationshipType;
  rel: Record<string, unknown>;
  node: GraphNode;
}

/** The first items of a list, in its read's order, and how many there are in all. */
export interface ListPage {
  items: ReadItem[];
  count: number;
}

/** A page read with `first`: it answers any first up to that, or any first at all when it holds the whole list. */
interface Known {
  first: number;
  page: ListPage;
}

const covers = (known: Known, first: number): boolean =>
  known.first >= first || known.page.items.length === known.page.count;

const cut = (page: ListPage, first: number): ListPage => ({
  items: page.items.slice(0, first),
  count: page.count,
});

/**
 * The pages of one read with one filter, per node id: loads in one tick make one query (each id read to the
 * largest first asked of it), and a page known (read or primed) answers every smaller first.
 */
class ReadLoader {
  private readonly known = new Map<string, Known>();
  private readonly batches: DataLoader<{ id: string; first: number }, ListPage>;

  constructor(read: (ids: string[], first: number) => Promise<Map<string, ListPage>>) {
    this.batches = new DataLoader(
      async (keys) => {
        const first = Math.max(...keys.map((key) => key.first));
        const found = await read([...new Set(keys.map((key) => key.id))], first);
        return keys.map(({ id }) => {
          const page = found.get(id) ?? { items: [], count: 0 };
          this.prime(id, first, page);
          return page;
        });
      },
      { cache: false },
    );
  }

  async load(id: string, first: number): Promise<ListPage> {
    const known = this.known.get(id);
    if (known && covers(known, first)) return cut(known.page, first);
    return cut(await this.batches.load({ id, first }), first);
  }

  prime(id: string, first: number, page: ListPage): void {
    const known = this.known.get(id);
    if (!known || !covers(known, first)) this.known.set(id, { first, page });
  }
}

/**
 * Per-request batching: every nested field asks a loader, and each loader sends one query per level of the
 * GraphQL tree, however many parents that level has. Nothing here outlives the request.
 */
export class RequestLoaders {
  readonly nodes: DataLoader<string, GraphNode | undefined>;
  readonly countries: DataLoader<string, CountryFound | undefined>;
  private readonly readLoaders = new Map<string, ReadLoader>();
  /** `maxDepth`: how far up PART_OF and out through places a country is looked for (MAX_TRAVERSAL_DEPTH). */
  constructor(
    private readonly databases: DatabaseProvider,
    maxDepth: number,
  ) {
    this.nodes = new DataLoader(async (ids) => {
      const found = await this.repository().findByIds(ids);
      return ids.map((id) => found.get(id));
    });
    this.countries = new DataLoader(async (ids) => {
      const found = await this.repository().countryOf(ids, maxDepth);
      return ids.map((id) => found.get(id));
    });
  }

  /** The first `first` of what `read` reaches from a node, and how many there are (list.reads.ts). */
  read(read: ReadName, id: string, first: number, params: ReadParams = {}): Promise<ListPage> {
    return this.readLoader(read, params).load(id, first);
  }

  /**
   * Reads ahead what the resolvers below will ask for (see prefetch.plan.ts) in one query and fills the
   * loaders with it, so that they answer from memory exactly what they would have fetched.
   */
  async prefetch(ids: readonly string[], steps: PrefetchStep[], keys: string[]): Promise<void> {
    const trees = await this.repository().trees(ids, steps, keys);
    for (const tree of trees.values()) {
      this.primeTree(toGraphNode(tree.labels, tree.props), tree.related, steps, keys);
    }
  }

  /** `keys`: the properties the nodes reached were read with (EntityRepository.treeProjection). */
  primeTree(
    node: GraphNode,
    related: ReadResult[] | null | undefined,
    steps: PrefetchStep[],
    keys: string[],
  ): void {
    this.nodes.prime(node.id, node);
    steps.forEach((step, i) => {
      const result = related?.[i];
      if (!result) return;
      const items = result.items.map((row) => ({
        type: row.type,
        rel: plainProperties(row.rel),
        node: toGraphNode(row.labels, propertiesFrom(keys, row.props as unknown[])),
      }));
      this.readLoader(step.read, step.params).prime(node.id, step.first, { items, count: result.count });
      items.forEach((item, j) => this.primeTree(item.node, result.items[j]?.related, step.next, keys));
    });
  }

  private readLoader(read: ReadName, params: ReadParams): ReadLoader {
    const key = `${read}:${JSON.stringify([params.asOf ?? null, params.roles ?? null])}`;
    let loader = this.readLoaders.get(key);
    if (!loader) {
      loader = new ReadLoader(async (ids, first) => {
        const found = await this.repository().read(read, ids, first, params);
        return new Map([...found].map(([id, result]) => [id, this.wholeNodes(result)]));
      });
      this.readLoaders.set(key, loader);
    }
    return loader;
  }

  /** The nodes a loader reads are whole: a later load of one by id needs no query of its own. */
  private wholeNodes(result: ReadResult): ListPage {
    const items = result.items.map((row) => ({
      type: row.type,
      rel: plainProperties(row.rel),
      node: toGraphNode(row.labels, row.props as Record<string, unknown>),
    }));
    for (const item of items) this.nodes.prime(item.node.id, item.node);
    return { items, count: result.count };
  }

  /** Asked at batch time, so that a request made while Neo4j is away fails with SERVICE_UNAVAILABLE. */
  private repository(): EntityRepository {
    return new EntityRepository(this.databases.get());
  }

  async nodesByIds(ids: readonly string[]): Promise<GraphNode[]> {
    const nodes = await this.nodes.loadMany(ids);
    return nodes.filter((n): n is GraphNode => n !== undefined && !(n instanceof Error));
  }
}
