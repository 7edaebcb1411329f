import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/app.errors';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { planDocument, type WritePlan } from '../ingest/document.plan';
import { checkDocument, writeDocument } from '../ingest/ingest.service';
import { openNeo4j } from '../server/neo4j.connection';

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

/**
 * npm run ingest -- <file or folder> ...: checks every document first and writes nothing if any is bad; then
 * ingests each in its own transaction, printing progress and what each one did.
 */
async function main(targets: string[]): Promise<number> {
  if (targets.length === 0) {
    say('usage: npm run ingest -- <document.json or folder> ...');
    return 2;
  }
  const config = loadConfig();
  const files = targets.flatMap(jsonFiles);
  const plans: { file: string; plan: WritePlan }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const document: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      plans.push({ file, plan: planDocument(checkDocument(document, config.limits.maxDocumentBytes)) });
    } catch (error) {
      problems.push(
        `${file}: ${error instanceof AppError || error instanceof SyntaxError ? error.message : String(error)}`,
      );
    }
  }
  if (problems.length > 0) {
    problems.forEach(say);
    say(`${problems.length} of ${files.length} documents are not valid; nothing was ingested.`);
    return 1;
  }

  const neo4j = await openNeo4j(config, createLogger('warn'));
  try {
    const totals = { created: 0, matched: 0, updated: 0, uncertain: 0 };
    for (const [i, { file, plan }] of plans.entries()) {
      const report = await writeDocument(neo4j.db, plan);
      totals.created += report.created;
      totals.matched += report.matched;
      totals.updated += report.updated;
      totals.uncertain += report.uncertain.length;
      say(
        `[${i + 1}/${plans.length}] ${path.basename(file)}: ${report.created} created, ${report.matched} matched, ${report.updated} updated, ${report.uncertain.length} uncertain`,
      );
      for (const mention of report.uncertain) {
        say(
          `    uncertain: ${mention.field} "${mention.name}" kept as ${mention.id}; candidates: ${mention.candidates.map((c) => `${c.id} (${c.reason})`).join(', ')}`,
        );
      }
    }
    say(
      `done: ${totals.created} created, ${totals.matched} matched, ${totals.updated} updated, ${totals.uncertain} uncertain`,
    );
    return 0;
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
