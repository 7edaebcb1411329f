import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { countOf, firstArg } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { Entity } from '../entity/entity.type';
import { Event } from '../event/event.type';
import { Institution } from '../institution/institution.type';
import { Agreement, Commitment, Framework } from './agreement.type';

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => [String], { description: 'The areas of cooperation it names.' })
  areas(@Root() agreement: GraphNode): string[] {
    return (agreement.areas as string[] | undefined) ?? [];
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event at which it was reached.' })
  reachedAt(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Agreement.reachedAt', agreement.id);
  }

  @FieldResolver(() => [Institution])
  parties(
    @Root() agreement: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Agreement.parties')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Agreement.parties', agreement.id, first);
  }

  @FieldResolver(() => Int, countOf('Agreement.parties'))
  partiesCount(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Agreement.parties', agreement.id);
  }

  @FieldResolver(() => Framework, { nullable: true, description: 'The framework it sits under.' })
  framework(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Agreement.framework', agreement.id);
  }

  @FieldResolver(() => [Commitment], { description: 'What the parties committed to, in order.' })
  commitments(
    @Root() agreement: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Agreement.commitments')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Agreement.commitments', agreement.id, first);
  }

  @FieldResolver(() => Int, countOf('Agreement.commitments'))
  commitmentsCount(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Agreement.commitments', agreement.id);
  }
}

@Resolver(() => Commitment)
export class CommitmentResolver {
  @FieldResolver(() => [Entity], { description: 'What it is about: a platform, parks ...' })
  concerns(
    @Root() commitment: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Commitment.concerns')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Commitment.concerns', commitment.id, first);
  }

  @FieldResolver(() => Int, countOf('Commitment.concerns'))
  concernsCount(@Root() commitment: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Commitment.concerns', commitment.id);
  }

  @FieldResolver(() => Framework, {
    nullable: true,
    description: 'A framework named for this commitment alone.',
  })
  framework(@Root() commitment: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Commitment.framework', commitment.id);
  }
}

@Resolver(() => Framework)
export class FrameworkResolver {
  @FieldResolver(() => [Institution], { description: 'The institutions whose cooperation it frames.' })
  parties(
    @Root() framework: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Framework.parties')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Framework.parties', framework.id, first);
  }

  @FieldResolver(() => Int, countOf('Framework.parties'))
  partiesCount(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Framework.parties', framework.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements under it.' })
  agreements(
    @Root() framework: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Framework.agreements')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Framework.agreements', framework.id, first);
  }

  @FieldResolver(() => Int, countOf('Framework.agreements'))
  agreementsCount(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Framework.agreements', framework.id);
  }
}
