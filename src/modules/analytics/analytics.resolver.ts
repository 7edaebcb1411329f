import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/request.context';
import {
  AnalyticsScope,
  BrokerSide,
  BrokersResult,
  CentralityMeasure,
  CentralityResult,
  CommunitiesResult,
  SimilarResult,
} from './analytics.type';

const FIRST = 'How many to return (default 10; at most MAX_ANALYTICS_RESULTS).';

@Resolver()
export class AnalyticsResolver {
  @Query(() => CentralityResult, { description: 'Institutions and people ranked by a centrality measure.' })
  centrality(
    @Ctx() ctx: RequestContext,
    @Arg('measure', () => CentralityMeasure) measure: CentralityMeasure,
    @Arg('scope', () => AnalyticsScope, { nullable: true }) scope?: AnalyticsScope,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<CentralityResult> {
    return ctx.services.analytics.centrality(measure, scope, first);
  }

  @Query(() => CommunitiesResult, {
    description:
      'Groups of institutions and people more linked to each other than to the rest (Louvain), largest first.',
  })
  communities(
    @Ctx() ctx: RequestContext,
    @Arg('scope', () => AnalyticsScope, { nullable: true }) scope?: AnalyticsScope,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<CommunitiesResult> {
    return ctx.services.analytics.communities(scope, first);
  }

  @Query(() => BrokersResult, {
    description:
      'Entities on the shortest paths between two sides (entities or countries), most paths first.',
  })
  brokers(
    @Ctx() ctx: RequestContext,
    @Arg('a', () => BrokerSide) a: BrokerSide,
    @Arg('b', () => BrokerSide) b: BrokerSide,
    @Arg('scope', () => AnalyticsScope, { nullable: true }) scope?: AnalyticsScope,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<BrokersResult> {
    return ctx.services.analytics.brokers(a, b, scope, first);
  }

  @Query(() => SimilarResult, {
    description:
      'Institutions (or people) most alike to one, by the partners, events and agreements they share.',
  })
  similar(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<SimilarResult> {
    return ctx.services.analytics.similar(id, first);
  }
}
