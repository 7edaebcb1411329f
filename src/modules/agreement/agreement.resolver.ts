import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
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
  parties(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return ctx.graph.parties(agreement.id);
  }

  @FieldResolver(() => Framework, { nullable: true, description: 'The framework it sits under.' })
  framework(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.framework(agreement.id);
  }

  @FieldResolver(() => [Commitment], { description: 'What the parties committed to, in order.' })
  commitments(@Root() agreement: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return ctx.graph.commitments(agreement.id);
  }
}

@Resolver(() => Commitment)
export class CommitmentResolver {
  @FieldResolver(() => [Entity], { description: 'What it is about: a platform, parks ...' })
  concerns(@Root() commitment: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return ctx.graph.concerns(commitment.id);
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
  parties(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return ctx.graph.parties(framework.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements under it.' })
  async agreements(@Root() framework: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return (await ctx.graph.underFramework(framework.id)).filter((n) => n.__typename === 'Agreement');
  }
}
