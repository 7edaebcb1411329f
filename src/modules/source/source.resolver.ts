import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { Institution } from '../institution/institution.type';
import { Source } from './source.type';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true })
  async source(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    const node = await ctx.graph.node(id);
    return node?.__typename === 'Source' ? node : undefined;
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The publisher, where it is in the graph.',
  })
  publisherInstitution(@Root() source: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Source.publisher', source.id);
  }
}
