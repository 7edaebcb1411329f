import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../graphql/connection.type';
import { Entity, EntityKind } from '../entity/entity.type';

export enum CandidateStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

registerEnumType(CandidateStatus, {
  name: 'CandidateStatus',
  description:
    'OPEN for review; CONFIRMED (the two were merged) or REJECTED (never proposed or merged again).',
});

/** A candidate pair as the repository reads it; the two entities are resolved through merged ids. */
export interface CandidateRecord {
  id: string;
  /** The two ids as proposed (either may have been merged since). */
  pair: [string, string];
  a: unknown;
  b: unknown;
  category: EntityKind;
  score: number;
  reasons: string[];
  status: CandidateStatus;
  sourceIds: string[];
  createdAt: string | null;
  decidedAt: string | null;
}

@ObjectType({
  description: 'Two entities that entity resolution could not decide are one or two: for a person to decide.',
})
export class CandidatePair {
  @Field(() => ID, { description: "'candidate:' and the pair's two ids in order." })
  id!: string;

  @Field(() => Entity, { description: 'One of the pair (as it is now: a merged id resolves to its entity).' })
  a!: unknown;

  @Field(() => Entity, { description: 'The other of the pair.' })
  b!: unknown;

  @Field(() => EntityKind)
  category!: EntityKind;

  @Field(() => Float, { description: 'How likely the two are one, from 0 to 1.' })
  score!: number;

  @Field(() => [String], { description: 'The evidence for and against, in words.' })
  reasons!: string[];

  @Field(() => CandidateStatus)
  status!: CandidateStatus;

  @Field({ nullable: true, description: 'When ingest first proposed the pair (ISO 8601).' })
  createdAt?: string;

  @Field({ nullable: true, description: 'When the pair was confirmed or rejected (ISO 8601).' })
  decidedAt?: string;
}

export const CandidatePairConnection = connectionType('CandidatePair', CandidatePair);

@ObjectType({ description: 'What an unmerge restored.' })
export class UnmergePayload {
  @Field(() => Entity, { description: 'The entity that was merged away, back as it was.' })
  restored!: unknown;

  @Field(() => Entity, { description: 'The entity it had been merged into, as it was before the merge.' })
  kept!: unknown;
}
