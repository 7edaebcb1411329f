import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import type { Page } from '../../graphql/connection.type';
import { firstArg, firstItems } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
import { EntityKind } from '../entity/entity.type';
import { PageArgs } from '../institution/institution.resolver';
import { Source } from '../source/source.type';
import {
  CandidateStatus,
  CandidatePair,
  CandidatePairConnection,
  UnmergePayload,
  type CandidateRecord,
} from './review.type';

@Resolver(() => CandidatePair)
export class ReviewResolver {
  @Query(() => CandidatePairConnection, {
    description:
      'Pairs entity resolution could not decide, most likely first (score, then id), a page at a time.',
  })
  resolutionCandidates(
    @Ctx() ctx: RequestContext,
    @Args() paging: PageArgs,
    @Arg('categories', () => [EntityKind], { nullable: true }) categories?: EntityKind[],
    @Arg('status', () => CandidateStatus, { defaultValue: CandidateStatus.OPEN }) status?: CandidateStatus,
  ): Promise<Page<CandidateRecord>> {
    return ctx.services.review.candidates(paging, categories, status);
  }

  @FieldResolver(() => [Source], { description: 'The documents that raised the pair.' })
  sources(
    @Root() candidate: CandidateRecord,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('CandidatePair.sources')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('CandidatePair.sources', first, () => ctx.graph.sources(candidate.sourceIds));
  }

  @Mutation(() => CandidatePair, {
    description: 'Confirms that the pair is one entity: merges the other into keepId (undo with unmerge).',
  })
  @Authorized('admin')
  confirmMatch(
    @Arg('id', () => ID) id: string,
    @Arg('keepId', () => ID) keepId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidateRecord> {
    return ctx.services.review.confirm(id, keepId);
  }

  @Mutation(() => CandidatePair, {
    description: 'Rejects the pair: resolution will not propose or merge the two again.',
  })
  @Authorized('editor')
  rejectMatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CandidateRecord> {
    return ctx.services.review.reject(id);
  }

  @Mutation(() => UnmergePayload, {
    description:
      'Undoes a merge exactly, or refuses (CONFLICT) when what it would restore has changed since.',
  })
  @Authorized('admin')
  async unmerge(
    @Arg('mergedId', () => ID) mergedId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<{ restored: GraphNode | undefined; kept: GraphNode | undefined }> {
    const { restored, kept } = await ctx.services.review.unmerge(mergedId);
    return { restored: await ctx.graph.node(restored), kept: await ctx.graph.node(kept) };
  }
}
