import type { ProcessMemory } from './process.memory';

/** What one target measured for one query: medians over repetitions, with their ranges. */
export interface Measured {
  /** Median over repetitions of each repetition's p50 at concurrency 1. */
  p50Ms: number;
  p99Ms: number;
  /** Requests per second at concurrency 16 (median over repetitions). */
  rps: number;
  roundTrips: number;
  rpsC1: number;
  p50RangeMs: [number, number];
  rpsRange: [number, number];
  requests: number;
  /** CPU ms per request at concurrency 16, of the server's process and of Neo4j (absent where unreadable). */
  cpuMs?: { server?: number; neo4j?: number };
}

export interface QueryResult {
  name: string;
  description: string;
  ours: Measured;
  /** Null where the target has no equivalent, or was not timed (the 1m tier's dashboard, bench.queries.ts). */
  limit: Measured | null;
  peer: Measured | null;
}

export interface BenchResults {
  tier: string;
  date: string;
  mode: 'full' | 'quick';
  commit: string;
  graph: { nodes: number; relationships: number };
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  method: string[];
  queries: QueryResult[];
  /** Each process's resident memory at the end of the run, by target and `neo4j` (absent where unreadable). */
  memory?: Record<string, ProcessMemory | undefined>;
}

/** The memory line of RESULTS.md: peak resident memory of each server and of Neo4j over the run. */
export function memoryLine(memory: BenchResults['memory']): string {
  const parts = Object.entries(memory ?? {}).map(([name, m]) =>
    m ? `${name} ${m.peakMiB} MiB (${m.rssMiB} MiB at the end)` : `${name} not measured`,
  );
  return parts.length > 0 ? `Memory, peak resident: ${parts.join(', ')}.` : 'Memory: not measured.';
}

export const CEILING = '{__typename} ceiling';
/** The heading of RESULTS.md's section for the explorer's figures (bench/explorer.bench.ts). */
export const EXPLORER_SECTION = '## Explorer in a browser';
/** A goal of issue 14: a figure of one query's results held to a bound. */
interface Goal {
  query: string;
  says: string;
  figure: (q: QueryResult) => number | undefined;
  unit: 'ms' | 'x';
  bound: number;
  atMost: boolean;
}

const p50VersusLimit = (q: QueryResult) => (q.limit ? q.ours.p50Ms / q.limit.p50Ms : undefined);
const rpsVersusPeer = (q: QueryResult) => (q.peer ? q.ours.rps / q.peer.rps : undefined);
const nearLimit = (query: string, bound: number): Goal => ({
  query,
  says: `p50 ours/limit <= ${bound}x`,
  figure: p50VersusLimit,
  unit: 'x',
  bound,
  atMost: true,
});
const abovePeer = (query: string, bound: number): Goal => ({
  query,
  says: `req/s c=16 ours/peer >= ${bound}x`,
  figure: rpsVersusPeer,
  unit: 'x',
  bound,
  atMost: false,
});

/** The goals the results are held to, each where the run has its query and the figure it needs. */
const GOALS: Goal[] = [
  {
    query: 'dashboard stats',
    says: 'p50 <= 5 ms',
    figure: (q) => q.ours.p50Ms,
    unit: 'ms',
    bound: 5,
    atMost: true,
  },
  ...['institution detail', '2-hop neighbourhood', 'shortest path', 'full-text search'].map((q) =>
    nearLimit(q, 1.3),
  ),
  ...['institution detail', '2-hop neighbourhood', 'full-text search'].map((q) => abovePeer(q, 1.25)),
  abovePeer('bulk ingest', 1),
  nearLimit('bulk ingest', 1.5),
];

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
const range = ([lo, hi]: [number, number], f: (v: number) => string): string => `${f(lo)}–${f(hi)}`;

/** The results as Markdown: one table of the numbers, one of the ratios the goals are stated in. */
export function markdown(results: BenchResults): string {
  const rows = results.queries.flatMap((q) =>
    (['ours', 'limit', 'peer'] as const).map((target) => {
      const m = q[target];
      if (!m) return `| ${q.name} | ${target} | – | – | – | – | – |`;
      return `| ${q.name} | ${target} | ${ms(m.p50Ms)} (${range(m.p50RangeMs, ms)}) | ${ms(m.p99Ms)} | ${m.rpsC1.toFixed(1)} | ${m.rps.toFixed(1)} (${range(m.rpsRange, (v) => v.toFixed(1))}) | ${m.roundTrips} |`;
    }),
  );
  const ratios = results.queries.map((q) => {
    const [limit, peer] = [q.limit, q.peer];
    return `| ${q.name} | ${limit ? ratio(q.ours.p50Ms, limit.p50Ms) : '–'} | ${limit ? ratio(q.ours.rps, limit.rps) : '–'} | ${peer ? ratio(q.ours.p50Ms, peer.p50Ms) : '–'} | ${peer ? ratio(q.ours.rps, peer.rps) : '–'} |`;
  });
  const goals = GOALS.flatMap((goal) => {
    const q = results.queries.find((query) => query.name === goal.query);
    const figure = q && goal.figure(q);
    if (figure === undefined) return [];
    const shown = goal.unit === 'ms' ? `${ms(figure)} ms` : `${figure.toFixed(2)}x`;
    const met = goal.atMost ? figure <= goal.bound : figure >= goal.bound;
    return [`| ${goal.query} | ${goal.says} | ${shown} | ${met ? 'met' : '**not met**'} |`];
  });
  return [
    `| query | server | p50 ms (range) | p99 ms | req/s c=1 | req/s c=16 (range) | Cypher round trips |`,
    `|---|---|---|---|---|---|---|`,
    ...rows,
    '',
    `| query | p50 ours/limit | req/s c=16 ours/limit | p50 ours/peer | req/s c=16 ours/peer |`,
    `|---|---|---|---|---|`,
    ...ratios,
    '',
    `| query | goal (issue 14) | measured | |`,
    `|---|---|---|---|`,
    ...goals,
    ...cpuTable(results.queries),
  ].join('\n');
}

/** A target's CPU ms per request, its server's and Neo4j's together; undefined where either is unknown. */
const cpuTotal = (m: Measured | null): number | undefined =>
  m?.cpuMs?.server === undefined || m.cpuMs.neo4j === undefined ? undefined : m.cpuMs.server + m.cpuMs.neo4j;

/**
 * CPU time per request at concurrency 16, server and Neo4j: what req/s measures on a machine whose cores every
 * process shares, less moved by what else runs on it. None where it could not be read (not Linux).
 */
function cpuTable(queries: QueryResult[]): string[] {
  const cell = (m: Measured | null): string =>
    cpuTotal(m) === undefined ? '–' : `${ms(m?.cpuMs?.server ?? 0)} + ${ms(m?.cpuMs?.neo4j ?? 0)}`;
  const versus = (q: QueryResult, other: Measured | null): string => {
    const [ours, theirs] = [cpuTotal(q.ours), cpuTotal(other)];
    return ours === undefined || theirs === undefined ? '–' : ratio(ours, theirs);
  };
  const rows = queries
    .filter((q) => cpuTotal(q.ours) !== undefined)
    .map(
      (q) =>
        `| ${q.name} | ${cell(q.ours)} | ${cell(q.limit)} | ${cell(q.peer)} | ${versus(q, q.limit)} | ${versus(q, q.peer)} |`,
    );
  if (rows.length === 0) return [];
  return [
    '',
    `| query | CPU ms/request ours: server + Neo4j | limit | peer | ours/limit | ours/peer |`,
    `|---|---|---|---|---|---|`,
    ...rows,
  ];
}
