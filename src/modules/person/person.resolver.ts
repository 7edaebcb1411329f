import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { connectionType, type Page } from '../../graphql/connection.type';
import { countOf, firstArg, firstItems } from '../../graphql/list.bounds';
import { DateScalar } from '../../graphql/date.scalar';
import { linkProperties } from '../../graphql/prefetch.plan';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { NameSort, PersonFilter } from '../entity/entity-list.input';
import { Participation } from '../event/event.type';
import { PageArgs } from '../institution/institution.resolver';
import { Institution } from '../institution/institution.type';
import { Source } from '../source/source.type';
import { AS_OF, Person, Position } from './person.type';

export const PersonConnection = connectionType('Person', Person);

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  async person(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphNode | undefined> {
    const node = await ctx.graph.nodeFor(id, info);
    return node?.__typename === 'Person' ? node : undefined;
  }

  @Query(() => PersonConnection, { description: 'People, filtered and sorted, a page at a time.' })
  people(
    @Ctx() ctx: RequestContext,
    @Args() paging: PageArgs,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @Arg('sort', () => NameSort, { nullable: true }) sort?: NameSort,
  ): Promise<Page<GraphNode>> {
    return ctx.services.lists.people(filter, sort, paging);
  }

  @FieldResolver(() => [Position], { description: 'Positions held, with titles and dates.' })
  positions(
    @Root() person: GraphNode,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, AS_OF)
    asOf?: string,
    @Arg('first', () => Int, firstArg('Person.positions')) first?: number,
  ): Maybe<Position[]> {
    return ctx.graph.positions('Person.positions', person.id, first, linkProperties(info), asOf);
  }

  @FieldResolver(() => Int, countOf('Person.positions'))
  positionsCount(
    @Root() person: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, AS_OF)
    asOf?: string,
  ): Maybe<number> {
    return ctx.graph.count('Person.positions', person.id, { asOf });
  }

  @FieldResolver(() => [Participation], { description: 'Events taken part in, in date order.' })
  events(
    @Root() person: GraphNode,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, firstArg('Person.events')) first?: number,
  ): Maybe<Participation[]> {
    return ctx.graph.involvements('Person.events', person.id, first, linkProperties(info));
  }

  @FieldResolver(() => Int, countOf('Person.events'))
  eventsCount(@Root() person: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Person.events', person.id);
  }
}

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Person)
  person(@Root() position: Position, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.node(position.personId);
  }

  @FieldResolver(() => Institution)
  institution(@Root() position: Position, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.node(position.institutionId);
  }

  @FieldResolver(() => [Source], { description: 'The documents that state this position.' })
  sources(
    @Root() position: Position,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Position.sources')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Position.sources', first, () => ctx.graph.sources(position.sourceIds));
  }
}
