import type { GraphQLResolveInfo } from 'graphql';
import type { GraphNode, Related } from '../../db/graph.record';
import { operationProperties, stepsOf } from '../../graphql/prefetch.plan';
import type { RelatedTree } from './entity.repository';
import type { RequestLoaders } from '../../graphql/request.loaders';
import type { LocalizedName } from './entity.type';
import type { Participation, ParticipantRole } from '../event/event.type';
import type { Position } from '../person/person.type';
import { nameAsOf, namesOf } from '../institution/name.history';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const byDateThenName = (a: Record<string, unknown>, b: Record<string, unknown>): number =>
  text(a.date).localeCompare(text(b.date)) || text(a.name).localeCompare(text(b.name));

const bySinceThenTitle = (a: Position, b: Position): number =>
  text(a.since).localeCompare(text(b.since)) || a.title.localeCompare(b.title);

const first = (related: Related[]): GraphNode | undefined => related[0]?.node;
const nodes = (related: Related[]): GraphNode[] => related.map((r) => r.node);
const sourceIdsOf = (rel: Record<string, unknown>): string[] => (rel.sourceIds as string[] | undefined) ?? [];

/** A position is held on a date when it began on or before it and had not ended before it. */
export function heldOn(position: Pick<Position, 'since' | 'until'>, asOf: string | undefined): boolean {
  if (asOf === undefined) return true;
  return (
    (position.since === undefined || position.since <= asOf) &&
    (position.until === undefined || position.until >= asOf)
  );
}

/**
 * How the graph's relationships read as GraphQL fields, both ways: which relationship type and direction each
 * field follows, and the rules on top (validity dates, date order). One per request, over its loaders.
 */
export class RelationshipService {
  constructor(private readonly loaders: RequestLoaders) {}

  node(id: string): Promise<GraphNode | undefined> {
    return this.loaders.nodes.load(id);
  }

  /** The node, with what the selection being resolved will read under it fetched in the same round trip. */
  async nodeFor(id: string, info: GraphQLResolveInfo): Promise<GraphNode | undefined> {
    await this.lookAhead([id], info);
    return this.node(id);
  }

  /** Fills the loaders with nodes and what was read around them (RequestLoaders.prefetch). */
  prime(trees: { node: GraphNode; related?: Record<string, RelatedTree[] | null> }[], keys: string[]): void {
    for (const { node, related } of trees) this.loaders.primeTree(node, related, keys);
  }

  /** Reads ahead for entities about to be resolved (prefetch.plan.ts): one query instead of one per level. */
  async lookAhead(ids: readonly string[], info: GraphQLResolveInfo, under?: string): Promise<void> {
    const steps = stepsOf(info, under);
    if (steps.length > 0 && ids.length > 0)
      await this.loaders.prefetch(ids, steps, operationProperties(info));
  }

  names(entity: GraphNode): LocalizedName[] {
    return namesOf(entity);
  }

  /** The name an institution bore on `asOf` (today when not given), from its dated names. */
  nameAsOf(entity: GraphNode, asOf = new Date().toISOString().slice(0, 10)): string {
    return nameAsOf(String(entity.name), namesOf(entity), asOf);
  }

  async succeededBy(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('SUCCEEDED_BY', 'OUT', id));
  }

  async precededBy(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('SUCCEEDED_BY', 'IN', id));
  }

  sources(sourceIds: readonly string[] | undefined): Promise<GraphNode[]> {
    return this.loaders.nodesByIds(sourceIds ?? []);
  }

  async place(id: string): Promise<GraphNode | undefined> {
    return (
      first(await this.loaders.related('LOCATED_IN', 'OUT', id)) ??
      first(await this.loaders.related('HELD_IN', 'OUT', id))
    );
  }

  async country(id: string): Promise<GraphNode | undefined> {
    return (await this.loaders.countries.load(id))?.country;
  }

  /** Whether its country is stated (its own place) or inferred (a PART_OF ancestor's); none without one. */
  async countrySource(id: string): Promise<'STATED' | 'INFERRED' | undefined> {
    const found = await this.loaders.countries.load(id);
    return found && (found.inferred ? 'INFERRED' : 'STATED');
  }

  async parent(id: string): Promise<GraphNode | undefined> {
    return first(await this.loaders.related('PART_OF', 'OUT', id));
  }

  async parts(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('PART_OF', 'IN', id));
  }

  async placesWithin(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('LOCATED_IN', 'IN', id)).filter((n) =>
      n.labels.includes('Place'),
    );
  }

  async managedBy(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('MANAGES', 'IN', id));
  }

  async manages(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('MANAGES', 'OUT', id));
  }

  async operates(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('OPERATES', 'OUT', id));
  }

  async operatedBy(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('OPERATES', 'IN', id));
  }

  async positionsOfPerson(personId: string, asOf?: string): Promise<Position[]> {
    const related = await this.loaders.related('HOLDS_POSITION', 'OUT', personId);
    return related
      .map((r) => this.position(r.rel, personId, r.node.id))
      .filter((p) => heldOn(p, asOf))
      .sort(bySinceThenTitle);
  }

  async positionsAt(institutionId: string, asOf?: string): Promise<Position[]> {
    const related = await this.loaders.related('HOLDS_POSITION', 'IN', institutionId);
    return related
      .map((r) => this.position(r.rel, r.node.id, institutionId))
      .filter((p) => heldOn(p, asOf))
      .sort(bySinceThenTitle);
  }

  async participants(eventId: string, roles?: ParticipantRole[]): Promise<Participation[]> {
    const related = await this.loaders.related('PARTICIPATED_IN', 'IN', eventId);
    return related
      .map((r) => this.participation(r.rel, r.node.id, eventId))
      .filter((p) => roles === undefined || roles.includes(p.role));
  }

  async sites(eventId: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('AT_SITE', 'OUT', eventId));
  }

  /** Every event an entity took part in, or was the site of, in date order. */
  async involvements(entityId: string): Promise<Participation[]> {
    const [participated, sited] = await Promise.all([
      this.loaders.related('PARTICIPATED_IN', 'OUT', entityId),
      this.loaders.related('AT_SITE', 'IN', entityId),
    ]);
    const rows = [
      ...participated.map((r) => ({
        event: r.node,
        involvement: this.participation(r.rel, entityId, r.node.id),
      })),
      ...sited.map((r) => ({
        event: r.node,
        involvement: {
          role: 'SITE',
          participantId: entityId,
          eventId: r.node.id,
          sourceIds: sourceIdsOf(r.rel),
        } as Participation,
      })),
    ];
    return rows.sort((a, b) => byDateThenName(a.event, b.event)).map((row) => row.involvement);
  }

  async parentEvent(eventId: string): Promise<GraphNode | undefined> {
    return this.parent(eventId);
  }

  async subEvents(eventId: string): Promise<GraphNode[]> {
    return (await this.parts(eventId)).sort(
      (a, b) => Number(a.order ?? 0) - Number(b.order ?? 0) || byDateThenName(a, b),
    );
  }

  async agreementsReachedAt(eventId: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('REACHED_AT', 'IN', eventId));
  }

  async reachedAt(agreementId: string): Promise<GraphNode | undefined> {
    return first(await this.loaders.related('REACHED_AT', 'OUT', agreementId));
  }

  async parties(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('PARTY_TO', 'IN', id));
  }

  /** What it is a party to, agreements or frameworks, in date order. */
  async partyTo(id: string, typename: 'Agreement' | 'Framework'): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('PARTY_TO', 'OUT', id))
      .filter((n) => n.__typename === typename)
      .sort(byDateThenName);
  }

  async framework(id: string): Promise<GraphNode | undefined> {
    return first(await this.loaders.related('UNDER_FRAMEWORK', 'OUT', id));
  }

  /** The agreements under a framework (commitments can sit under one too). */
  async agreementsUnder(frameworkId: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('UNDER_FRAMEWORK', 'IN', frameworkId)).filter(
      (n) => n.__typename === 'Agreement',
    );
  }

  async commitments(agreementId: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('HAS_COMMITMENT', 'OUT', agreementId)).sort(
      (a, b) => Number(a.order) - Number(b.order),
    );
  }

  async concerns(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('CONCERNS', 'OUT', id));
  }

  async concernedBy(id: string): Promise<GraphNode[]> {
    return nodes(await this.loaders.related('CONCERNS', 'IN', id));
  }

  async publisher(sourceId: string): Promise<GraphNode | undefined> {
    return first(await this.loaders.related('PUBLISHED_BY', 'OUT', sourceId));
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
