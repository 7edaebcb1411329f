import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ENTRY = path.join(__dirname, '..', '..', 'dist', 'src', 'index.js');

export interface LogLine {
  msg?: string;
  url?: string;
  [key: string]: unknown;
}

/** The built API (dist/, built by the test command) as a user starts it: its own process, its own env. */
export class ApiProcess {
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    readline.createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.logs.push(line);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(line)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    readline.createInterface({ input: child.stderr! }).on('line', (text) => this.stderr.push(text));
  }

  static start(env: Record<string, string>): ApiProcess {
    return ApiProcess.run([process.execPath, ENTRY], {
      PATH: process.env.PATH ?? '',
      JAVA_HOME: process.env.JAVA_HOME ?? '',
      LOG_LEVEL: 'info',
      ...env,
    });
  }

  /** Any command that starts the API (an image's CMD), with exactly this environment. */
  static run([command, ...args]: string[], env: Record<string, string>, cwd?: string): ApiProcess {
    if (command === undefined) throw new Error('no command to run');
    return new ApiProcess(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first log line (past or future) that matches, or rejects if the process ends first. */
  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.logs.find(match);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<LogLine>((resolve) => this.waiters.push({ match, resolve })),
      this.exited.then((code) => {
        throw new Error(
          `API exited (code ${code}) before the expected log line; stderr: ${this.stderr.join('\n')}`,
        );
      }),
    ]);
  }

  /**
   * Waits until the API has warmed its query plans (plan.warmup.ts): until then its own queries hold a
   * connection, which a test that freezes Neo4j would see taken.
   */
  async warmed(): Promise<void> {
    await this.waitForLog((line) => String(line.msg).startsWith("warmed the explorer's query plans"));
  }

  /** Waits until the API is ready and returns its base URL. */
  async ready(): Promise<string> {
    const listening = await this.waitForLog((line) => typeof line.url === 'string');
    await this.waitForLog((line) => line.msg === 'ready');
    return listening.url as string;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
