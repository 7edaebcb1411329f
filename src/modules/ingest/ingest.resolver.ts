import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/request.context';
import type { IngestReport as Report } from '../../ingest/document.repository';
import { IngestReport } from './ingest.type';

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
}
