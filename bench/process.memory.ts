import fs from 'node:fs';

/** A process's resident memory in MiB: now and at its peak (Linux /proc; undefined elsewhere or once it exited). */
export interface ProcessMemory {
  rssMiB: number;
  peakMiB: number;
}

const MIB = 1024;

/** The text of /proc/<pid>/<file>: undefined without a pid, off Linux, or once the process exited. */
export function procFile(pid: number | undefined, file: string): string | undefined {
  if (pid === undefined || pid <= 0) return undefined;
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads VmRSS and VmHWM (the peak resident set) of `pid` from /proc/<pid>/status. */
export function processMemory(pid: number | undefined): ProcessMemory | undefined {
  const status = procFile(pid, 'status');
  if (status === undefined) return undefined;
  const kib = (field: string): number | undefined => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  };
  const [rss, peak] = [kib('VmRSS'), kib('VmHWM')];
  return rss === undefined || peak === undefined
    ? undefined
    : { rssMiB: Math.round(rss / MIB), peakMiB: Math.round(peak / MIB) };
}
