import { execFileSync } from 'node:child_process';
import { procFile } from './process.memory';

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user and system, all threads) `pid` has used so far, in ms: Linux /proc; undefined elsewhere. */
export function cpuMs(pid: number | undefined): number | undefined {
  const stat = procFile(pid, 'stat');
  if (stat === undefined) return undefined;
  // Fields after the command name, which may hold spaces: state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

/** The server's and Neo4j's CPU time per request over a run of `requests` (undefined where unreadable). */
export interface CpuPerRequest {
  server?: number;
  neo4j?: number;
}

/** Runs `work` and divides the CPU time each process used meanwhile by the requests it says it sent. */
export async function cpuPerRequest<T extends { requests: number }>(
  pids: { server?: number; neo4j?: number },
  work: () => Promise<T>,
): Promise<T & { cpu: CpuPerRequest }> {
  const before = { server: cpuMs(pids.server), neo4j: cpuMs(pids.neo4j) };
  const result = await work();
  const per = (start: number | undefined, pid: number | undefined): number | undefined => {
    const end = cpuMs(pid);
    return start === undefined || end === undefined ? undefined : (end - start) / result.requests;
  };
  return {
    ...result,
    cpu: { server: per(before.server, pids.server), neo4j: per(before.neo4j, pids.neo4j) },
  };
}
