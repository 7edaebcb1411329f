import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../db/graph.record';
import { DateScalar } from '../graphql/date.scalar';
import { firstArg, firstItems } from '../graphql/list.bounds';
import { selectedProperties } from '../graphql/prefetch.plan';
import type { RequestContext } from '../graphql/request.context';
import { EntityKind } from '../modules/entity/entity.type';
import { Source } from '../modules/source/source.type';
import { DEFAULT_PATHS, type Path, type TraversalService } from './traversal.service';
import {
  CommonConnection,
  GraphEdge,
  GraphPath,
  RelationshipKind,
  Subgraph,
  TimelineEntry,
} from './traversal.type';

/** A timeline entry as TimelineEntry's fields read it: the entity it came through still to be loaded. */
interface Timeline {
  date: unknown;
  event: GraphNode;
  role: string | undefined;
  via: Promise<GraphNode | undefined>;
}

@Resolver()
export class TraversalResolver {
  @Query(() => Subgraph, { description: 'The entities and relationships around one entity, ready to draw.' })
  neighborhood(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('depth', () => Int, {
      nullable: true,
      description: 'Hops from the entity (default 1; at most MAX_TRAVERSAL_DEPTH).',
    })
    depth?: number,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
    @Arg('entityKinds', () => [EntityKind], { nullable: true }) entityKinds?: EntityKind[],
    @Arg('from', () => DateScalar, {
      nullable: true,
      description: 'Leave out events and positions that ended before.',
    })
    from?: string,
    @Arg('to', () => DateScalar, {
      nullable: true,
      description: 'Leave out events and positions that began after.',
    })
    to?: string,
    @Arg('limit', () => Int, {
      nullable: true,
      description: 'Most nodes (default and bound: MAX_NEIGHBORHOOD_NODES).',
    })
    limit?: number,
  ): ReturnType<TraversalService['neighborhood']> {
    return ctx.services.traversal.neighborhood({
      id,
      depth,
      relationshipKinds,
      entityKinds,
      from,
      to,
      limit,
      // Only what the selection shows of each node crosses from Neo4j: a drawing needs little of it.
      properties: selectedProperties(info, 'nodes'),
      // An edge's id is made of its ends, kind and key.
      edgeProperties: [...selectedProperties(info, 'edges'), 'key'],
    });
  }

  @Query(() => GraphPath, {
    nullable: true,
    description: 'The shortest chain linking two entities; null when none is within maxDepth.',
  })
  async shortestPath(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Ctx() ctx: RequestContext,
    @Arg('maxDepth', () => Int, { nullable: true }) maxDepth?: number,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
  ): Promise<Path | undefined> {
    const [path] = await ctx.services.traversal.paths({ from, to, maxDepth, relationshipKinds, first: 1 });
    return path;
  }

  @Query(() => [GraphPath], { description: 'The shortest chains linking two entities, shortest first.' })
  paths(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Ctx() ctx: RequestContext,
    @Arg('maxDepth', () => Int, { nullable: true }) maxDepth?: number,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many paths (default ${DEFAULT_PATHS}; at most MAX_PATHS).`,
    })
    first?: number,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
  ): Promise<Path[]> {
    return ctx.services.traversal.paths({ from, to, maxDepth, first, relationshipKinds });
  }

  @Query(() => [CommonConnection], {
    description: 'The institutions, events and people both entities are linked to.',
  })
  commonConnections(
    @Arg('a', () => ID) a: string,
    @Arg('b', () => ID) b: string,
    @Ctx() ctx: RequestContext,
  ): ReturnType<TraversalService['commonConnections']> {
    return ctx.services.traversal.commonConnections(a, b);
  }

  @Query(() => [TimelineEntry], { description: 'Events involving an entity, in date order.' })
  async timeline(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
    @Arg('includeSubUnits', {
      nullable: true,
      description: 'Also the events of its departments and other parts.',
    })
    includeSubUnits?: boolean,
    @Arg('includePeople', {
      nullable: true,
      description: 'Also the events of its people, while they held their positions.',
    })
    includePeople?: boolean,
  ): Promise<Timeline[]> {
    const entries = await ctx.services.traversal.timeline({ id, from, to, includeSubUnits, includePeople });
    return entries.map((entry) => ({
      date: entry.event.date,
      event: entry.event,
      role: entry.role,
      via: ctx.graph.node(entry.viaId),
    }));
  }
}

@Resolver(() => GraphEdge)
export class GraphEdgeResolver {
  @FieldResolver(() => [Source], { description: 'The documents that state this relationship.' })
  sources(
    @Root() edge: GraphEdge,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('GraphEdge.sources')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('GraphEdge.sources', first, () => ctx.graph.sources(edge.sourceIds));
  }
}
