import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadSynthetic } from '../seed/synthetic/synthetic.loader';
import { syntheticDocuments, TIERS, type Tier } from '../seed/synthetic/synthetic.generator';
import { createLogger } from '../src/common/app.logger';
import { loadConfig } from '../src/config/app.config';
import { projectRoot } from '../src/config/project.paths';
import type { EmbeddedNeo4j } from '../src/db/embedded-neo4j.process';
import type { Database } from '../src/db/neo4j.database';
import { openNeo4j } from '../src/server/neo4j.connection';
import { ingestCall, ingestDocuments, ingestSnapshot, removeIngested } from './bench.ingest';
import { chooseParams, tierShape } from './bench.params';
import {
  ceilingQuery,
  institutionDetailQuery,
  neighborhoodQuery,
  searchQuery,
  shortestPathQuery,
  statsQuery,
  TARGETS,
  type BenchQuery,
  type Call,
  type Target,
} from './bench.queries';
import {
  EXPLORER_SECTION,
  markdown,
  memoryLine,
  type BenchResults,
  type Measured,
  type QueryResult,
} from './bench.report';
import { Client, concurrent, dataOf, median, percentile, sequential, type Budget } from './load.runner';
import { freePort } from './bench.server';
import { cpuPerRequest, type CpuPerRequest } from './process.cpu';
import { processMemory } from './process.memory';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const CONCURRENCY = 16;
/**
 * Institutions per ingest document. @neo4j/graphql plans one Cypher statement per distinct mutation shape and
 * that planning grows steeply with the inputs (measured here: 100 inputs 7.6 s, 400 inputs 87 s, once; then
 * cached), so documents of 1,000 would time the peer's planner, not its writes. 100 is a large news item.
 */
const INGEST_DOCUMENT_SIZE = 100;
/** 10,000 entities a run; 2,000 in a quick one. */
const ingestDocumentsPerRun = (s: Settings): number => (s.quick ? 20 : 100);

interface Settings {
  tier: Tier;
  quick: boolean;
  reps: number;
  seconds: number;
  out: string;
  /** Measure only the queries whose name contains one of these (`--only detail,search`). */
  only?: string[];
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      tier: { type: 'string' },
      reps: { type: 'string' },
      seconds: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const tier = values.tier ?? (quick ? '10k' : '100k');
  if (!(tier in TIERS)) throw new Error(`--tier must be one of ${Object.keys(TIERS).join(', ')}`);
  const reps = Number(values.reps ?? (quick ? 2 : 5));
  const seconds = Number(values.seconds ?? (quick ? 1 : 4));
  if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps must be a whole number of at least 1');
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
  // A quick run is a check, not the record: it writes beside the data, not over bench/RESULTS.md.
  const out = path.resolve(projectRoot(), values.out ?? (quick ? '.data/bench-quick' : 'bench'));
  return {
    tier: tier as Tier,
    quick,
    reps,
    seconds,
    out,
    only: values.only?.split(',').map((o) => o.trim()),
  };
}

/** The id the generator writes last: present only when a tier has loaded completely. */
function lastSyntheticId(tier: Tier): string {
  let last = '';
  for (const document of syntheticDocuments({ tier })) {
    const agreements = document.agreements ?? [];
    last = agreements[agreements.length - 1]?.id ?? last;
  }
  return last;
}

/** The process ids of the servers and of Neo4j, whose CPU time the runs at concurrency 16 read. */
type Pids = Partial<Record<Target | 'neo4j', number>>;

/** A server of the benchmark in its own process; its stdin is ours, so it ends when the benchmark does. */
class ServerProcess {
  private constructor(
    readonly target: Target,
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(target: Target, neo4j: EmbeddedNeo4j): Promise<ServerProcess> {
    const root = projectRoot();
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: neo4j.password,
    };
    if (target === 'ours') {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'index.js')], {
        env: {
          ...env,
          PORT: String(port),
          HOST: '127.0.0.1',
          SEED: 'never',
          LOG_LEVEL: 'warn',
          AUTH_DISABLED: 'true',
        },
        stdio: ['pipe', 'inherit', 'inherit'],
      });
      const url = `http://127.0.0.1:${port}`;
      const client = new Client(url);
      for (const deadline = Date.now() + 60_000; ;) {
        if (child.exitCode !== null) throw new Error(`our API exited with ${child.exitCode}`);
        const ready = await client.get('/readyz').then(
          (body) => body.includes('"ready"'),
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error('our API was not ready within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      client.close();
      return new ServerProcess(target, child, url);
    }
    const child = spawn(process.execPath, [path.join(root, 'dist', 'bench', `${target}.server.js`)], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the ${target} server exited with ${code}`)));
    });
    child.once('exit', (code, signal) => {
      if (code !== 0) say(`!! the ${target} server exited: ${code ?? signal}`);
    });
    return new ServerProcess(target, child, (JSON.parse(line) as { url: string }).url);
  }

  stop(): void {
    this.child.stdin?.end();
    this.child.kill('SIGTERM');
  }
}

/** Cypher queries the target has sent so far, as it counts them. */
async function queriesSent(target: Target, client: Client): Promise<number> {
  if (target === 'ours') {
    const metrics = await client.get('/metrics');
    return Number(/^neo4j_cypher_queries (\d+)/m.exec(metrics)?.[1] ?? NaN);
  }
  return (JSON.parse(await client.get('/count')) as { queries: number }).queries;
}

/** Mean Cypher queries per request over `calls`, one request at a time. */
async function roundTrips(target: Target, client: Client, calls: Call[]): Promise<number> {
  let total = 0;
  for (const call of calls) {
    const before = await queriesSent(target, client);
    dataOf(call, await client.send(call));
    total += (await queriesSent(target, client)) - before;
  }
  return Math.round((total / calls.length) * 10) / 10;
}

function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${at || 'answer'}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Every target's answer to every request of the query, reduced and compared with ours: equal or the run stops. */
async function checkEqual(query: BenchQuery, clients: Record<Target, Client>): Promise<void> {
  const ours = query.calls.ours as Call[];
  for (let i = 0; i < ours.length; i += 1) {
    const expected = query.canonical.ours(dataOf(ours[i] as Call, await clients.ours.send(ours[i] as Call)));
    for (const target of TARGETS.filter((t) => t !== 'ours')) {
      const call = query.calls[target]?.[i];
      if (!call) continue;
      const actual = query.canonical[target](dataOf(call, await clients[target].send(call)));
      const difference = firstDifference(expected, actual);
      if (difference)
        throw new Error(
          `${query.name}: ${target} answers request ${i + 1} differently from ours at ${difference}`,
        );
    }
  }
}

/** One repetition of one target: latencies at concurrency 1, then req/s and CPU per request at 16. */
interface Sample {
  latencies: number[];
  rpsC1: number;
  rps: number;
  cpu: CpuPerRequest;
}

/** The median of the values measured (none where a process's CPU time could not be read). */
const medianOf = (values: (number | undefined)[]): number | undefined => {
  const known = values.filter((v) => v !== undefined);
  return known.length === values.length && known.length > 0 ? median(known) : undefined;
};

const summarize = (samples: Sample[], trips: number): Measured => {
  const p50s = samples.map((s) => percentile(s.latencies, 50));
  const rpss = samples.map((s) => s.rps);
  return {
    p50Ms: median(p50s),
    p99Ms: median(samples.map((s) => percentile(s.latencies, 99))),
    rps: median(rpss),
    roundTrips: trips,
    rpsC1: median(samples.map((s) => s.rpsC1)),
    p50RangeMs: [Math.min(...p50s), Math.max(...p50s)],
    rpsRange: [Math.min(...rpss), Math.max(...rpss)],
    requests: samples.reduce((n, s) => n + s.latencies.length, 0),
    cpuMs: {
      server: medianOf(samples.map((s) => s.cpu.server)),
      neo4j: medianOf(samples.map((s) => s.cpu.neo4j)),
    },
  };
};

async function measureRead(
  query: BenchQuery,
  clients: Record<Target, Client>,
  pids: Pids,
  s: Settings,
): Promise<QueryResult> {
  say(`-- ${query.name}: checking answers are equal`);
  await checkEqual(query, clients);
  const targets = TARGETS.filter((t) => query.calls[t] !== null && !query.untimed?.includes(t));
  const trips = new Map<Target, number>();
  for (const target of targets) {
    const calls = query.calls[target] as Call[];
    trips.set(target, await roundTrips(target, clients[target], calls));
    await sequential(clients[target], calls, {
      seconds: s.seconds,
      minRequests: calls.length * 2,
      maxRequests: 1e6,
    });
  }
  const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));
  const budget: Budget = { seconds: s.seconds, minRequests: 5, maxRequests: 1e6 };
  for (let rep = 0; rep < s.reps; rep += 1) {
    // Each repetition starts with another server, so drift on a shared machine does not favour one.
    for (const target of targets.map((_, i) => targets[(i + rep) % targets.length] as Target)) {
      const calls = query.calls[target] as Call[];
      const latencies = await sequential(clients[target], calls, budget);
      const rpsC1 = latencies.length / (latencies.reduce((a, b) => a + b, 0) / 1000);
      const { rps, cpu } = await cpuPerRequest({ server: pids[target], neo4j: pids.neo4j }, () =>
        concurrent(clients[target], calls, CONCURRENCY, { ...budget, minRequests: CONCURRENCY }),
      );
      samples.get(target)?.push({ latencies, rpsC1, rps, cpu });
    }
    say(
      `   repetition ${rep + 1}/${s.reps}: ${targets.map((t) => `${t} p50 ${percentile(samples.get(t)?.at(-1)?.latencies ?? [], 50).toFixed(2)} ms`).join(', ')}`,
    );
  }
  const result = (t: Target): Measured => summarize(samples.get(t) ?? [], trips.get(t) ?? NaN);
  return {
    name: query.name,
    description: query.description,
    ours: result('ours'),
    limit: targets.includes('limit') ? result('limit') : null,
    peer: targets.includes('peer') ? result('peer') : null,
  };
}

async function measureIngest(
  db: Database,
  clients: Record<Target, Client>,
  pids: Pids,
  s: Settings,
): Promise<QueryResult> {
  const shape = tierShape(s.tier);
  const documents = (prefix: string, batches: number, size: number) =>
    ingestDocuments(prefix, batches, size, shape.cities, shape.institutions);
  // What an interrupted run left behind would collide with this run's ids.
  await removeIngested(db, 'bench:');
  say('-- bulk ingest: checking every server writes the same graph');
  const trips = new Map<Target, number>();
  let expected: unknown;
  for (const target of TARGETS) {
    const prefix = `bench:check-${target}-`;
    await removeIngested(db, prefix);
    trips.set(
      target,
      await roundTrips(
        target,
        clients[target],
        documents(prefix, 2, INGEST_DOCUMENT_SIZE).map((d) => ingestCall(target, d)),
      ),
    );
    const snapshot = await ingestSnapshot(db, prefix);
    await removeIngested(db, prefix);
    if (target === 'ours') expected = snapshot;
    else {
      const difference = firstDifference(expected, snapshot);
      if (difference)
        throw new Error(`bulk ingest: ${target} writes a different graph from ours at ${difference}`);
    }
  }
  const samples = new Map<Target, Sample[]>(TARGETS.map((t) => [t, []]));
  const reps = s.quick ? 1 : Math.min(3, s.reps);
  const count = ingestDocumentsPerRun(s);
  const exact = { seconds: 0, minRequests: count, maxRequests: count };
  for (let rep = 0; rep < reps; rep += 1) {
    for (const target of TARGETS.map((_, i) => TARGETS[(i + rep) % TARGETS.length] as Target)) {
      // The same number of entities one document after another, then by 16 clients at once.
      const prefix = `bench:${target}-${rep}-`;
      const calls = (part: string) =>
        documents(`${prefix}${part}-`, count, INGEST_DOCUMENT_SIZE).map((d) => ingestCall(target, d));
      const latencies = await sequential(clients[target], calls('a'), exact);
      const { rps, cpu } = await cpuPerRequest({ server: pids[target], neo4j: pids.neo4j }, () =>
        concurrent(clients[target], calls('b'), CONCURRENCY, exact),
      );
      await removeIngested(db, prefix);
      const seconds = latencies.reduce((a, b) => a + b, 0) / 1000;
      samples.get(target)?.push({ latencies, rpsC1: latencies.length / seconds, rps, cpu });
      say(
        `   repetition ${rep + 1}/${reps}: ${target} ${((count * INGEST_DOCUMENT_SIZE) / seconds).toFixed(0)} entities/s one document at a time, ${(rps * INGEST_DOCUMENT_SIZE).toFixed(0)} with ${CONCURRENCY} clients`,
      );
    }
  }
  const result = (t: Target): Measured => summarize(samples.get(t) ?? [], trips.get(t) ?? NaN);
  return {
    name: 'bulk ingest',
    description: `${(ingestDocumentsPerRun(s) * INGEST_DOCUMENT_SIZE).toLocaleString('en')} institutions with places, parents and sources, in documents of ${INGEST_DOCUMENT_SIZE} (a request is a document)`,
    ours: result('ours'),
    limit: result('limit'),
    peer: result('peer'),
  };
}

/** The commit measured, marked when the working tree differs from it (results files aside). */
function commitMeasured(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: projectRoot(), encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', '.', ':!bench/RESULTS.md', ':!bench/results.json');
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function packageVersion(name: string): string {
  const file = path.join(projectRoot(), 'node_modules', ...name.split('/'), 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Opens the tier's embedded Neo4j (its own, never a configured server), loading the graph on first use. */
async function openTier(s: Settings) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEO4J_URI: undefined,
    NEO4J_DATA_DIR: `.data/bench-${s.tier}`,
    NEO4J_HEAP_MB: s.tier === '10k' || s.tier === '1k' ? '1024' : '2048',
    NEO4J_PAGECACHE_MB: s.tier === '10k' || s.tier === '1k' ? '512' : '2048',
    NEO4J_TRANSACTION_TIMEOUT_MS: '300000',
  };
  const config = loadConfig(env, projectRoot());
  const neo4j = await openNeo4j(config, createLogger('warn'));
  try {
    const db = neo4j.db;
    const last = lastSyntheticId(s.tier);
    const loaded = await db.read(
      async (tx) => (await tx.run('MATCH (n:Entity {id: $last}) RETURN n', { last })).records.length > 0,
    );
    if (loaded) say(`== the ${s.tier} graph is loaded already (${config.embedded.dataDir})`);
    else {
      say(`== loading the ${s.tier} synthetic graph through the ingest path`);
      await loadSynthetic(db, config.limits.maxTraversalDepth, { tier: s.tier }, (line) => say(`   ${line}`));
    }
    const graph = await db.read(async (tx) => ({
      nodes: (await tx.run('MATCH (n) RETURN count(n) AS c')).records[0]?.get('c') as number,
      relationships: (await tx.run('MATCH ()-[r]->() RETURN count(r) AS c')).records[0]?.get('c') as number,
    }));
    say(`== graph: ${graph.nodes} nodes, ${graph.relationships} relationships`);
    return { neo4j, config, graph };
  } catch (error) {
    await neo4j.close();
    throw error;
  }
}

/**
 * Asks our dashboard until it answers: on a large tier its first computation outlasts a request's deadline
 * (TIMEOUT) and goes on, kept for the requests after it (stats.service.ts). The limit computes per request.
 */
async function dashboardComputed(client: Client, stats: BenchQuery): Promise<void> {
  const call = stats.calls.ours?.[0];
  if (!call) return;
  for (const giveUp = Date.now() + 300_000; ;) {
    const response = await client.send(call);
    if (response.status === 200 && !response.text.includes('"errors"')) return;
    if (Date.now() > giveUp) dataOf(call, response);
    say('   the dashboard is being computed; asking again in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/** Every query of the mix (or those `--only` names), each measured on every target. */
async function measureAll(
  s: Settings,
  db: Database,
  clients: Record<Target, Client>,
  pids: Pids,
  maxNeighborhoodNodes: number,
): Promise<QueryResult[]> {
  const params = await chooseParams(db, s.tier, maxNeighborhoodNodes);
  say(
    `== parameters: ${params.institutions.length} institutions, ${params.people.length} people, ${params.pairs.length} pairs, ${params.searches.length} searches`,
  );
  const chosen = (name: string) => s.only === undefined || s.only.some((part) => name.includes(part));
  const stats = statsQuery(s.tier !== '1m');
  if (chosen(stats.name)) await dashboardComputed(clients.ours, stats);
  const queries: QueryResult[] = [];
  for (const query of [
    ceilingQuery(),
    stats,
    institutionDetailQuery(params.institutions),
    neighborhoodQuery(params.people),
    shortestPathQuery(params.pairs),
    searchQuery(params.searches),
  ].filter((q) => chosen(q.name))) {
    queries.push(await measureRead(query, clients, pids, s));
  }
  if (chosen('bulk ingest')) queries.push(await measureIngest(db, clients, pids, s));
  return queries;
}

/** What the run was: where, on what, with which versions and how. */
async function describeRun(
  s: Settings,
  db: Database,
  graph: BenchResults['graph'],
  commit: string,
): Promise<Omit<BenchResults, 'queries' | 'memory'>> {
  const info = await db.serverInfo(5_000);
  return {
    tier: s.tier,
    date: new Date().toISOString(),
    mode: s.quick ? 'quick' : 'full',
    commit,
    graph,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
    },
    versions: {
      neo4j: `${info.version} ${info.edition}`,
      '@neo4j/graphql': packageVersion('@neo4j/graphql'),
      '@apollo/server': packageVersion('@apollo/server'),
      'type-graphql': packageVersion('type-graphql'),
      graphql: packageVersion('graphql'),
      'neo4j-driver': packageVersion('neo4j-driver'),
      express: packageVersion('express'),
    },
    method: [
      `Each server in its own Node.js process, all on one embedded Neo4j, the load generator in a third process.`,
      `Answers checked equal before timing; warm-up ${s.seconds} s per server and query.`,
      `${s.reps} repetitions, each server in turn (rotating who goes first): ${s.seconds} s at concurrency 1, then ${s.seconds} s at concurrency ${CONCURRENCY}.`,
      'p50/p99: medians over repetitions of per-repetition percentiles at concurrency 1; req/s: median at concurrency 16; ranges over repetitions.',
      'Round trips: Cypher queries per request, counted by each server around its driver transactions.',
      `CPU per request: the CPU time (user and system, all threads) the server's process and Neo4j's used during the run at concurrency ${CONCURRENCY}, over the requests it answered (median over repetitions); Neo4j serves one server at a time.`,
    ],
  };
}

/** results.json and RESULTS.md in `s.out`, keeping the explorer's figures (bench/explorer.bench.ts) there. */
function writeResults(s: Settings, results: BenchResults): string {
  fs.mkdirSync(s.out, { recursive: true });
  const earlier = (file: string): string =>
    fs.existsSync(path.join(s.out, file)) ? fs.readFileSync(path.join(s.out, file), 'utf8') : '';
  const { explorer } = JSON.parse(earlier('results.json') || '{}') as { explorer?: unknown };
  const explorerSection = earlier('RESULTS.md').split(EXPLORER_SECTION)[1];
  fs.writeFileSync(
    path.join(s.out, 'results.json'),
    `${JSON.stringify({ ...results, explorer }, null, 2)}\n`,
  );
  const table = markdown(results);
  fs.writeFileSync(
    path.join(s.out, 'RESULTS.md'),
    [
      `# Benchmark results: ${s.tier} tier, ${results.date.slice(0, 10)}`,
      '',
      `Graph: ${results.graph.nodes} nodes, ${results.graph.relationships} relationships. Mode: ${results.mode}. Commit: ${results.commit}.`,
      `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.os}, Node.js ${results.machine.node}.`,
      `Versions: ${Object.entries(results.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
      '',
      ...results.method.map((m) => `- ${m}`),
      '',
      memoryLine(results.memory),
      '',
      table,
      '',
      'Where a goal is not met, why (profiles, dbHits) and what would meet it: bench/ANALYSIS.md.',
      '',
      ...(explorerSection === undefined ? [] : [`${EXPLORER_SECTION}${explorerSection}`]),
    ].join('\n'),
  );
  return table;
}

async function main(): Promise<void> {
  const s = settings();
  const started = Date.now();
  // The code measured is the code at the start: the tree may move on while a long run goes.
  const commit = commitMeasured();
  say(
    `== benchmark: tier ${s.tier}, ${s.reps} repetitions of ${s.seconds} s per server and concurrency${s.quick ? ' (quick)' : ''}`,
  );
  const { neo4j, config, graph } = await openTier(s);
  const servers: ServerProcess[] = [];
  const clients = {} as Record<Target, Client>;
  try {
    const embedded = neo4j.embedded as EmbeddedNeo4j;
    for (const target of TARGETS) {
      const server = await ServerProcess.start(target, embedded);
      servers.push(server);
      clients[target] = new Client(server.url);
      say(`== ${target} listening at ${server.url}`);
    }
    const pids = Object.fromEntries([
      ...servers.map((server) => [server.target, server.child.pid] as const),
      ['neo4j', embedded.pid] as const,
    ]) as Pids;
    const queries = await measureAll(s, neo4j.db, clients, pids, config.limits.maxNeighborhoodNodes);
    // Read before the servers stop: peak resident memory over the whole run, each process on its own.
    const memory = Object.fromEntries([
      ...servers.map((server) => [server.target, processMemory(server.child.pid)] as const),
      ['neo4j', processMemory(embedded.pid)] as const,
    ]);
    const results: BenchResults = { ...(await describeRun(s, neo4j.db, graph, commit)), queries, memory };
    const table = writeResults(s, results);
    say('');
    say(table);
    say('');
    say(
      `== done in ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${path.relative(process.cwd(), s.out) || '.'}/RESULTS.md and results.json`,
    );
  } finally {
    for (const client of Object.values(clients)) client.close();
    for (const server of servers) server.stop();
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
