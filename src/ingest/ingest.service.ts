import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import type { DatabaseProvider } from '../db/database.provider';
import type { Database } from '../db/neo4j.database';
import { planDocument, type WritePlan } from './document.plan';
import { DocumentRepository, type IngestReport } from './document.repository';
import type { IngestDocument } from './document.types';
import { checkPlanLinks, graphFactsFor } from './link.rules';

const schema = JSON.parse(
  fs.readFileSync(path.join(projectRoot(), 'schema', 'document.schema.json'), 'utf8'),
) as object;
// strictRequired is off: "anyOf: [{required: [id]}, {required: [ref]}]" names properties declared beside it.
const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false });
addFormats(ajv);
const validateDocument = ajv.compile<IngestDocument>(schema);

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
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    const detail = allowed ? `${error.message}: ${allowed.join(', ')}` : error.message;
    throw new AppError('BAD_USER_INPUT', `${field}: ${detail}`, { field });
  }
  return document;
}

/**
 * Writes a planned document, after checking its relationships against the graph (link.rules.ts): the way every
 * document, edit and seed file is written. The check reads before the write's own transaction; two documents
 * written at the same moment could still close a cycle between them.
 */
export async function writeDocument(db: Database, plan: WritePlan): Promise<IngestReport> {
  checkPlanLinks(plan, await db.read((tx) => graphFactsFor(tx, plan)));
  return new DocumentRepository(db).ingest(plan);
}

/**
 * Ingest: check the whole document first (size, schema, dates and references), then write it in one
 * transaction that resolves its mentions against the graph. A bad document changes nothing.
 */
export class IngestService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  async ingest(document: unknown): Promise<IngestReport> {
    const plan = planDocument(checkDocument(document, this.limits.maxDocumentBytes));
    return writeDocument(this.databases.get(), plan);
  }
}
