import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { connectionType, type Page } from '../../graphql/connection.type';
import { countOf, firstArg, firstItems } from '../../graphql/list.bounds';
import { linkProperties } from '../../graphql/prefetch.plan';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { Agreement } from '../agreement/agreement.type';
import { EventFilter, EventSort } from '../entity/entity-list.input';
import { Entity } from '../entity/entity.type';
import { PageArgs } from '../institution/institution.resolver';
import { Country, Place } from '../place/place.type';
import { Source } from '../source/source.type';
import { Event, Participation, ParticipantRole } from './event.type';

export const EventConnection = connectionType('Event', Event);

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  async event(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphNode | undefined> {
    const node = await ctx.graph.nodeFor(id, info);
    return node?.labels.includes('Event') ? node : undefined;
  }

  @Query(() => EventConnection, {
    description: 'Events, filtered and sorted (by date unless asked), a page at a time.',
  })
  events(
    @Ctx() ctx: RequestContext,
    @Args() paging: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
    @Arg('sort', () => EventSort, { nullable: true }) sort?: EventSort,
  ): Promise<Page<GraphNode>> {
    return ctx.services.lists.events(filter, sort, paging);
  }

  @FieldResolver(() => Place, { nullable: true, description: 'Where it happened.' })
  place(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Event.place', event.id);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.country(event.id);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: 'The event this one is part of (a meeting within a visit).',
  })
  parentEvent(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Event.parentEvent', event.id);
  }

  @FieldResolver(() => [Event], { description: 'Its parts, in their order.' })
  subEvents(
    @Root() event: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Event.subEvents')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Event.subEvents', event.id, first);
  }

  @FieldResolver(() => Int, countOf('Event.subEvents'))
  subEventsCount(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Event.subEvents', event.id);
  }

  @FieldResolver(() => [Participation], { description: 'Who took part, in which role.' })
  participants(
    @Root() event: GraphNode,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('roles', () => [ParticipantRole], { nullable: true }) roles?: ParticipantRole[],
    @Arg('first', () => Int, firstArg('Event.participants')) first?: number,
  ): Maybe<Participation[]> {
    return ctx.graph.participants(event.id, first, linkProperties(info), roles);
  }

  @FieldResolver(() => Int, countOf('Event.participants'))
  participantsCount(
    @Root() event: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('roles', () => [ParticipantRole], { nullable: true }) roles?: ParticipantRole[],
  ): Maybe<number> {
    return ctx.graph.count('Event.participants', event.id, { roles });
  }

  @FieldResolver(() => [Entity], { description: 'The institutions or places visited or inspected.' })
  sites(
    @Root() event: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Event.sites')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Event.sites', event.id, first);
  }

  @FieldResolver(() => Int, countOf('Event.sites'))
  sitesCount(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Event.sites', event.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements reached at it.' })
  agreements(
    @Root() event: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Event.agreements')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Event.agreements', event.id, first);
  }

  @FieldResolver(() => Int, countOf('Event.agreements'))
  agreementsCount(@Root() event: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Event.agreements', event.id);
  }
}

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => Entity, { description: 'The person or institution.' })
  participant(
    @Root() participation: Participation,
    @Ctx() ctx: RequestContext,
  ): Maybe<GraphNode | undefined> {
    return ctx.graph.node(participation.participantId);
  }

  @FieldResolver(() => Event)
  event(@Root() participation: Participation, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.node(participation.eventId);
  }

  @FieldResolver(() => [Source], { description: 'The documents that state this participation.' })
  sources(
    @Root() participation: Participation,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Participation.sources')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Participation.sources', first, () => ctx.graph.sources(participation.sourceIds));
  }
}
