import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureLauncherBuilt } from './launcher.build';

export interface EmbeddedNeo4jOptions {
  dataDir: string;
  /** 0 picks a free loopback port. */
  boltPort: number;
  heapMb: number;
  pageCacheMb: number;
  startupTimeoutMs: number;
  progress?: (line: string) => void;
}

export type EmbeddedNeo4jErrorCode =
  'PORT_IN_USE' | 'DATA_DIR_LOCKED' | 'START_FAILED' | 'STARTUP_TIMEOUT' | 'JAVA_MISSING';

export class EmbeddedNeo4jError extends Error {
  constructor(
    readonly code: EmbeddedNeo4jErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmbeddedNeo4jError';
  }
}

interface LauncherMessage {
  event: 'ready' | 'error';
  bolt?: string;
  port?: number;
  code?: EmbeddedNeo4jErrorCode;
  message?: string;
}

const MESSAGE_PREFIX = 'LAUNCHER ';

/** The Bolt user of the embedded Neo4j; its password is kept in the data directory. */
export const EMBEDDED_USER = 'neo4j';
const PASSWORD_FILE = 'bolt-password';

/**
 * The data directory, readable by its owner only, and its password: made the first time (random, in a file of
 * mode 0600 beside the data), read after that. Any local user can reach a loopback port; only the owner can
 * read this file.
 */
export function preparedDataDir(dataDir: string): { passwordFile: string; password: string } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const passwordFile = path.join(dataDir, PASSWORD_FILE);
  try {
    fs.writeFileSync(passwordFile, `${randomBytes(24).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    fs.chmodSync(passwordFile, 0o600);
  }
  return { passwordFile, password: fs.readFileSync(passwordFile, 'utf8').trim() };
}

/**
 * Neo4j Community running in the launcher JVM, a child of this process. Its stdin is a pipe from us: when this
 * process ends in any way, the pipe closes and the JVM shuts down, so it never outlives its parent.
 */
export class EmbeddedNeo4j {
  private readonly exited: Promise<number | null>;
  private stopping = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly uri: string,
    readonly port: number,
    /** The password of EMBEDDED_USER, which Bolt asks for. */
    readonly password: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
    const progress = options.progress ?? (() => undefined);
    const { classpath } = await ensureLauncherBuilt(progress);
    progress(`Starting embedded Neo4j (data in ${options.dataDir})...`);
    const { passwordFile, password } = preparedDataDir(options.dataDir);
    const started = Date.now();
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const child = spawn(
      java,
      [
        `-Xmx${options.heapMb}m`,
        '-XX:+UseSerialGC',
        '-cp',
        classpath,
        'org.institutiongraph.launcher.Launcher',
        `--data-dir=${options.dataDir}`,
        `--port=${options.boltPort}`,
        `--pagecache-mb=${options.pageCacheMb}`,
        // A path, not the password: a command line is visible to every user of the machine.
        `--password-file=${passwordFile}`,
      ],
      // Its own process group: a terminal's Ctrl-C reaches the API, which drains requests before it stops
      // Neo4j, instead of stopping both at once. The stdin pipe still ends the JVM with the API.
      { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
    );

    const message = await firstMessage(child, java, options.startupTimeoutMs);

    if (message.event === 'error') {
      throw new EmbeddedNeo4jError(
        message.code ?? 'START_FAILED',
        message.message ?? 'embedded Neo4j failed to start',
      );
    }
    progress(
      `Embedded Neo4j (pid ${child.pid}) is ready at ${message.bolt} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    return new EmbeddedNeo4j(child, message.bolt as string, message.port as number, password);
  }

  /** Called when the JVM ends without being asked to. */
  onUnexpectedExit(listener: (code: number | null) => void): void {
    void this.exited.then((code) => {
      if (!this.stopping) listener(code);
    });
  }

  /** Asks the JVM to shut down cleanly (end of stdin) and waits; kills it if it takes longer than the timeout. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * The launcher's first message on stdout (ready, or why not), or an error when the JVM cannot be run, exits first
 * (with the end of its stderr) or says nothing within `startupTimeoutMs`.
 */
function firstMessage(
  child: ChildProcessWithoutNullStreams,
  java: string,
  startupTimeoutMs: number,
): Promise<LauncherMessage> {
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const lines = readline.createInterface({ input: child.stdout });

  return new Promise<LauncherMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new EmbeddedNeo4jError(
          'STARTUP_TIMEOUT',
          `embedded Neo4j did not start within ${startupTimeoutMs} ms (raise NEO4J_STARTUP_TIMEOUT_MS)`,
        ),
      );
    }, startupTimeoutMs);
    const settle = (fn: () => void): void => {
      clearTimeout(timer);
      fn();
    };
    lines.on('line', (line) => {
      if (!line.startsWith(MESSAGE_PREFIX)) return;
      settle(() => resolve(JSON.parse(line.slice(MESSAGE_PREFIX.length)) as LauncherMessage));
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(
          error.code === 'ENOENT'
            ? new EmbeddedNeo4jError(
                'JAVA_MISSING',
                `cannot run ${java}: install Java 17 or later, or set JAVA_HOME`,
              )
            : error,
        ),
      ),
    );
    child.once('exit', (code) =>
      settle(() =>
        reject(
          new EmbeddedNeo4jError(
            'START_FAILED',
            `embedded Neo4j exited (code ${code}) before it was ready: ${stderrTail.join(' | ').slice(-2000)}`,
          ),
        ),
      ),
    );
  });
}
