import { markdown, type BenchResults, type Measured } from '../../bench/bench.report';
import { cpuMs, cpuPerRequest } from '../../bench/process.cpu';

const measured = (cpuMs?: Measured['cpuMs']): Measured => ({
  p50Ms: 2,
  p99Ms: 4,
  rps: 100,
  roundTrips: 1,
  rpsC1: 50,
  p50RangeMs: [2, 2],
  rpsRange: [100, 100],
  requests: 10,
  cpuMs,
});

const results = (ours: Measured, peer: Measured | null): BenchResults => ({
  tier: '10k',
  date: '2026-12-02T00:00:00.000Z',
  mode: 'quick',
  commit: 'abc',
  graph: { nodes: 1, relationships: 1 },
  machine: {},
  versions: {},
  method: [],
  queries: [{ name: 'institution detail', description: '', ours, limit: null, peer }],
});

const burn = (ms: number): void => {
  for (const end = Date.now() + ms; Date.now() < end;);
};

describe('CPU per request in the benchmark', () => {
  it("reads a process's CPU time from /proc, and none for a process that does not exist", () => {
    const before = cpuMs(process.pid);
    burn(120);
    const after = cpuMs(process.pid);
    expect(before).toEqual(expect.any(Number));
    expect((after as number) - (before as number)).toBeGreaterThanOrEqual(100);
    expect(cpuMs(2 ** 30)).toBeUndefined();
    expect(cpuMs(undefined)).toBeUndefined();
  });

  it('divides the CPU time a run used by the requests it answered', async () => {
    const { cpu, requests } = await cpuPerRequest({ server: process.pid }, () => {
      burn(200);
      return Promise.resolve({ requests: 4 });
    });
    expect(requests).toBe(4);
    // 50 ms each, read in clock ticks (10 ms).
    expect(cpu.server).toBeGreaterThanOrEqual(45);
    expect(cpu.server).toBeLessThan(200);
    expect(cpu.neo4j).toBeUndefined();
  });

  it('reports server and Neo4j per request, and ours over the peer of both together', () => {
    const table = markdown(results(measured({ server: 3, neo4j: 1 }), measured({ server: 4, neo4j: 4 })));
    expect(table).toContain('| institution detail | 3.00 + 1.00 | – | 4.00 + 4.00 | – | 0.50x |');
  });

  it('leaves the table out where no CPU time was read', () => {
    expect(markdown(results(measured(), measured()))).not.toContain('CPU ms/request');
  });
});
