import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { stepsOf } from '../../graphql/prefetch.plan';
import type { RequestContext } from '../../graphql/request.context';
import { EntityKind } from '../entity/entity.type';
import { SearchHit } from './search.type';
import { DEFAULT_SEARCH_HITS } from './search.service';

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: 'Ranked full-text search over names and aliases. Any text is safe.',
  })
  async search(
    @Arg('query') query: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('kinds', () => [EntityKind], { nullable: true }) kinds?: EntityKind[],
    @Arg('first', () => Int, {
      nullable: true,
      description: `How many hits at most (default ${DEFAULT_SEARCH_HITS}).`,
    })
    first?: number,
  ): Promise<{ score: number; node: GraphNode }[]> {
    // What the selection reads under each hit comes in the search's own query.
    const steps = stepsOf(info, 'node');
    const hits = await ctx.services.search.search(query, kinds, first, steps);
    ctx.graph.prime(hits, steps);
    return hits;
  }
}
