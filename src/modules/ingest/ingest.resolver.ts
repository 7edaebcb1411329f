import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/request.context';
import type { IngestReport as Report } from '../../ingest/document.repository';
import type { BatchReport } from '../../ingest/ingest.service';
import {
  DocumentStatus,
  IngestBatchReport,
  IngestOutcome,
  IngestReport,
  type DocumentIngest,
} from './ingest.type';

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestReport, {
    description:
      'Adds a document (the format of schema/document.schema.json) in one transaction: all of it or, on any error, none of it. Ingesting it again changes nothing.',
  })
  @Authorized('editor')
  ingestDocument(
    @Arg('document', () => GraphQLJSONObject) document: Record<string, unknown>,
    @Ctx() ctx: RequestContext,
  ): Promise<Report> {
    return ctx.services.ingest.ingest(document);
  }

  @Mutation(() => IngestBatchReport, {
    description:
      'Adds documents in order, each in its own transaction, and reports each: one that fails is not written and the others go on. At most MAX_BATCH_DOCUMENTS documents, together at most MAX_DOCUMENT_BYTES.',
  })
  @Authorized('editor')
  async ingestDocuments(
    @Arg('documents', () => [GraphQLJSONObject]) documents: Record<string, unknown>[],
    @Ctx() ctx: RequestContext,
    @Arg('stopOnError', {
      defaultValue: false,
      description: 'Check every document before writing any, and stop at the first failure.',
    })
    stopOnError: boolean,
  ): Promise<IngestBatchReport> {
    return batchReport(await ctx.services.ingest.ingestBatch(documents, { stopOnError }));
  }
}

const batchReport = (batch: BatchReport): IngestBatchReport => ({
  ...batch,
  documents: batch.documents.map((result): DocumentIngest => ({
    index: result.index,
    status: DocumentStatus[result.status],
    report: result.report && {
      ...result.report,
      entities: result.report.entities.map((e) => ({ ...e, outcome: IngestOutcome[e.outcome] })),
    },
    error: result.error && {
      code: result.error.code,
      message: result.error.message,
      field: typeof result.error.details.field === 'string' ? result.error.details.field : undefined,
    },
  })),
});
