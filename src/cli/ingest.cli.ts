import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/app.errors';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import type { IngestReport } from '../ingest/document.repository';
import { IngestService, type DocumentResult, type DocumentSource } from '../ingest/ingest.service';
import { openNeo4j } from '../server/neo4j.connection';

const USAGE = 'usage: npm run ingest -- [--stop-on-error] <document.json or folder> ...';
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

function jsonFiles(target: string): string[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${target}: no such file or folder`);
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(target, file));
}

/** A file that cannot be read as JSON fails as a document of its own, like one the schema refuses. */
const readDocument =
  (file: string): DocumentSource =>
  () => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw new AppError('BAD_USER_INPUT', `not a JSON document: ${(error as Error).message}`, {
        field: 'document',
      });
    }
  };

const counts = (report: IngestReport): string =>
  `${report.created} created, ${report.matched} matched, ${report.updated} updated, ${report.uncertain.length} uncertain`;

function resultLines(result: DocumentResult, files: string[]): string[] {
  const name = `[${result.index + 1}/${files.length}] ${path.basename(files[result.index] ?? '')}`;
  if (result.status === 'FAILED') return [`${name}: failed: ${result.error?.message ?? 'unknown error'}`];
  if (result.status === 'SKIPPED') return [`${name}: skipped: an earlier document failed`];
  const report = result.report as IngestReport;
  return [
    `${name}: ${result.status === 'LANDED' ? 'landed' : 'unchanged'}: ${counts(report)}`,
    ...report.uncertain.map(
      (mention) =>
        `    uncertain: ${mention.field} "${mention.name}" kept as ${mention.id}; candidates: ${mention.candidates.map((c) => `${c.id} (${c.reason})`).join(', ')}`,
    ),
  ];
}

/**
 * npm run ingest -- [--stop-on-error] <file or folder> ...: ingests each document in its own transaction,
 * printing a line for each as it is done (landed, unchanged, or failed and why) and a summary; a failed
 * document does not stop the others, and the exit code is 1 when any failed. With --stop-on-error, every
 * document is checked before any is written, and the first failure stops the run.
 */
async function main(args: string[]): Promise<number> {
  const stopOnError = args.includes('--stop-on-error');
  const targets = args.filter((arg) => arg !== '--stop-on-error');
  if (targets.length === 0 || targets.some((arg) => arg.startsWith('--'))) {
    say(USAGE);
    return 2;
  }
  const config = loadConfig();
  const files = targets.flatMap(jsonFiles);
  const neo4j = await openNeo4j(config, createLogger('warn'));
  try {
    const totals = { created: 0, matched: 0, updated: 0, uncertain: 0 };
    const batch = await IngestService.on(neo4j.db, config.limits).ingestEach(files.map(readDocument), {
      stopOnError,
      onResult: (result) => {
        resultLines(result, files).forEach(say);
        if (!result.report) return;
        totals.created += result.report.created;
        totals.matched += result.report.matched;
        totals.updated += result.report.updated;
        totals.uncertain += result.report.uncertain.length;
      },
    });
    const skipped = batch.skipped > 0 ? `, ${batch.skipped} skipped` : '';
    say(
      `done: ${batch.landed} landed, ${batch.unchanged} unchanged, ${batch.failed} failed${skipped} of ${files.length} documents; ${totals.created} created, ${totals.matched} matched, ${totals.updated} updated, ${totals.uncertain} uncertain`,
    );
    return batch.failed > 0 ? 1 : 0;
  } finally {
    await neo4j.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ingest failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
