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
import type { GraphNode } from '../../db/graph.record';
import { connectionType, type Page } from '../../graphql/connection.type';
import { countOf, firstArg } from '../../graphql/list.bounds';
import { DateScalar } from '../../graphql/date.scalar';
import { linkProperties } from '../../graphql/prefetch.plan';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { Agreement, Commitment, Framework } from '../agreement/agreement.type';
import { InstitutionFilter, NameSort } from '../entity/entity-list.input';
import { Participation } from '../event/event.type';
import { AS_OF, Position } from '../person/person.type';
import { Country, CountrySource, Place } from '../place/place.type';
import { Institution } from './institution.type';

export const InstitutionConnection = connectionType('Institution', Institution);

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size; bounded by the server (MAX_PAGE_SIZE).' })
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;
}

const isInstitution = (node: GraphNode | undefined): node is GraphNode =>
  node?.labels.includes('Institution') ?? false;

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, { nullable: true })
  async institution(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphNode | undefined> {
    const node = await ctx.graph.nodeFor(id, info);
    return isInstitution(node) ? node : undefined;
  }

  @Query(() => InstitutionConnection, { description: 'Institutions, filtered and sorted, a page at a time.' })
  institutions(
    @Ctx() ctx: RequestContext,
    @Args() paging: PageArgs,
    @Arg('filter', () => InstitutionFilter, { nullable: true }) filter?: InstitutionFilter,
    @Arg('sort', () => NameSort, { nullable: true }) sort?: NameSort,
  ): Promise<Page<GraphNode>> {
    return ctx.services.lists.institutions(filter, sort, paging);
  }

  @FieldResolver(() => String, {
    description:
      'Its name on asOf (today when not given), where documents date its names (a rename); else its display name.',
  })
  name(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): string {
    return ctx.graph.nameAsOf(institution, asOf);
  }

  @FieldResolver(() => [Institution], { description: 'The bodies that replaced it.' })
  succeededBy(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.succeededBy')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.succeededBy', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.succeededBy'))
  succeededByCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.succeededBy', institution.id);
  }

  @FieldResolver(() => [Institution], { description: 'The bodies it replaced.' })
  precededBy(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.precededBy')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.precededBy', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.precededBy'))
  precededByCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.precededBy', institution.id);
  }

  @FieldResolver(() => Place, { nullable: true, description: 'Where it is.' })
  place(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Institution.place', institution.id);
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description:
      "Its country: its own place's, else the nearest PART_OF ancestor's (countrySource says which). Filters and stats count it the same way.",
  })
  country(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.country(institution.id);
  }

  @FieldResolver(() => CountrySource, {
    nullable: true,
    description: 'Whether its country is stated or inferred.',
  })
  async countrySource(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
  ): Promise<CountrySource | undefined> {
    const source = await ctx.graph.countrySource(institution.id);
    return source && CountrySource[source];
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'The institution it is part of.' })
  parent(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Institution.parent', institution.id);
  }

  @FieldResolver(() => [Institution], { description: 'Its departments, divisions and other parts.' })
  subUnits(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.subUnits')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.subUnits', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.subUnits'))
  subUnitsCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.subUnits', institution.id);
  }

  @FieldResolver(() => [Institution], { description: 'What it manages (a committee manages a park).' })
  manages(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.manages')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.manages', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.manages'))
  managesCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.manages', institution.id);
  }

  @FieldResolver(() => [Institution])
  managedBy(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.managedBy')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.managedBy', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.managedBy'))
  managedByCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.managedBy', institution.id);
  }

  @FieldResolver(() => [Institution], { description: 'What it operates (a center operates a platform).' })
  operates(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.operates')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.operates', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.operates'))
  operatesCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.operates', institution.id);
  }

  @FieldResolver(() => [Institution])
  operatedBy(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.operatedBy')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.operatedBy', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.operatedBy'))
  operatedByCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.operatedBy', institution.id);
  }

  @FieldResolver(() => [Position], { description: 'Positions held here: its people, with their titles.' })
  people(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, AS_OF)
    asOf?: string,
    @Arg('first', () => Int, firstArg('Institution.people')) first?: number,
  ): Maybe<Position[]> {
    return ctx.graph.positions('Institution.people', institution.id, first, linkProperties(info), asOf);
  }

  @FieldResolver(() => Int, countOf('Institution.people'))
  peopleCount(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, AS_OF)
    asOf?: string,
  ): Maybe<number> {
    return ctx.graph.count('Institution.people', institution.id, { asOf });
  }

  @FieldResolver(() => [Participation], {
    description: 'Events it took part in or was the site of, in date order.',
  })
  events(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, firstArg('Institution.events')) first?: number,
  ): Maybe<Participation[]> {
    return ctx.graph.involvements('Institution.events', institution.id, first, linkProperties(info));
  }

  @FieldResolver(() => Int, countOf('Institution.events'))
  eventsCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.events', institution.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements it is a party to.' })
  agreements(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.agreements')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.agreements', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.agreements'))
  agreementsCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.agreements', institution.id);
  }

  @FieldResolver(() => [Framework], { description: 'Cooperation frameworks it is a party to.' })
  frameworks(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.frameworks')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.frameworks', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.frameworks'))
  frameworksCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.frameworks', institution.id);
  }

  @FieldResolver(() => [Commitment], { description: 'Commitments of agreements that concern it.' })
  concernedBy(
    @Root() institution: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Institution.concernedBy')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Institution.concernedBy', institution.id, first);
  }

  @FieldResolver(() => Int, countOf('Institution.concernedBy'))
  concernedByCount(@Root() institution: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Institution.concernedBy', institution.id);
  }
}
