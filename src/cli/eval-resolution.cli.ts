import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import { baselineFile, readJson, runResolutionEval } from '../ingest/resolution-eval.runner';
import { formatPairs, formatTable, regressions, type Baseline } from '../ingest/resolution.eval';
import { graphIsEmpty } from '../ingest/seed.loader';
import { openNeo4j } from '../server/neo4j.connection';

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

/**
 * npm run eval:resolution [-- --write-baseline]: ingests the seed and the labelled corpus (rolled back, so the
 * graph is left as it was) on an embedded Neo4j of its own in a temporary folder, or on NEO4J_URI when set;
 * prints the figures, writes them to .data/eval-resolution.json, and fails on a false merge or a recall (or auto-merge recall) below
 * the committed baseline. --write-baseline makes this run the baseline.
 */
async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--write-baseline');
  if (unknown.length > 0) {
    say(`unknown argument ${unknown.join(' ')}; usage: npm run eval:resolution [-- --write-baseline]`);
    return 2;
  }
  const dataDir = process.env.NEO4J_URI
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'institution-graph-eval-'));
  const config = loadConfig(
    { ...process.env, ...(dataDir ? { NEO4J_DATA_DIR: dataDir } : {}) },
    projectRoot(),
  );
  const neo4j = await openNeo4j(config, createLogger('warn'));
  try {
    if (!(await graphIsEmpty(neo4j.db))) {
      say('note: the graph at NEO4J_URI holds documents already; the figures depend on them.');
    }
    const result = await runResolutionEval(neo4j.db, config.limits.maxTraversalDepth, say);
    say('');
    say(formatTable(result));
    say('');
    formatPairs(result).forEach(say);
    const output = path.join(projectRoot(), '.data', 'eval-resolution.json');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, `${JSON.stringify(result, null, 2)}\n`);
    say(`\nwritten to ${path.relative(projectRoot(), output)}`);
    const baseline: Baseline = { categories: result.categories, total: result.total };
    if (args.includes('--write-baseline')) {
      fs.writeFileSync(baselineFile(), `${JSON.stringify(baseline, null, 2)}\n`);
      say(`baseline written to ${path.relative(projectRoot(), baselineFile())}`);
      return result.total.falseMerges > 0 ? 1 : 0;
    }
    const problems = fs.existsSync(baselineFile())
      ? regressions(result, readJson<Baseline>(baselineFile()))
      : [];
    problems.forEach((problem) => say(`FAIL: ${problem}`));
    if (problems.length === 0)
      say('holds against the baseline: no false merge, no recall or auto-merge recall below it');
    return problems.length > 0 ? 1 : 0;
  } finally {
    await neo4j.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval:resolution failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
