import DataLoader from 'dataloader';
import {
  plainProperties,
  propertiesFrom,
  toGraphNode,
  type GraphNode,
  type Related,
} from '../db/graph.record';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { DatabaseProvider } from '../db/database.provider';
import {
  EntityRepository,
  type CountryFound,
  type Direction,
  type RelatedTree,
} from '../modules/entity/entity.repository';
import type { PrefetchStep } from './prefetch.plan';

/** The order EntityRepository.related returns: by the relationship's order, then name, then id (nulls last). */
const compare = (a: unknown, b: unknown): number =>
  a === b ? 0 : a === undefined || a === null ? 1 : b === undefined || b === null ? -1 : a < b ? -1 : 1;
const relatedOrder = (a: Related, b: Related): number =>
  Number(a.rel.order ?? 0) - Number(b.rel.order ?? 0) ||
  compare(a.node.name, b.node.name) ||
  compare(a.node.id, b.node.id);

/**
 * Per-request batching: every nested field asks a loader, and each loader sends one query per level of the
 * GraphQL tree, however many parents that level has. Nothing here outlives the request.
 */
export class RequestLoaders {
  readonly nodes: DataLoader<string, GraphNode | undefined>;
  readonly countries: DataLoader<string, CountryFound | undefined>;
  private readonly relatedLoaders = new Map<string, DataLoader<string, Related[]>>();
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

  /** Nodes one relationship away; the first call for a (type, direction) creates its loader. */
  related(type: RelationshipType, direction: Direction, id: string): Promise<Related[]> {
    return this.relatedLoader(type, direction).load(id);
  }

  /**
   * Reads ahead what the resolvers below will ask for (see prefetch.plan.ts) in one query and fills the
   * loaders with it, so that they answer from memory exactly what they would have fetched.
   */
  async prefetch(ids: readonly string[], steps: PrefetchStep[], keys: string[]): Promise<void> {
    const trees = await this.repository().trees(ids, steps, keys);
    for (const [id, tree] of trees) {
      const node = toGraphNode(tree.labels, tree.props as Record<string, unknown>);
      this.nodes.prime(id, node);
      this.primeTree(node, tree.related, keys);
    }
  }

  /** `keys`: the properties the related nodes were read with (EntityRepository.treeProjection). */
  primeTree(
    node: GraphNode,
    related: Record<string, RelatedTree[] | null> | undefined,
    keys: string[],
  ): void {
    this.nodes.prime(node.id, node);
    for (const [key, rows] of Object.entries(related ?? {})) {
      // Longer than the look-ahead reads (treeProjection): the loader reads it when a resolver asks.
      if (rows === null) continue;
      const [type, direction] = key.split('__') as [RelationshipType, Direction];
      const list = rows.map((row) => ({
        rel: plainProperties(row.rel ?? {}),
        node: toGraphNode(row.labels, propertiesFrom(keys, row.props as unknown[])),
        related: row.related,
      }));
      this.relatedLoader(type, direction).prime(
        node.id,
        list.map(({ rel, node: far }) => ({ rel, node: far })).sort(relatedOrder),
      );
      for (const row of list) this.primeTree(row.node, row.related, keys);
    }
  }

  private relatedLoader(type: RelationshipType, direction: Direction): DataLoader<string, Related[]> {
    const key = `${type}:${direction}`;
    let loader = this.relatedLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.repository().related(type, direction, ids);
        // The nodes reached are whole: a later load of one by id needs no query of its own.
        for (const list of found.values()) for (const r of list) this.nodes.prime(r.node.id, r.node);
        return ids.map((one) => found.get(one) ?? []);
      });
      this.relatedLoaders.set(key, loader);
    }
    return loader;
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
