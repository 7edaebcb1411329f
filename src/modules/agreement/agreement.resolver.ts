import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { countOf, firstArg, firstItems } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
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
  reachedAt(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.reachedAt(agreement.id);
  }

  @FieldResolver(() => [Institution])
  parties(
    @Root() agreement: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Agreement.parties')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Agreement.parties', first, () => ctx.graph.parties(agreement.id));
  }

  @FieldResolver(() => Int, countOf('Agreement.parties'))
  async partiesCount(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.parties(agreement.id)).length;
  }

  @FieldResolver(() => Framework, { nullable: true, description: 'The framework it sits under.' })
  framework(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.framework(agreement.id);
  }

  @FieldResolver(() => [Commitment], { description: 'What the parties committed to, in order.' })
  commitments(
    @Root() agreement: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Agreement.commitments')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Agreement.commitments', first, () => ctx.graph.commitments(agreement.id));
  }

  @FieldResolver(() => Int, countOf('Agreement.commitments'))
  async commitmentsCount(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.commitments(agreement.id)).length;
  }
}

@Resolver(() => Commitment)
export class CommitmentResolver {
  @FieldResolver(() => [Entity], { description: 'What it is about: a platform, parks ...' })
  concerns(
    @Root() commitment: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Commitment.concerns')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Commitment.concerns', first, () => ctx.graph.concerns(commitment.id));
  }

  @FieldResolver(() => Int, countOf('Commitment.concerns'))
  async concernsCount(@Root() commitment: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.concerns(commitment.id)).length;
  }

  @FieldResolver(() => Framework, {
    nullable: true,
    description: 'A framework named for this commitment alone.',
  })
  framework(@Root() commitment: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.framework(commitment.id);
  }
}

@Resolver(() => Framework)
export class FrameworkResolver {
  @FieldResolver(() => [Institution], { description: 'The institutions whose cooperation it frames.' })
  parties(
    @Root() framework: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Framework.parties')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Framework.parties', first, () => ctx.graph.parties(framework.id));
  }

  @FieldResolver(() => Int, countOf('Framework.parties'))
  async partiesCount(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.parties(framework.id)).length;
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements under it.' })
  agreements(
    @Root() framework: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Framework.agreements')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Framework.agreements', first, () => ctx.graph.agreementsUnder(framework.id));
  }

  @FieldResolver(() => Int, countOf('Framework.agreements'))
  async agreementsCount(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.agreementsUnder(framework.id)).length;
  }
}
