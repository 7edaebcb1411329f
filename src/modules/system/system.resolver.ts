import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/request.context';
import { About } from './system.type';

@Resolver()
export class SystemResolver {
  @Query(() => About, { description: 'The API and the Neo4j server behind it.' })
  about(@Ctx() ctx: RequestContext): Promise<About> {
    return ctx.services.system.about();
  }
}
