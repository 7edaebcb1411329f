import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { GraphEdge } from '../../traversal/traversal.type';
import { Entity, EntityKind } from '../entity/entity.type';

export enum CentralityMeasure {
  PAGERANK = 'PAGERANK',
  BETWEENNESS = 'BETWEENNESS',
  DEGREE = 'DEGREE',
}
registerEnumType(CentralityMeasure, {
  name: 'CentralityMeasure',
  description:
    'PAGERANK: linked to by entities that are themselves central; BETWEENNESS: on many shortest paths (exact up to 1,000 entities, sampled from 1,000 sources above); DEGREE: how many partners.',
});

export enum AnalyticsEngine {
  GDS = 'GDS',
  CYPHER = 'CYPHER',
}
registerEnumType(AnalyticsEngine, {
  name: 'AnalyticsEngine',
  description: 'What computed an answer: Neo4j Graph Data Science, or a Cypher query of our own.',
});

export enum AnalyticsLink {
  EVENT = 'EVENT',
  POSITION = 'POSITION',
  PART_OF = 'PART_OF',
  AGREEMENT = 'AGREEMENT',
}
registerEnumType(AnalyticsLink, {
  name: 'AnalyticsLink',
  description:
    'What links two entities in an analytics projection, each occurrence adding 1 to the link’s weight: EVENT, taking part in the same event; POSITION, a person’s position at an institution; PART_OF, an institution within another; AGREEMENT, parties to the same agreement.',
});

@InputType({ description: 'The part of the graph an analysis looks at (all of it when empty).' })
export class AnalyticsScope {
  @Field(() => [EntityKind], {
    nullable: true,
    description: 'INSTITUTION and/or PERSON (both by default): the entities that are nodes.',
  })
  kinds?: EntityKind[];

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 3166 alpha-2 codes: only entities of these countries (a person’s through positions).',
  })
  countries?: string[];

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Leave out events, agreements and positions before.',
  })
  from?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Leave out events, agreements and positions after.',
  })
  to?: string;

  @Field(() => [AnalyticsLink], { nullable: true, description: 'The links to use (all by default).' })
  links?: AnalyticsLink[];
}

@InputType({
  description: 'One side of a brokerage question: entities by id, or all entities of some countries.',
})
export class BrokerSide {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO 3166 alpha-2 codes.' })
  countries?: string[];
}

@ObjectType({ description: 'An entity with its score.' })
export class ScoredEntity {
  @Field(() => Entity)
  node!: unknown;

  @Field(() => Float)
  score!: number;
}

@ObjectType({ description: 'Entities ranked by a centrality measure, highest first.' })
export class CentralityResult {
  @Field(() => AnalyticsEngine)
  engine!: AnalyticsEngine;

  @Field(() => CentralityMeasure)
  measure!: CentralityMeasure;

  @Field(() => Int, { description: 'Nodes in the projection the measure ran on.' })
  nodeCount!: number;

  @Field(() => [ScoredEntity])
  ranked!: ScoredEntity[];
}

@ObjectType({ description: 'Something several members of a community share, and how many of them share it.' })
export class CommunityTie {
  @Field(() => Entity, {
    description: 'An event, an agreement, or an institution they belong to or work at.',
  })
  node!: unknown;

  @Field(() => Int)
  members!: number;
}

@ObjectType({ description: 'A group of entities more linked to each other than to the rest.' })
export class Community {
  @Field(() => Int, { description: 'Its rank by size, from 1.' })
  rank!: number;

  @Field(() => Int)
  size!: number;

  @Field(() => [Entity], {
    description: 'The members with the most partners inside the group first (capped).',
  })
  members!: unknown[];

  @Field(() => [CommunityTie], {
    description: 'What holds it together: the most shared events, agreements and institutions.',
  })
  ties!: CommunityTie[];
}

@ObjectType()
export class CommunitiesResult {
  @Field(() => AnalyticsEngine)
  engine!: AnalyticsEngine;

  @Field({ description: 'The algorithm: Louvain.' })
  algorithm!: string;

  @Field(() => Int, { description: 'Communities found (before `first` cut the list).' })
  count!: number;

  @Field(() => [Community])
  communities!: Community[];
}

@ObjectType({
  description: 'One link of a broker’s path: what joins two entities, and the documents that say so.',
})
export class BrokerHopLink {
  @Field(() => Entity, {
    nullable: true,
    description: 'The event or agreement both took part in; null for a position or PART_OF between them.',
  })
  via!: unknown;

  @Field(() => [GraphEdge], { description: 'The relationships that make the link, each with its sources.' })
  edges!: GraphEdge[];
}

@ObjectType({ description: 'One step of a broker’s path, from one entity to the next.' })
export class BrokerHop {
  @Field(() => Entity)
  from!: unknown;

  @Field(() => Entity)
  to!: unknown;

  @Field(() => [BrokerHopLink], {
    description: 'What joins them within the scope (the latest first, capped).',
  })
  links!: BrokerHopLink[];
}

@ObjectType({ description: 'A path from side a to side b through a broker, hop by hop.' })
export class BrokerRoute {
  @Field(() => [Entity])
  nodes!: unknown[];

  @Field(() => [BrokerHop])
  hops!: BrokerHop[];
}

@ObjectType({ description: 'An entity on the shortest paths between the two sides.' })
export class Broker {
  @Field(() => Entity)
  node!: unknown;

  @Field(() => Int, { description: 'Shortest paths between the sides that pass through it.' })
  paths!: number;

  @Field(() => Float, { description: 'The share of all the shortest paths found that pass through it.' })
  share!: number;

  @Field(() => [[Entity]], { description: 'A few of those paths, from side a to side b.' })
  examples!: unknown[][];

  @Field(() => [BrokerRoute], { description: 'The same paths, each hop with what joins it and its sources.' })
  routes!: BrokerRoute[];
}

@ObjectType()
export class BrokersResult {
  @Field(() => AnalyticsEngine)
  engine!: AnalyticsEngine;

  @Field(() => Int, { description: 'Shortest paths found from side a (capped) to side b.' })
  pathCount!: number;

  @Field(() => [Broker])
  brokers!: Broker[];
}

@ObjectType({ description: 'An entity alike to the one asked about, with what they share.' })
export class SimilarEntity {
  @Field(() => Entity)
  node!: unknown;

  @Field(() => Float, {
    description: 'Jaccard similarity of their partners, events and agreements (0 to 1).',
  })
  score!: number;

  @Field(() => [Entity], { description: 'The partners, events and agreements both have (capped).' })
  shared!: unknown[];
}

@ObjectType()
export class SimilarResult {
  @Field(() => AnalyticsEngine)
  engine!: AnalyticsEngine;

  @Field(() => [SimilarEntity])
  similar!: SimilarEntity[];
}
