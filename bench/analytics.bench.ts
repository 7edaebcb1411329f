import os from 'node:os';
import { parseArgs } from 'node:util';
import { median } from './load.runner';
import { startApiOnTier } from './tier.api';

/**
 * Analytics on a benchmark tier through the API: each question's first call (projection and algorithm) and
 * its cached calls (the same question at the same graph generation). Run on a loaded tier, after
 * `npm run build`: `node dist/bench/analytics.bench.js --tier 100k`. Prints a Markdown section for RESULTS.md.
 */
const QUESTIONS: { name: string; query: string }[] = [
  {
    name: 'communities (Louvain), first 10',
    query: '{ communities(first: 10) { count communities { size ties { members node { id } } } } }',
  },
  {
    name: 'centrality BETWEENNESS, first 10',
    query: '{ centrality(measure: BETWEENNESS, first: 10) { nodeCount ranked { score node { id } } } }',
  },
  {
    name: 'centrality PAGERANK, first 10',
    query: '{ centrality(measure: PAGERANK, first: 10) { nodeCount ranked { score node { id } } } }',
  },
];
const CACHED_CALLS = 5;
/** An analysis of the whole 100k tier takes longer than a lookup's default deadline. */
const DEADLINE_MS = 300_000;

async function ask(url: string, query: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok || body.includes('"errors"')) throw new Error(`${query}: ${body.slice(0, 500)}`);
  return { ms, body };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tier: { type: 'string', default: '100k' } } });
  const tier = values.tier ?? '100k';
  const api = await startApiOnTier(tier, DEADLINE_MS);
  const url = api.url;
  try {
    const rows: string[] = [];
    for (const { name, query } of QUESTIONS) {
      const first = await ask(url, query).catch((error: Error) => error);
      if (first instanceof Error) {
        // A question that passes the deadline is a figure too.
        rows.push(`| ${name} | | | failed: ${first.message.slice(-160)} | |`);
        continue;
      }
      const cached: number[] = [];
      for (let i = 0; i < CACHED_CALLS; i += 1) cached.push((await ask(url, query)).ms);
      const nodes = /"nodeCount":(\d+)|"count":(\d+)/.exec(first.body);
      rows.push(
        `| ${name} | ${nodes?.[1] ?? ''} | ${nodes?.[2] ?? ''} | ${Math.round(first.ms)} | ${median(cached).toFixed(1)} |`,
      );
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    }
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      [
        `Tier ${tier}, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; Neo4j heap 2 GiB, page cache 1 GiB; the API over HTTP, one request at a time; cached: median of ${CACHED_CALLS}.`,
        '',
        '| question | projected nodes | communities | first call ms | cached ms |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    api.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
