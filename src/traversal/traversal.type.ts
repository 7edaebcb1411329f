import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FACT_RELATIONSHIP_TYPES, type FactRelationshipType } from '../db/identifier.whitelist';
import { connectionType } from '../graphql/connection.type';
import { DateScalar } from '../graphql/date.scalar';
import { Entity } from '../modules/entity/entity.type';
import { Event, ParticipantRole } from '../modules/event/event.type';

/** The schema's RelationshipKind: the relationships documents state between entities, from the whitelist. */
export const RelationshipKind = Object.fromEntries(FACT_RELATIONSHIP_TYPES.map((type) => [type, type])) as {
  readonly [K in FactRelationshipType]: K;
};
export type RelationshipKind = FactRelationshipType;
registerEnumType(RelationshipKind, {
  name: 'RelationshipKind',
  description: 'The kinds of relationship between entities.',
});

@ObjectType({ description: 'A relationship, as a graph view draws it: from, to, kind, and what it says.' })
export class GraphEdge {
  @Field(() => ID, { description: 'Stable for the same relationship.' })
  id!: string;

  @Field(() => RelationshipKind)
  kind!: RelationshipKind;

  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => ParticipantRole, { nullable: true, description: 'For a participation: the role.' })
  role?: string;

  @Field({ nullable: true, description: 'For a position: the title.' })
  title?: string;

  @Field({ nullable: true })
  capacity?: string;

  @Field(() => DateScalar, { nullable: true })
  since?: string;

  @Field(() => DateScalar, { nullable: true })
  until?: string;

  @Field(() => Int, { nullable: true })
  order?: number;

  sourceIds!: string[];
}

@ObjectType({ description: 'Part of the graph around an entity.' })
export class Subgraph {
  @Field(() => [Entity])
  nodes!: unknown[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];

  @Field({ description: 'True when the size limit cut the neighbourhood short.' })
  truncated!: boolean;
}

@ObjectType({ description: 'One step of a path, with what links its two ends and who says so.' })
export class PathHop {
  @Field(() => Entity)
  from!: unknown;

  @Field(() => Entity)
  to!: unknown;

  @Field(() => GraphEdge)
  edge!: GraphEdge;

  @Field({ description: 'A sentence saying what the relationship is, with its date where it has one.' })
  explanation!: string;
}

@ObjectType({ description: 'A chain of entities, each hop explained.' })
export class GraphPath {
  @Field(() => Int, { description: 'Number of hops.' })
  length!: number;

  @Field({ description: 'The whole path in one line.' })
  summary!: string;

  @Field(() => [Entity])
  nodes!: unknown[];

  @Field(() => [PathHop])
  hops!: PathHop[];
}

@ObjectType({ description: 'An entity both sides are linked to, with how each is linked.' })
export class CommonConnection {
  @Field(() => Entity)
  node!: unknown;

  @Field(() => [GraphEdge])
  viaA!: GraphEdge[];

  @Field(() => [GraphEdge])
  viaB!: GraphEdge[];
}

@ObjectType({ description: 'An event on an entity’s timeline, and who of it was involved.' })
export class TimelineEntry {
  @Field(() => DateScalar, { nullable: true })
  date?: string;

  @Field(() => Event)
  event!: unknown;

  @Field(() => ParticipantRole)
  role!: string;

  @Field(() => Entity, {
    description: 'Who was involved: the entity itself, a sub-unit, or one of its people.',
  })
  via!: unknown;
}

export const TimelineEntryConnection = connectionType('TimelineEntry', TimelineEntry);
