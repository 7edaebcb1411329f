import DataLoader from 'dataloader';
import type { GraphNode, Related } from '../db/graph.record';
import type { RelationshipType } from '../db/identifier.whitelist';
import type { DatabaseProvider } from '../db/database.provider';
import { EntityRepository, type Direction } from '../modules/entity/entity.repository';

/**
 * Per-request batching: every nested field asks a loader, and each loader sends one query per level of the
 * GraphQL tree, however many parents that level has. Nothing here outlives the request.
 */
export class RequestLoaders {
  readonly nodes: DataLoader<string, GraphNode | undefined>;
  readonly countries: DataLoader<string, GraphNode | undefined>;
  private readonly relatedLoaders = new Map<string, DataLoader<string, Related[]>>();
  constructor(private readonly databases: DatabaseProvider) {
    this.nodes = new DataLoader(async (ids) => {
      const found = await this.repository().findByIds(ids);
      return ids.map((id) => found.get(id));
    });
    this.countries = new DataLoader(async (ids) => {
      const found = await this.repository().countryOf(ids);
      return ids.map((id) => found.get(id));
    });
  }

  /** Nodes one relationship away; the first call for a (type, direction) creates its loader. */
  related(type: RelationshipType, direction: Direction, id: string): Promise<Related[]> {
    const key = `${type}:${direction}`;
    let loader = this.relatedLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.repository().related(type, direction, ids);
        return ids.map((one) => found.get(one) ?? []);
      });
      this.relatedLoaders.set(key, loader);
    }
    return loader.load(id);
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
