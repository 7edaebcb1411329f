import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { countOf, firstArg } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
import type { Maybe } from '../../graphql/request.loaders';
import { Country, Place } from './place.type';

@Resolver(() => Place)
export class PlaceResolver {
  @FieldResolver(() => Place, {
    nullable: true,
    description: 'The place it is within: a city its region, a region its country.',
  })
  within(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Maybe<GraphNode | undefined> {
    return ctx.graph.one('Place.within', place.id);
  }

  @FieldResolver(() => [Place], { description: 'The places within it.' })
  places(
    @Root() place: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Place.places')) first?: number,
  ): Maybe<GraphNode[]> {
    return ctx.graph.list('Place.places', place.id, first);
  }

  @FieldResolver(() => Int, countOf('Place.places'))
  placesCount(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Maybe<number> {
    return ctx.graph.count('Place.places', place.id);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.country(place.id);
  }
}
