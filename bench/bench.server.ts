import type http from 'node:http';
import net from 'node:net';
import type { ManagedTransaction } from 'neo4j-driver';

/** A transaction whose every `run` adds one to `counter.queries`: Cypher round trips, counted the same way everywhere. */
export function countQueries(tx: ManagedTransaction, counter: { queries: number }): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property !== 'run') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<ManagedTransaction['run']>) => {
        counter.queries += 1;
        return target.run(...args);
      };
    },
  });
}

/**
 * Listens on a free loopback port and prints `{"url": ...}` for the benchmark to read; closes on SIGTERM or
 * when stdin ends, so a server never outlives the benchmark that started it.
 */
export async function listen(server: http.Server, close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  const stop = () => {
    server.closeAllConnections();
    server.close();
    void close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.once('end', stop);
  process.stdin.resume();
}

/** A port free on loopback now, for a server started next. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
