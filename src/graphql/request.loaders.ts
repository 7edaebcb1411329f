import DataLoader from 'dataloader';
import {
  lacksProperties,
  mergeInto,
  partialNode,
  plainProperties,
  plainPropertiesFrom,
  toGraphNode,
  type GraphNode,
} from '../db/graph.record';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { DatabaseProvider } from '../db/database.provider';
import {
  EntityRepository,
  type CountryFound,
  type ReadResult,
  type ReadRow,
} from '../modules/entity/entity.repository';
import type { ReadName, ReadParams } from '../modules/entity/list.reads';
import type { PrefetchStep } from './prefetch.plan';

/** A value known at once, or one still to be read. */
export type Maybe<T> = T | Promise<T>;

/** `next` of the value: at once when it is known, else once it is read. */
export const thenMaybe = <T, U>(value: Maybe<T>, next: (value: T) => U): Maybe<U> =>
  value instanceof Promise ? value.then(next) : next(value);

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

/**
 * A page read with `first`: it answers any first up to that, or any first at all when it holds the whole list.
 * `relKeys`: the relationship properties it holds, where the look-ahead read some only; else all.
 */
interface Known {
  first: number;
  page: ListPage;
  relKeys?: readonly string[];
}

/** Whether a page answers `first` items with `relKeys` of each relationship (undefined: all of them). */
const covers = (known: Known, first: number, relKeys: readonly string[] | undefined): boolean =>
  (known.first >= first || known.page.items.length === known.page.count) &&
  (known.relKeys === undefined ||
    (relKeys !== undefined && relKeys.every((key) => known.relKeys?.includes(key))));

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

  /**
   * `relKeys`: the relationship properties the caller reads (a page read with fewer is read again, whole). A page
   * known is answered at once, not as a promise.
   */
  load(id: string, first: number, relKeys: readonly string[]): Maybe<ListPage> {
    const known = this.known.get(id);
    if (known && covers(known, first, relKeys)) return cut(known.page, first);
    return this.batches.load({ id, first }).then((page) => cut(page, first));
  }

  /** `relKeys`: those the page's relationships were read with; undefined, all. */
  prime(id: string, first: number, page: ListPage, relKeys?: readonly string[]): void {
    const known = this.known.get(id);
    if (!known || !covers(known, first, relKeys)) this.known.set(id, { first, page, relKeys });
  }
}

/** The keys a step read of a node with these labels (EntityRepository.treeProjection). */
function keysOf(step: PrefetchStep, labels: string[]): readonly string[] {
  let place = false;
  for (const label of labels) {
    if (label === 'Institution') return step.keys.institution;
    if (label === 'Place') place = true;
  }
  return place ? step.keys.place : step.keys.any;
}

/**
 * Per-request batching: every nested field asks a loader, and each loader sends one query per level of the
 * GraphQL tree, however many parents that level has. Nothing here outlives the request.
 */
export class RequestLoaders {
  /** Whole nodes by id, read in batches. */
  readonly nodes: DataLoader<string, GraphNode | undefined>;
  /**
   * One object per node met in the request, whole or with the keys of every read that reached it (the
   * look-ahead reads of each node what its own selection reads): a list and a link reaching one node share it.
   */
  private readonly known = new Map<string, GraphNode>();
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

  /**
   * The first `first` of what `read` reaches from a node, and how many there are (list.reads.ts), with at least
   * `relKeys` of each relationship.
   */
  read(
    read: ReadName,
    id: string,
    first: number,
    params: ReadParams = {},
    relKeys: readonly string[] = [],
  ): Maybe<ListPage> {
    return this.readLoader(read, params).load(id, first, relKeys);
  }

  /**
   * The node with this id: the one known in this request (maybe partial, see complete), else read whole. A known
   * node is answered at once, not as a promise: the links of a look-ahead's answer (a position's person, a
   * participation's event) then resolve without one each, and so does the object holding them.
   */
  node(id: string): Maybe<GraphNode | undefined> {
    return this.known.get(id) ?? this.nodes.load(id).then((node) => node && this.remember(node));
  }

  /** `node` with every property it lacks of `properties` read (all of them: a whole node is one read). */
  async complete(node: GraphNode, properties: readonly string[]): Promise<GraphNode> {
    if (!lacksProperties(node, properties)) return node;
    const whole = await this.nodes.load(node.id);
    if (whole) mergeInto(node, whole);
    return node;
  }

  /** The request's one object for this node, with what `node` was read with added to it. */
  private remember(node: GraphNode): GraphNode {
    const known = this.known.get(node.id);
    if (!known) {
      this.known.set(node.id, node);
      return node;
    }
    mergeInto(known, node);
    return known;
  }

  /**
   * Reads ahead what the resolvers below will ask for (see prefetch.plan.ts) in one query and fills the
   * loaders with it, so that they answer from memory exactly what they would have fetched.
   */
  async prefetch(ids: readonly string[], steps: PrefetchStep[]): Promise<void> {
    const trees = await this.repository().trees(ids, steps);
    for (const tree of trees.values()) {
      this.primeTree(toGraphNode(tree.labels, tree.props), tree.related, steps);
    }
  }

  /** The nodes reached were read with their steps' keys (EntityRepository.treeProjection). */
  primeTree(node: GraphNode, related: ReadResult[] | null | undefined, steps: PrefetchStep[]): void {
    this.remember(node);
    if (related) this.primeSteps(node.id, related, steps);
  }

  /** Each step's page from the node with this id, then what the steps below read from its nodes. */
  private primeSteps(id: string, related: ReadResult[], steps: PrefetchStep[]): void {
    for (let i = 0; i < steps.length; i += 1) {
      const step = steps[i] as PrefetchStep;
      const result = related[i];
      if (!result) continue;
      const [rows, count] = result;
      const items: ReadItem[] = [];
      for (const [type, rel, labels, props] of rows) {
        items.push({
          type,
          rel: plainPropertiesFrom(step.relKeys, rel as unknown[]),
          node: this.remember(partialNode(labels, keysOf(step, labels), props as unknown[])),
        });
      }
      this.readLoader(step.read, step.params).prime(id, step.first, { items, count }, step.relKeys);
      if (step.next.length === 0) continue;
      for (let j = 0; j < rows.length; j += 1) {
        const below = (rows[j] as ReadRow)[4];
        if (below) this.primeSteps((items[j] as ReadItem).node.id, below, step.next);
      }
    }
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
  private wholeNodes([rows, count]: ReadResult): ListPage {
    const items: ReadItem[] = [];
    for (const [type, rel, labels, props] of rows) {
      items.push({
        type,
        rel: plainProperties(rel as Record<string, unknown>),
        node: this.remember(toGraphNode(labels, props as Record<string, unknown>)),
      });
    }
    return { items, count };
  }

  /** Asked at batch time, so that a request made while Neo4j is away fails with SERVICE_UNAVAILABLE. */
  private repository(): EntityRepository {
    return new EntityRepository(this.databases.get());
  }

  async nodesByIds(ids: readonly string[]): Promise<GraphNode[]> {
    const nodes = await Promise.allSettled(ids.map(async (id) => this.node(id)));
    return nodes.flatMap((n) => (n.status === 'fulfilled' && n.value ? [n.value] : []));
  }
}
