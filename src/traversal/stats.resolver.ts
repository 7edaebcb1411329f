import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/request.context';
import { TOP_ENTITIES } from './stats.service';
import { CountryCount, CountryPair, EntityDegree, KindCount, PeriodCount, Stats } from './stats.type';

@Resolver(() => Stats)
export class StatsResolver {
  @Query(() => Stats, { description: 'Counts and aggregates for dashboards.' })
  stats(): Stats {
    return {};
  }

  @FieldResolver(() => [KindCount], { description: 'Entities by kind, most first.' })
  entitiesByKind(@Ctx() ctx: RequestContext): Promise<KindCount[]> {
    return ctx.services.stats.entitiesByKind(ctx);
  }

  @FieldResolver(() => [CountryCount], { description: 'Institutions by country, most first.' })
  institutionsByCountry(@Ctx() ctx: RequestContext): Promise<CountryCount[]> {
    return ctx.services.stats.institutionsByCountry(ctx);
  }

  @FieldResolver(() => [PeriodCount])
  eventsPerYear(@Ctx() ctx: RequestContext): Promise<PeriodCount[]> {
    return ctx.services.stats.eventsPer(ctx, 'year');
  }

  @FieldResolver(() => [PeriodCount])
  eventsPerMonth(@Ctx() ctx: RequestContext): Promise<PeriodCount[]> {
    return ctx.services.stats.eventsPer(ctx, 'month');
  }

  @FieldResolver(() => [EntityDegree], { description: 'The most connected entities.' })
  topEntities(
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { nullable: true }) limit?: number,
  ): Promise<EntityDegree[]> {
    return ctx.services.stats.topEntities(ctx, limit ?? TOP_ENTITIES.default);
  }

  @FieldResolver(() => [CountryPair], { description: 'Events and agreements across pairs of countries.' })
  countryCooperation(@Ctx() ctx: RequestContext): Promise<CountryPair[]> {
    return ctx.services.stats.countryCooperation(ctx);
  }
}
