import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppError } from '../common/app.errors';
import { isWebAddress } from '../common/web.address';
import type { Config } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import type { DatabaseProvider } from '../db/database.provider';
import { planDocument } from './document.plan';
import { DocumentRepository, type IngestReport } from './document.repository';
import type { IngestDocument } from './document.types';

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
    return new DocumentRepository(this.databases.get()).ingest(plan);
  }
}
