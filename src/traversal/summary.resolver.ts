import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphNode } from '../db/graph.record';
import type { Page } from '../graphql/connection.type';
import { DateScalar } from '../graphql/date.scalar';
import type { RequestContext } from '../graphql/request.context';
import { EntityKind } from '../modules/entity/entity.type';
import type { GroupRow } from './summary.repository';
import { SUMMARY } from './summary.service';
import {
  NeighbourhoodSummary,
  NeighbourMemberConnection,
  NeighbourOrder,
  RelationshipDirection,
  type NeighbourMember,
} from './summary.type';
import { RelationshipKind } from './traversal.type';

const groupId = (id: string, g: GroupRow): string => `${id}|${g.kind}|${g.relationship}|${g.direction}`;

@Resolver()
export class SummaryResolver {
  @Query(() => NeighbourhoodSummary, {
    description:
      'An entity’s neighbours in groups by kind and relationship, each counted and dated with its first members: a hub drawn readably, in one query.',
  })
  async neighbourhoodSummary(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('groupThreshold', () => Int, {
      nullable: true,
      description: `Up to this many neighbours, every group lists all its members (default ${SUMMARY.threshold.default}, at most ${SUMMARY.threshold.max}).`,
    })
    groupThreshold?: number,
    @Arg('perGroup', () => Int, {
      nullable: true,
      description: `Above the threshold, how many members each group lists (default ${SUMMARY.perGroup.default}, at most ${SUMMARY.perGroup.max}).`,
    })
    perGroup?: number,
    @Arg('order', () => NeighbourOrder, { nullable: true, description: 'Default RELEVANCE.' })
    order?: NeighbourOrder,
    @Arg('relationshipKinds', () => [RelationshipKind], { nullable: true })
    relationshipKinds?: RelationshipKind[],
    @Arg('from', () => DateScalar, { nullable: true, description: 'Leave out what ended before.' })
    from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Leave out what began after.' })
    to?: string,
  ): Promise<{ entity: GraphNode; total: number; grouped: boolean; groups: (GroupRow & { id: string })[] }> {
    const summary = await ctx.services.summary.summary({
      id,
      groupThreshold,
      perGroup,
      order,
      relationshipKinds,
      from,
      to,
    });
    return { ...summary, groups: summary.groups.map((g) => ({ ...g, id: groupId(summary.entity.id, g) })) };
  }

  @Query(() => NeighbourMemberConnection, {
    description: 'A page of one group of an entity’s neighbours, in the order asked for: “show more”.',
  })
  neighbourhoodGroupPage(
    @Arg('id', () => ID) id: string,
    @Arg('kind', () => EntityKind) kind: EntityKind,
    @Arg('relationship', () => RelationshipKind) relationship: RelationshipKind,
    @Ctx() ctx: RequestContext,
    @Arg('direction', () => RelationshipDirection, { nullable: true, description: 'Both when not given.' })
    direction?: RelationshipDirection,
    @Arg('order', () => NeighbourOrder, { nullable: true, description: 'Default RELEVANCE.' })
    order?: NeighbourOrder,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', { nullable: true }) after?: string,
  ): Promise<Page<NeighbourMember>> {
    // A variable sent as null arrives as null: no cursor, the default page.
    return ctx.services.summary.page({
      id,
      kind,
      relationship,
      direction,
      order,
      from,
      to,
      first: first ?? undefined,
      after: after ?? undefined,
    });
  }
}
