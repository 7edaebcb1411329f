import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import type { GraphNode } from '../db/graph.record';
import { pageWindow, toPage, type Page } from '../graphql/connection.type';
import type { EntityKind } from '../modules/entity/entity.type';
import { explainEdge } from './hop.explanation';
import { TraversalRepository, type PathRows } from './traversal.repository';
import { RelationshipKind, type GraphEdge } from './traversal.type';

/** How many paths `paths` returns when not asked for a number. */
export const DEFAULT_PATHS = 3;

/** The most entities `commonConnections` returns. */
export const COMMON_CONNECTIONS = 100;

export interface Path {
  length: number;
  summary: string;
  nodes: GraphNode[];
  hops: { from: GraphNode; to: GraphNode; edge: GraphEdge; explanation: string }[];
}

const ALL_KINDS = Object.values(RelationshipKind);
const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });
const notFound = (field: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${field}: no entity has id ${JSON.stringify(id)}`, { field });

export interface TimelineArgs {
  id: string;
  from?: string;
  to?: string;
  includeSubUnits?: boolean;
  includePeople?: boolean;
}

/** A timeline entry as read: the event, the role, and the id of the entity it came through. */
export interface TimelineRow {
  event: GraphNode;
  role: string;
  viaId: string;
}

/** The rules of traversals: every depth and size bounded by configuration, every hop explained. */
export class TraversalService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  async neighborhood(args: {
    id: string;
    depth?: number;
    relationshipKinds?: RelationshipKind[];
    entityKinds?: EntityKind[];
    from?: string;
    to?: string;
    limit?: number;
    /** The node and relationship properties to read; all of them when not given. */
    properties?: string[];
    edgeProperties?: string[];
  }): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }> {
    const depth = this.depth('depth', args.depth ?? 1);
    const limit = args.limit ?? this.limits.maxNeighborhoodNodes;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.limits.maxNeighborhoodNodes) {
      throw bad('limit', `must be from 1 to ${this.limits.maxNeighborhoodNodes}, got ${limit}`);
    }
    this.range(args.from, args.to);
    const found = await this.repository().neighborhood({
      id: args.id,
      depth,
      kinds: this.kinds(args.relationshipKinds),
      labels: args.entityKinds?.length ? args.entityKinds : null,
      from: args.from ?? null,
      to: args.to ?? null,
      nodeLimit: limit,
      properties: args.properties ?? null,
      edgeProperties: args.edgeProperties ?? null,
    });
    if (!found)
      throw new AppError('NOT_FOUND', `id: no entity has id ${JSON.stringify(args.id)}`, { field: 'id' });
    return found;
  }

  /** The paths, and with `withSources` the documents that state their relationships (read in the same query). */
  async paths(args: {
    from: string;
    to: string;
    maxDepth?: number;
    first?: number;
    relationshipKinds?: RelationshipKind[];
    withSources?: boolean;
  }): Promise<{ paths: Path[]; sources: GraphNode[] }> {
    const maxDepth = this.depth('maxDepth', args.maxDepth ?? this.limits.maxTraversalDepth);
    const first = args.first ?? DEFAULT_PATHS;
    if (!Number.isInteger(first) || first < 1 || first > this.limits.maxPaths) {
      throw bad('first', `must be from 1 to ${this.limits.maxPaths}, got ${first}`);
    }
    const found = await this.repository().shortestPaths(
      args.from,
      args.to,
      maxDepth,
      this.kinds(args.relationshipKinds),
      first,
      args.withSources,
    );
    for (const field of ['from', 'to'] as const) {
      if (found[field] === undefined)
        throw new AppError('NOT_FOUND', `${field}: no entity has id ${JSON.stringify(args[field])}`, {
          field,
        });
    }
    if (found.from === found.to) throw bad('to', 'is the same entity as from');
    return { paths: found.paths.map(toPath), sources: found.sources };
  }

  async commonConnections(a: string, b: string, limit = COMMON_CONNECTIONS) {
    const ids = await this.current({ a, b });
    if (ids.a === ids.b) throw bad('b', 'is the same entity as a');
    return this.repository().common(ids.a, ids.b, limit);
  }

  /** The earliest MAX_TIMELINE_EVENTS entries of an entity's timeline (see TraversalRepository.timeline). */
  async timeline(args: TimelineArgs): Promise<TimelineRow[]> {
    return (await this.readTimeline(args, { skip: 0, limit: this.limits.maxTimelineEvents })).entries;
  }

  /** A page of an entity's timeline, `first` from `after` as every page of this API, and how many it has. */
  async timelinePage(args: TimelineArgs & { first?: number; after?: string }): Promise<Page<TimelineRow>> {
    const window = pageWindow(args.first, args.after, this.limits.maxPageSize, this.limits.defaultPageSize);
    const found = await this.readTimeline(args, window);
    return toPage(found.entries, window.skip, found.total);
  }

  private async readTimeline(
    args: TimelineArgs,
    window: { skip: number; limit: number },
  ): Promise<{ total: number; entries: TimelineRow[] }> {
    this.range(args.from, args.to);
    const found = await this.repository().timeline({
      id: args.id,
      from: args.from ?? null,
      to: args.to ?? null,
      includeSubUnits: args.includeSubUnits ?? false,
      includePeople: args.includePeople ?? false,
      ...window,
    });
    if (!found) throw notFound('id', args.id);
    return found;
  }

  private repository(): TraversalRepository {
    return new TraversalRepository(this.databases.get());
  }

  private depth(field: string, value: number): number {
    if (!Number.isInteger(value) || value < 1 || value > this.limits.maxTraversalDepth) {
      throw bad(
        field,
        `must be from 1 to ${this.limits.maxTraversalDepth} (MAX_TRAVERSAL_DEPTH), got ${value}`,
      );
    }
    return value;
  }

  private kinds(kinds: RelationshipKind[] | undefined): RelationshipKind[] {
    return kinds?.length ? kinds : ALL_KINDS;
  }

  private range(from: string | undefined, to: string | undefined): void {
    if (from !== undefined && to !== undefined && from > to) throw bad('from', `${from} is after to (${to})`);
  }

  /** The current ids of the given ones (a merged id gives the kept entity's); NOT_FOUND names the first unknown. */
  private async current<K extends string>(ids: Record<K, string>): Promise<Record<K, string>> {
    const found = await this.repository().resolveIds(Object.values(ids));
    const current = {} as Record<K, string>;
    for (const [field, id] of Object.entries(ids) as [K, string][]) {
      const now = found.get(id);
      if (now === undefined) throw notFound(field, id);
      current[field] = now;
    }
    return current;
  }
}

function toPath({ nodes, edges }: PathRows): Path {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hops = edges.map((edge, i) => ({
    from: nodes[i] as GraphNode,
    to: nodes[i + 1] as GraphNode,
    edge,
    explanation: explainEdge(edge, byId.get(edge.from) as GraphNode, byId.get(edge.to) as GraphNode),
  }));
  return {
    length: edges.length,
    summary: `${String(nodes[0]?.name)} to ${String(nodes[nodes.length - 1]?.name)} in ${edges.length} hops: ${hops.map((h) => h.explanation).join('; ')}`,
    nodes,
    hops,
  };
}
