import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphNode } from '../db/graph.record';
import { DateScalar } from '../graphql/date.scalar';
import { firstArg, firstItems } from '../graphql/list.bounds';
import { selectedProperties, selects } from '../graphql/prefetch.plan';
import type { RequestContext } from '../graphql/request.context';
import type { Maybe } from '../graphql/request.loaders';
import { EntityKind } from '../modules/entity/entity.type';
import { Source } from '../modules/source/source.type';
import { DEFAULT_PATHS, type Path, type TimelineRow, type TraversalService } from './traversal.service';
import type { Page } from '../graphql/connection.type';
import {
  CommonConnection,
  GraphEdge,
  GraphPath,
  RelationshipKind,
  Subgraph,
  TimelineEntry,
  TimelineEntryConnection,
} from './traversal.type';

/** A timeline entry as TimelineEntry's fields read it: the entity it came through, maybe still to be loaded. */
interface Timeline {
  date: unknown;
  event: GraphNode;
  role: string | undefined;
  via: Maybe<GraphNode | undefined>;
}

/** What a timeline is of: an entity, a date range, and whether its parts' and people's events count. */
@ArgsType()
class TimelineArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar, { nullable: true })
  from?: string;

  @Field(() => DateScalar, { nullable: true })
  to?: string;

  @Field({ nullable: true, description: 'Also the events of its departments and other parts.' })
  includeSubUnits?: boolean;

  @Field({ nullable: true, description: 'Also the events of its people, while they held their positions.' })
  includePeople?: boolean;
}

/** A row as TimelineEntry's fields read it: the entity it came through loaded with the request's batch. */
const timelineEntry = (row: TimelineRow, ctx: RequestContext): Timeline => ({
  date: row.event.date,
  event: row.event,
  role: row.role,
  via: ctx.graph.node(row.viaId),
});

/**
 * The paths asked for; when the selection shows the documents behind their hops, those come in the same query and
 * the request knows them (their field then reads no more).
 */
async function readPaths(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  args: Omit<Parameters<TraversalService['paths']>[0], 'withSources'>,
): Promise<Path[]> {
  const withSources = selects(info, ['hops', 'edge', 'sources']);
  const { paths, sources } = await ctx.services.traversal.paths({ ...args, withSources });
  ctx.graph.prime(
    sources.map((node) => ({ node })),
    [],
  );
  return paths;
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
    @Info() info: GraphQLResolveInfo,
    @Arg('maxDepth', () => Int, { nullable: true }) maxDepth?: number,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
  ): Promise<Path | undefined> {
    const [path] = await readPaths(ctx, info, { from, to, maxDepth, relationshipKinds, first: 1 });
    return path;
  }

  @Query(() => [GraphPath], { description: 'The shortest chains linking two entities, shortest first.' })
  paths(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('maxDepth', () => Int, { nullable: true }) maxDepth?: number,
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many paths (default ${DEFAULT_PATHS}; at most MAX_PATHS).`,
    })
    first?: number,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
  ): Promise<Path[]> {
    return readPaths(ctx, info, { from, to, maxDepth, first, relationshipKinds });
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

  @Query(() => [TimelineEntry], {
    description: 'Events involving an entity, in date order: the earliest MAX_TIMELINE_EVENTS.',
  })
  async timeline(@Args() of: TimelineArgs, @Ctx() ctx: RequestContext): Promise<Timeline[]> {
    const rows = await ctx.services.traversal.timeline(of);
    return rows.map((row) => timelineEntry(row, ctx));
  }

  @Query(() => TimelineEntryConnection, {
    description:
      'A page of the events involving an entity, in date order, and how many there are: a hub’s timeline page by page.',
  })
  async timelinePage(
    @Args() of: TimelineArgs,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE.',
    })
    first?: number,
    @Arg('after', { nullable: true }) after?: string,
  ): Promise<Page<Timeline>> {
    // A variable sent as null arrives as null: no cursor, the default page.
    const page = await ctx.services.traversal.timelinePage({
      ...of,
      first: first ?? undefined,
      after: after ?? undefined,
    });
    const nodes = page.nodes.map((row) => timelineEntry(row, ctx));
    return { ...page, nodes, edges: page.edges.map((edge, i) => ({ ...edge, node: nodes[i] as Timeline })) };
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
