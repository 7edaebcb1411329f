import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/config/project.paths';
import { freePort } from './bench.server';

/** Our API in a process of its own, on a benchmark tier's embedded Neo4j. */
export interface TierApi {
  url: string;
  pid: number | undefined;
  stop(): void;
}

/**
 * Starts the built API (`npm run build` first) on `.data/bench-<tier>` without access control, with `deadlineMs`
 * for each request and transaction, and waits until it is ready: a large tier's store opens slowly on a busy
 * machine, so it waits up to 15 minutes.
 */
export async function startApiOnTier(tier: string, deadlineMs: number, heapMb = 2048): Promise<TierApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      AUTH_DISABLED: 'true',
      PORT: String(port),
      SEED: 'never',
      LOG_LEVEL: 'warn',
      NEO4J_DATA_DIR: `.data/bench-${tier}`,
      NEO4J_HEAP_MB: String(heapMb),
      NEO4J_PAGECACHE_MB: '1024',
      REQUEST_TIMEOUT_MS: String(deadlineMs),
      NEO4J_TRANSACTION_TIMEOUT_MS: String(deadlineMs),
      NEO4J_STARTUP_TIMEOUT_MS: '900000',
    },
    cwd: projectRoot(),
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const stop = () => {
    api.stdin?.end();
    api.kill('SIGTERM');
  };
  try {
    for (const deadline = Date.now() + 900_000; ;) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return { url, pid: api.pid, stop };
      if (Date.now() > deadline) throw new Error('the API was not ready within 900 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    stop();
    throw error;
  }
}
