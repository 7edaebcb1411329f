import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppError } from '../common/app.errors';
import { isWebAddress } from '../common/web.address';
import type { Config } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import { DatabaseProvider } from '../db/database.provider';
import type { Database } from '../db/neo4j.database';
import { planDocument, type WritePlan } from './document.plan';
import { DocumentRepository, type IngestReport } from './document.repository';
import type { IngestDocument } from './document.types';
import { checkPlanLinks } from './link.rules';

const schema = JSON.parse(
  fs.readFileSync(path.join(projectRoot(), 'schema', 'document.schema.json'), 'utf8'),
) as object;
// strictRequired is off: "anyOf: [{required: [id]}, {required: [ref]}]" names properties declared beside it.
const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addFormat('web-address', isWebAddress);
const validateDocument = ajv.compile<IngestDocument>(schema);

/** What a value of a format must be, said as a person would; ajv's own words name only the format. */
const FORMAT_WORDING: Record<string, string> = {
  'web-address': 'must be an http or https address, such as https://example.org/news/1',
};

/** "/people/0/positions/1/title" as people[0].positions[1].title: how the other errors name fields. */
function fieldOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const named = params.missingProperty ?? params.additionalProperty;
  const missing = named === undefined ? '' : `/${named}`;
  const field = `${error.instancePath}${missing}`
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
  return field || 'document';
}

/** Checks a document without touching the database; throws BAD_USER_INPUT naming the first bad field. */
export function checkDocument(document: unknown, maxBytes: number): IngestDocument {
  const size = Buffer.byteLength(JSON.stringify(document) ?? '', 'utf8');
  if (size > maxBytes) {
    throw new AppError('BAD_USER_INPUT', `document: ${size} bytes is over the limit of ${maxBytes}`, {
      field: 'document',
    });
  }
  if (!validateDocument(document)) {
    const error = validateDocument.errors?.[0] as ErrorObject;
    const field = fieldOf(error);
    const params = error.params as { allowedValues?: unknown[]; format?: string };
    const detail = params.allowedValues
      ? `${error.message}: ${params.allowedValues.join(', ')}`
      : (FORMAT_WORDING[params.format ?? ''] ?? error.message);
    throw new AppError('BAD_USER_INPUT', `${field}: ${detail}`, { field });
  }
  return document;
}

export type DocumentStatus = 'LANDED' | 'UNCHANGED' | 'FAILED' | 'SKIPPED';

/** What became of one document of a batch. */
export interface DocumentResult {
  /** Its place in the batch, from 0. */
  index: number;
  status: DocumentStatus;
  /** For a document written (LANDED or UNCHANGED). */
  report?: IngestReport;
  /** Why a document FAILED. */
  error?: AppError;
}

export interface BatchReport {
  documents: DocumentResult[];
  landed: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export interface BatchOptions {
  /** Stop at the first failure: every document is checked before any is written, and none after it is. */
  stopOnError?: boolean;
  /** Called as each document is done, in order: for progress. */
  onResult?: (result: DocumentResult) => void;
}

/** A document of a batch: read when its turn comes, so that a file that is not JSON fails alone. */
export type DocumentSource = () => unknown;

/** Nothing new in the graph: every mention was there already and every relationship too. */
const changedNothing = (report: IngestReport): boolean =>
  report.created === 0 && report.updated === 0 && report.relationshipsCreated === 0;

const statusOf = (report: IngestReport): DocumentStatus => (changedNothing(report) ? 'UNCHANGED' : 'LANDED');

/**
 * Ingest, the one pipeline every writer uses (GraphQL, the CLI, the seed, the single edits): check the whole
 * document first (size, schema, dates and references), then write it in one transaction that resolves its
 * mentions against the graph. A bad document changes nothing; in a batch, each document is its own transaction.
 */
export class IngestService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Pick<
      Config['limits'],
      'maxDocumentBytes' | 'maxBatchDocuments' | 'maxTraversalDepth'
    >,
  ) {}

  /** For the command-line tools, which hold a connected database rather than the API's provider. */
  static on(db: Database, limits: IngestService['limits']): IngestService {
    const databases = new DatabaseProvider();
    databases.set(db);
    return new IngestService(databases, limits);
  }

  /** Checks a document and plans its writes, touching nothing; throws BAD_USER_INPUT naming the bad field. */
  plan(document: unknown): WritePlan {
    return planDocument(checkDocument(document, this.limits.maxDocumentBytes));
  }

  /**
   * `rename`: the document's names replace the entities' own, which become aliases (an edit that renames).
   * `mustExist`: ids (with the field that names them) of entities an edit changes: NOT_FOUND, writing nothing, if
   * one is not in the graph when the write runs (deleted meanwhile, say), rather than written anew.
   */
  async ingest(
    document: unknown,
    options: { rename?: boolean; mustExist?: WritePlan['mustExist'] } = {},
  ): Promise<IngestReport> {
    const plan = this.plan(document);
    if (options.rename) plan.nodes.forEach((group) => group.rows.forEach((row) => (row.rename = true)));
    plan.mustExist = options.mustExist;
    return this.write(plan);
  }

  /**
   * A batch from a client: bounded in count and in total size before anything is read or written, then
   * ingested document by document.
   */
  async ingestBatch(documents: readonly unknown[], options: BatchOptions = {}): Promise<BatchReport> {
    const { maxBatchDocuments, maxDocumentBytes } = this.limits;
    if (documents.length > maxBatchDocuments) {
      throw new AppError(
        'BAD_USER_INPUT',
        `documents: ${documents.length} documents is over the limit of ${maxBatchDocuments} a request`,
        { field: 'documents' },
      );
    }
    const bytes = documents.reduce<number>((sum, d) => sum + Buffer.byteLength(JSON.stringify(d) ?? ''), 0);
    if (bytes > maxDocumentBytes) {
      throw new AppError(
        'BAD_USER_INPUT',
        `documents: ${bytes} bytes together is over the limit of ${maxDocumentBytes} a request`,
        { field: 'documents' },
      );
    }
    return this.ingestEach(
      documents.map((document) => () => document),
      options,
    );
  }

  /**
   * Each document in its own transaction, in order. A document that fails (AppError: bad input, a conflict,
   * a timeout, the database away) is reported and the next one goes on, unless `stopOnError`.
   */
  async ingestEach(sources: readonly DocumentSource[], options: BatchOptions = {}): Promise<BatchReport> {
    const results: DocumentResult[] = [];
    const done = (result: DocumentResult): void => {
      results.push(result);
      options.onResult?.(result);
    };
    const plans = options.stopOnError ? this.planAll(sources) : undefined;
    const checkFailed = plans?.some((plan) => plan instanceof AppError) ?? false;
    for (const [index, source] of sources.entries()) {
      const planned = plans?.[index];
      if (planned instanceof AppError) done({ index, status: 'FAILED', error: planned });
      else if (checkFailed || (options.stopOnError && results.some((r) => r.status === 'FAILED')))
        done({ index, status: 'SKIPPED' });
      else done(await this.attempt(index, () => this.write(planned ?? this.plan(source()))));
    }
    const count = (status: DocumentStatus): number => results.filter((r) => r.status === status).length;
    return {
      documents: results,
      landed: count('LANDED'),
      unchanged: count('UNCHANGED'),
      failed: count('FAILED'),
      skipped: count('SKIPPED'),
    };
  }

  private planAll(sources: readonly DocumentSource[]): (WritePlan | AppError)[] {
    return sources.map((source) => {
      try {
        return this.plan(source());
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
    });
  }

  private async attempt(index: number, work: () => Promise<IngestReport>): Promise<DocumentResult> {
    try {
      const report = await work();
      return { index, status: statusOf(report), report };
    } catch (error) {
      // Anything else is a defect, not a bad document: it ends the batch as it would end a single ingest.
      if (error instanceof AppError) return { index, status: 'FAILED', error };
      throw error;
    }
  }

  /**
   * Writes the document once what its relationships join is checked against the graph (link.rules.ts), in the
   * write's own transaction, on the ids it reads anyway; after writing, that transaction checks for hierarchy
   * cycles through the graph under the hierarchy's lock, where a document written at the same moment is seen.
   */
  private write(plan: WritePlan): Promise<IngestReport> {
    return new DocumentRepository(this.databases.get(), this.limits.maxTraversalDepth).ingest(plan, (facts) =>
      checkPlanLinks(plan, facts),
    );
  }
}
