import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { countOf, firstArg, firstItems } from '../../graphql/list.bounds';
import type { RequestContext } from '../../graphql/request.context';
import { Country, Place } from './place.type';

@Resolver(() => Place)
export class PlaceResolver {
  @FieldResolver(() => Place, {
    nullable: true,
    description: 'The place it is within: a city its region, a region its country.',
  })
  within(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.place(place.id);
  }

  @FieldResolver(() => [Place], { description: 'The places within it.' })
  places(
    @Root() place: GraphNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, firstArg('Place.places')) first?: number,
  ): Promise<GraphNode[]> {
    return firstItems('Place.places', first, () => ctx.graph.placesWithin(place.id));
  }

  @FieldResolver(() => Int, countOf('Place.places'))
  async placesCount(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.graph.placesWithin(place.id)).length;
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.country(place.id);
  }
}
