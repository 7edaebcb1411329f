import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
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
  places(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode[]> {
    return ctx.graph.placesWithin(place.id);
  }

  @FieldResolver(() => Country, { nullable: true })
  country(@Root() place: GraphNode, @Ctx() ctx: RequestContext): Promise<GraphNode | undefined> {
    return ctx.graph.country(place.id);
  }
}
