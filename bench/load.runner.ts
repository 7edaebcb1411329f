import http from 'node:http';
import type { Call } from './bench.queries';

export interface Response {
  status: number;
  text: string;
}

/** Keep-alive HTTP to one server, as a client library would use it. */
export class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly baseUrl: string) {}

  send(call: Call): Promise<Response> {
    const body = JSON.stringify(call.body);
    const url = new URL(call.path, this.baseUrl);
    const attempt = (retry: boolean): Promise<Response> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          url,
          {
            method: 'POST',
            agent: this.agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => {
          // A kept-alive socket the server closed as this request went out: Node's documented case for one retry.
          if (retry && req.reusedSocket && error.code === 'ECONNRESET') resolve(attempt(false));
          else reject(new Error(`${url.href}: ${error.message}`));
        });
        req.end(body);
      });
    return attempt(true);
  }

  async get(path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      http
        .get(new URL(path, this.baseUrl), { agent: this.agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        })
        .on('error', reject);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The answer's `data`, or an error that says which request failed and how. */
export function dataOf(call: Call, response: Response): unknown {
  let parsed: { data?: unknown; errors?: unknown; error?: unknown };
  try {
    parsed = JSON.parse(response.text) as typeof parsed;
  } catch {
    throw new Error(`${call.path}: HTTP ${response.status}, not JSON: ${response.text.slice(0, 200)}`);
  }
  if (response.status !== 200 || parsed.errors || parsed.error) {
    throw new Error(
      `${call.path}: HTTP ${response.status}: ${JSON.stringify(parsed.errors ?? parsed.error).slice(0, 500)}`,
    );
  }
  return parsed.data;
}

/** Sends one request and fails on anything but a clean answer; returns its time in milliseconds. */
async function timed(client: Client, call: Call): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await client.send(call);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // A fast error is not a fast answer: every timed response is checked.
  if (response.status !== 200 || response.text.includes('"errors"')) dataOf(call, response);
  return ms;
}

export interface Budget {
  /** Stop after this long (at least `minRequests` are sent)... */
  seconds: number;
  minRequests: number;
  /** ...or after this many requests. */
  maxRequests: number;
}

/** Requests one after another, cycling through `calls`: each one's latency. */
export async function sequential(client: Client, calls: Call[], budget: Budget): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = Date.now() + budget.seconds * 1000;
  while (
    latencies.length < budget.maxRequests &&
    (latencies.length < budget.minRequests || Date.now() < deadline)
  ) {
    latencies.push(await timed(client, calls[latencies.length % calls.length] as Call));
  }
  return latencies;
}

/** `concurrency` clients sending back to back, cycling through `calls`: requests per second, and how many. */
export async function concurrent(
  client: Client,
  calls: Call[],
  concurrency: number,
  budget: Budget,
): Promise<{ rps: number; requests: number }> {
  let sent = 0;
  let done = 0;
  const started = Date.now();
  const deadline = started + budget.seconds * 1000;
  const worker = async () => {
    while (sent < budget.maxRequests && (sent < budget.minRequests || Date.now() < deadline)) {
      const call = calls[sent % calls.length] as Call;
      sent += 1;
      await timed(client, call);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: done / ((Date.now() - started) / 1000), requests: done };
}

export function percentile(values: number[], p: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.max(0, Math.ceil((p / 100) * ordered.length) - 1))] ?? NaN;
}

export const median = (values: number[]): number => percentile(values, 50);
