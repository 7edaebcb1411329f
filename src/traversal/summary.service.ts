import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import type { GraphNode } from '../db/graph.record';
import { pageWindow, toPage, type Page } from '../graphql/connection.type';
import type { EntityKind } from '../modules/entity/entity.type';
import { ParticipantRole } from '../modules/event/event.type';
import { SummaryRepository, type GroupRow, type NeighbourFilter } from './summary.repository';
import { NeighbourOrder, type NeighbourMember, type RelationshipDirection } from './summary.type';
import { RelationshipKind } from './traversal.type';

/** Bounds of a summary: every one is a cost the request limits count on (src/graphql/cost.rules.ts). */
export const SUMMARY = {
  /** Above this many neighbours, groups list only their first members. */
  threshold: { default: 40, max: 100 },
  perGroup: { default: 5, max: 20 },
  /** The most groups an answer lists, largest first (7 kinds of entity by 13 relationships by 2 directions at most). */
  maxGroups: 30,
} as const;

/** The most members a summary can list: all of them below the threshold, else perGroup in each group. */
export const summaryMembers = (threshold: number, perGroup: number): number =>
  Math.max(threshold, SUMMARY.maxGroups * perGroup);

/** Leading roles first in RELEVANCE order: who led or hosted says more than who attended. */
const ROLE_RANKS: Partial<Record<ParticipantRole, number>> = {
  [ParticipantRole.HOST]: 6,
  [ParticipantRole.DELEGATION_LEAD]: 6,
  [ParticipantRole.CO_CHAIR]: 5,
  [ParticipantRole.SIGNATORY]: 5,
  [ParticipantRole.ORGANIZER]: 4,
  [ParticipantRole.CO_SPONSOR]: 4,
  [ParticipantRole.SPEAKER]: 3,
  [ParticipantRole.DELEGATION_MEMBER]: 2,
  [ParticipantRole.ACCOMPANYING]: 1,
};

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

function bounded(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw bad(field, `must be from ${min} to ${max}, got ${value}`);
  }
  return value;
}

const notFound = (id: string): AppError =>
  new AppError('NOT_FOUND', `id: no entity has id ${JSON.stringify(id)}`, { field: 'id' });

export interface SummaryArgs {
  id: string;
  groupThreshold?: number;
  perGroup?: number;
  order?: NeighbourOrder;
  relationshipKinds?: RelationshipKind[];
  from?: string;
  to?: string;
}

/** Big neighbourhoods in groups, and the groups page by page: what a graph view needs to draw a hub readably. */
export class SummaryService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  async summary(
    args: SummaryArgs,
  ): Promise<{ entity: GraphNode; total: number; grouped: boolean; groups: GroupRow[] }> {
    const threshold = bounded(
      'groupThreshold',
      args.groupThreshold ?? SUMMARY.threshold.default,
      0,
      SUMMARY.threshold.max,
    );
    const perGroup = bounded('perGroup', args.perGroup ?? SUMMARY.perGroup.default, 0, SUMMARY.perGroup.max);
    const found = await this.repository().summary({
      id: args.id,
      types: args.relationshipKinds?.length ? args.relationshipKinds : Object.values(RelationshipKind),
      filter: this.filter(args),
      threshold,
      perGroup,
    });
    if (!found) throw notFound(args.id);
    return {
      entity: found.entity,
      total: found.total,
      grouped: found.total > threshold,
      groups: found.groups.slice(0, SUMMARY.maxGroups),
    };
  }

  async page(args: {
    id: string;
    kind: EntityKind;
    relationship: RelationshipKind;
    direction?: RelationshipDirection;
    order?: NeighbourOrder;
    from?: string;
    to?: string;
    first?: number;
    after?: string;
  }): Promise<Page<NeighbourMember>> {
    const { skip, limit } = pageWindow(
      args.first,
      args.after,
      this.limits.maxPageSize,
      this.limits.defaultPageSize,
    );
    const found = await this.repository().page({
      id: args.id,
      kind: args.kind,
      relationship: args.relationship,
      direction: args.direction ?? null,
      filter: this.filter(args),
      skip,
      limit,
    });
    if (!found) throw notFound(args.id);
    return toPage(found.members, skip, found.total);
  }

  private filter(args: { order?: NeighbourOrder; from?: string; to?: string }): NeighbourFilter {
    if (args.from !== undefined && args.to !== undefined && args.from > args.to)
      throw bad('from', `${args.from} is after to (${args.to})`);
    return {
      from: args.from ?? null,
      to: args.to ?? null,
      order: args.order ?? NeighbourOrder.RELEVANCE,
      roleRanks: ROLE_RANKS,
    };
  }

  private repository(): SummaryRepository {
    return new SummaryRepository(this.databases.get());
  }
}
