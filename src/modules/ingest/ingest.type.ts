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

@ObjectType({ description: 'A mention or relationship left out because an entity it names was deleted.' })
export class SkippedMention {
  @Field({ description: 'Where the document names the deleted entity, such as people[2].' })
  field!: string;

  @Field(() => ID, { description: 'The deleted id.' })
  id!: string;

  @Field()
  reason!: string;
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

  @Field(() => [SkippedMention], {
    description: 'What was not written because it names a deleted entity (restoreEntity allows it again).',
  })
  skipped!: SkippedMention[];
}

export enum DocumentStatus {
  LANDED = 'LANDED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  valuesConfig: {
    LANDED: {
      description: 'Written: it added an entity, a relationship, an alias or a source to the graph.',
    },
    UNCHANGED: { description: 'Written, and everything it states was in the graph already.' },
    FAILED: { description: 'Not written, for the reason given: nothing of it is in the graph.' },
    SKIPPED: { description: 'Not tried: with stopOnError, an earlier document failed.' },
  },
});

@ObjectType({ description: 'Why a document of a batch was not written.' })
export class DocumentError {
  @Field({ description: 'BAD_USER_INPUT, CONFLICT, TIMEOUT, SERVICE_UNAVAILABLE ...' })
  code!: string;

  @Field()
  message!: string;

  @Field({
    nullable: true,
    description: 'For BAD_USER_INPUT: the field of the document, such as source.url.',
  })
  field?: string;
}

@ObjectType({ description: 'What became of one document of a batch.' })
export class DocumentIngest {
  @Field(() => Int, { description: 'Its place in the list, from 0.' })
  index!: number;

  @Field(() => DocumentStatus)
  status!: DocumentStatus;

  @Field(() => IngestReport, { nullable: true, description: 'For a document written: what it did.' })
  report?: IngestReport;

  @Field(() => DocumentError, { nullable: true })
  error?: DocumentError;
}

@ObjectType({ description: 'What ingesting a list of documents did, document by document.' })
export class IngestBatchReport {
  @Field(() => [DocumentIngest])
  documents!: DocumentIngest[];

  @Field(() => Int)
  landed!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Int)
  skipped!: number;
}
