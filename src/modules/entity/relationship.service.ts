import type { GraphQLResolveInfo } from 'graphql';
import type { GraphNode } from '../../db/graph.record';
import { firstOf, type NestedList } from '../../graphql/list.bounds';
import { stepsOf, type PrefetchStep } from '../../graphql/prefetch.plan';
import {
  thenMaybe,
  type ListPage,
  type Maybe,
  type ReadItem,
  type RequestLoaders,
} from '../../graphql/request.loaders';
import type { ReadResult } from './entity.repository';
import { FIELD_READS, type ReadParams } from './list.reads';
import type { LocalizedName } from './entity.type';
import type { Participation, ParticipantRole } from '../event/event.type';
import type { Position } from '../person/person.type';
import { nameAsOf, namesOf } from '../institution/name.history';

const sourceIdsOf = (rel: Record<string, unknown>): string[] => (rel.sourceIds as string[] | undefined) ?? [];

/** A GraphQL field that reads relationships (list.reads.ts FIELD_READS). */
export type ReadField = keyof typeof FIELD_READS;
/** A nested list among them: it takes `first` (list.bounds.ts) and has a count. */
export type ListField = ReadField & NestedList;

/**
 * How the graph's relationships read as GraphQL fields, both ways: each field reads as list.reads.ts says (the
 * relationship types, the order, the filters), cut to `first` in Cypher, with its count. One per request,
 * over its loaders.
 */
export class RelationshipService {
  constructor(private readonly loaders: RequestLoaders) {}

  node(id: string): Maybe<GraphNode | undefined> {
    return this.loaders.node(id);
  }

  /**
   * The node with `properties` read: a node the look-ahead read for another selection may lack some
   * (node.completion.ts asks before a field of it resolves).
   */
  complete(node: GraphNode, properties: readonly string[]): Promise<GraphNode> {
    return this.loaders.complete(node, properties);
  }

  /** The node, with what the selection being resolved will read under it fetched in the same round trip. */
  async nodeFor(id: string, info: GraphQLResolveInfo): Promise<GraphNode | undefined> {
    await this.lookAhead([id], info);
    return this.node(id);
  }

  /** Fills the loaders with nodes and what the steps read around them (RequestLoaders.prefetch). */
  prime(trees: { node: GraphNode; related?: ReadResult[] | null }[], steps: PrefetchStep[]): void {
    for (const { node, related } of trees) this.loaders.primeTree(node, related, steps);
  }

  /** Reads ahead for entities about to be resolved (prefetch.plan.ts): one query instead of one per level. */
  async lookAhead(ids: readonly string[], info: GraphQLResolveInfo, under?: string): Promise<void> {
    const steps = stepsOf(info, under);
    if (steps.length > 0 && ids.length > 0) await this.loaders.prefetch(ids, steps);
  }

  /** The page of a field's read: its first `first` items (with `relKeys` of each relationship) and the count. */
  private page(
    field: ReadField,
    id: string,
    first: number,
    params: ReadParams = {},
    relKeys: readonly string[] = [],
  ): Maybe<ListPage> {
    return this.loaders.read(FIELD_READS[field].read, id, first, params, relKeys);
  }

  /** A list field's first items (`first` checked against its bounds, the default when absent). */
  list(field: ListField, id: string, first: number | null | undefined): Maybe<GraphNode[]> {
    return thenMaybe(this.page(field, id, firstOf(field, first)), (page) =>
      page.items.map((item) => item.node),
    );
  }

  /** How many a list field holds, under the filter given. */
  count(field: ListField, id: string, params: ReadParams = {}): Maybe<number> {
    return thenMaybe(this.page(field, id, 0, params), (page) => page.count);
  }

  /** A field of one node (a place, a parent): the first of its read. */
  one(field: ReadField, id: string): Maybe<GraphNode | undefined> {
    return thenMaybe(this.page(field, id, 1), (page) => page.items[0]?.node);
  }

  names(entity: GraphNode): LocalizedName[] {
    return namesOf(entity);
  }

  /** The name an institution bore on `asOf` (today when not given), from its dated names. */
  nameAsOf(entity: GraphNode, asOf = new Date().toISOString().slice(0, 10)): string {
    return nameAsOf(String(entity.name), namesOf(entity), asOf);
  }

  sources(sourceIds: readonly string[] | undefined): Promise<GraphNode[]> {
    return this.loaders.nodesByIds(sourceIds ?? []);
  }

  async country(id: string): Promise<GraphNode | undefined> {
    return (await this.loaders.countries.load(id))?.country;
  }

  /** Whether its country is stated (its own place) or inferred (a PART_OF ancestor's); none without one. */
  async countrySource(id: string): Promise<'STATED' | 'INFERRED' | undefined> {
    const found = await this.loaders.countries.load(id);
    return found && (found.inferred ? 'INFERRED' : 'STATED');
  }

  /**
   * Positions held (`Person.positions`) or held at it (`Institution.people`), those held on `asOf` if given.
   * `relKeys`: the relationship properties the selection reads (prefetch.plan.ts linkProperties).
   */
  positions(
    field: 'Person.positions' | 'Institution.people',
    id: string,
    first: number | null | undefined,
    relKeys: readonly string[],
    asOf?: string,
  ): Maybe<Position[]> {
    return thenMaybe(this.page(field, id, firstOf(field, first), { asOf }, relKeys), ({ items }) =>
      items.map((item) =>
        field === 'Person.positions'
          ? this.position(item.rel, id, item.node.id)
          : this.position(item.rel, item.node.id, id),
      ),
    );
  }

  participants(
    eventId: string,
    first: number | null | undefined,
    relKeys: readonly string[],
    roles?: ParticipantRole[],
  ): Maybe<Participation[]> {
    const size = firstOf('Event.participants', first);
    return thenMaybe(this.page('Event.participants', eventId, size, { roles }, relKeys), ({ items }) =>
      items.map((item) => this.participation(item.rel, item.node.id, eventId)),
    );
  }

  /** Every event an entity took part in, or was the site of, in date order. */
  involvements(
    field: 'Institution.events' | 'Person.events',
    entityId: string,
    first: number | null | undefined,
    relKeys: readonly string[],
  ): Maybe<Participation[]> {
    return thenMaybe(this.page(field, entityId, firstOf(field, first), {}, relKeys), ({ items }) =>
      items.map((item) => this.involvement(item, entityId)),
    );
  }

  private involvement(item: ReadItem, entityId: string): Participation {
    if (item.type === 'PARTICIPATED_IN') return this.participation(item.rel, entityId, item.node.id);
    return {
      role: 'SITE',
      participantId: entityId,
      eventId: item.node.id,
      sourceIds: sourceIdsOf(item.rel),
    } as Participation;
  }

  private position(rel: Record<string, unknown>, personId: string, institutionId: string): Position {
    return {
      title: rel.title as string,
      since: (rel.since as string | undefined) ?? undefined,
      until: (rel.until as string | undefined) ?? undefined,
      personId,
      institutionId,
      sourceIds: sourceIdsOf(rel),
    };
  }

  private participation(rel: Record<string, unknown>, participantId: string, eventId: string): Participation {
    return {
      role: rel.role as ParticipantRole,
      capacity: (rel.capacity as string | undefined) ?? undefined,
      participantId,
      eventId,
      sourceIds: sourceIdsOf(rel),
    };
  }
}
