import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { GraphNode } from '../../db/graph.record';
import { Entity } from '../entity/entity.type';
import { IngestOutcome } from '../ingest/ingest.type';

@ObjectType({ description: 'The entity an edit created or changed.' })
export class EditPayload {
  @Field(() => Entity)
  entity!: GraphNode;

  @Field(() => IngestOutcome, { description: 'CREATED, UPDATED, or MATCHED when the edit changed nothing.' })
  outcome!: IngestOutcome;
}

@ObjectType()
export class DeletePayload {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  relationshipsRemoved!: number;
}

@ObjectType()
export class MergePayload {
  @Field(() => Entity, { description: 'The kept entity, with everything of the merged one.' })
  kept!: GraphNode;

  @Field(() => ID, { description: 'The merged id: it keeps resolving to the kept entity.' })
  mergedId!: string;

  @Field(() => Int)
  relationshipsMoved!: number;
}
