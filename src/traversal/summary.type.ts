import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { GraphNode } from '../db/graph.record';
import { connectionType } from '../graphql/connection.type';
import { DateScalar } from '../graphql/date.scalar';
import { Entity, EntityKind } from '../modules/entity/entity.type';
import { GraphEdge, RelationshipKind } from './traversal.type';

export enum RelationshipDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(RelationshipDirection, {
  name: 'RelationshipDirection',
  description: 'Which way a relationship points, seen from the entity asked about.',
});

export enum NeighbourOrder {
  RELEVANCE = 'RELEVANCE',
  RECENCY = 'RECENCY',
  DEGREE = 'DEGREE',
  NAME = 'NAME',
}
registerEnumType(NeighbourOrder, {
  name: 'NeighbourOrder',
  description: 'How the members of a group of neighbours are ranked.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Leading roles first (host, delegation lead, co-chair, signatory ...), then the most recent, then the most connected.',
    },
    RECENCY: {
      description: 'The most recent first (an event’s date, a position’s start), then the most connected.',
    },
    DEGREE: { description: 'The most connected first (relationships to other entities).' },
    NAME: { description: 'By name.' },
  },
});

@ObjectType({
  description: 'A neighbour in a group: the entity, the relationship that joins it, how connected it is.',
})
export class NeighbourMember {
  @Field(() => Entity)
  node!: GraphNode;

  @Field(() => GraphEdge, {
    description: 'The relationship that joins it (the first by the order, when several do).',
  })
  edge!: GraphEdge;

  @Field(() => Int, { description: 'How many relationships of the group’s kind join it to the entity.' })
  links!: number;

  @Field(() => Int, { description: 'Its relationships to other entities.' })
  degree!: number;

  @Field(() => DateScalar, { nullable: true, description: 'An event’s date, or the relationship’s start.' })
  date?: string;
}

@ObjectType({
  description: 'The neighbours of one kind joined by one kind of relationship, in one direction.',
})
export class NeighbourGroup {
  @Field(() => ID, { description: 'Stable for the same entity, kind, relationship and direction.' })
  id!: string;

  @Field(() => EntityKind)
  kind!: EntityKind;

  @Field(() => RelationshipKind)
  relationship!: RelationshipKind;

  @Field(() => RelationshipDirection)
  direction!: RelationshipDirection;

  @Field(() => Int, { description: 'How many distinct neighbours the group has.' })
  count!: number;

  @Field(() => DateScalar, { nullable: true, description: 'The earliest date among its members.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'The latest date among its members.' })
  to?: string;

  @Field(() => [NeighbourMember], {
    description: 'All members when the neighbourhood is not grouped; else the first perGroup by the order.',
  })
  members!: NeighbourMember[];
}

@ObjectType({ description: 'An entity’s neighbours in groups: what a graph view draws in place of a crowd.' })
export class NeighbourhoodSummary {
  @Field(() => Entity)
  entity!: GraphNode;

  @Field(() => Int, { description: 'Distinct neighbours over all groups.' })
  total!: number;

  @Field({ description: 'True when total is above groupThreshold: groups list only their first members.' })
  grouped!: boolean;

  @Field(() => [NeighbourGroup], { description: 'Largest first.' })
  groups!: NeighbourGroup[];
}

export const NeighbourMemberConnection = connectionType('NeighbourMember', NeighbourMember);
