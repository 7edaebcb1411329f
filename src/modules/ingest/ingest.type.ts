import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum IngestOutcome {
  CREATED = 'CREATED',
  MATCHED = 'MATCHED',
  UPDATED = 'UPDATED',
}
registerEnumType(IngestOutcome, {
  name: 'IngestOutcome',
  valuesConfig: {
    CREATED: { description: 'New to the graph.' },
    MATCHED: { description: 'Already in the graph, and this document adds nothing to it.' },
    UPDATED: { description: 'Already in the graph; this document adds a source, an alias or a property.' },
  },
});

@ObjectType({ description: 'What became of one mention of the document.' })
export class IngestedEntity {
  @Field({ description: 'Where the document gives it, such as people[2].' })
  field!: string;

  @Field(() => ID, { description: 'The graph id it was written under.' })
  id!: string;

  @Field(() => IngestOutcome)
  outcome!: IngestOutcome;

  @Field({
    nullable: true,
    description: 'How it was recognised: by id, or by name (and why that was certain).',
  })
  matchedBy?: string;
}

@ObjectType()
export class ResolutionCandidate {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'How alike the two are, from 0.7 (worth a look) to 1 (the same name).' })
  score!: number;

  @Field({ description: 'Why it is only a candidate.' })
  reason!: string;
}

@ObjectType({
  description: 'A mention that may be an entity already in the graph: kept apart, for a person to decide.',
})
export class UncertainMention {
  @Field()
  field!: string;

  @Field()
  name!: string;

  @Field(() => ID, { description: 'The new entity created for it; mergeEntities joins it to a candidate.' })
  id!: string;

  @Field(() => [ResolutionCandidate])
  candidates!: ResolutionCandidate[];
}

@ObjectType({ description: 'What ingesting a document did.' })
export class IngestReport {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  matched!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  relationshipsCreated!: number;

  @Field(() => [IngestedEntity])
  entities!: IngestedEntity[];

  @Field(() => [UncertainMention], { description: 'Mentions that could not be resolved with certainty.' })
  uncertain!: UncertainMention[];
}
