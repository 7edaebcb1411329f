import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { firstArg, firstItems } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
import { Source } from '../source/source.type';
import { Entity, LocalizedName, Node } from './entity.type';

@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id (Relay).' })
  node(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphNode | undefined> {
    return ctx.graph.nodeFor(id, info);
  }

  @FieldResolver(() => [LocalizedName], {
    description:
      'Names in other languages; for an institution also the names it bore for a time (since, until).',
  })
  names(@Root() entity: GraphNode, @Ctx() ctx: RequestContext): LocalizedName[] {
    return ctx.graph.names(entity);
  }

  @FieldResolver(() => [Source], { description: 'The documents that state this entity.' })
  sources(
    @Root() entity: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Entity.sources')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Entity.sources', first, () => ctx.graph.sources(entity.sourceIds as string[]));
  }
}
