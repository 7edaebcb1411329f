import net from 'node:net';
import { AppError } from '../../src/common/app.errors';
import type { Database } from '../../src/db/neo4j.database';
import { connect, sharedNeo4j } from '../helpers/neo4j.test-db';

/**
 * A TCP proxy in front of the shared Neo4j that drops the connection carrying a statement with `marker` in its
 * text, before the statement reaches Neo4j: a connection lost mid-request, as a restart or a network fault makes.
 */
class CuttingProxy {
  /** How many more statements with the marker to cut; the others pass. */
  cutsLeft = 0;
  cuts = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly marker: string,
  ) {
    this.server = net.createServer((client) => this.pipe(client));
  }

  private pipe(client: net.Socket): void {
    const server = net.connect(this.target);
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (data: Buffer) => {
      if (this.cutsLeft > 0 && data.includes(this.marker)) {
        this.cutsLeft -= 1;
        this.cuts += 1;
        client.destroy();
        server.destroy();
        return;
      }
      server.write(data);
    });
    server.on('data', (data: Buffer) => client.write(data));
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `bolt://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const MARKER = 'read-retries-probe';
const STATEMENT = `RETURN '${MARKER}' AS marker, 41 + 1 AS answer`;

describe('one read statement (Database.query)', () => {
  let proxy: CuttingProxy;
  let db: Database;

  beforeAll(async () => {
    const shared = sharedNeo4j();
    const { hostname, port } = new URL(shared.uri);
    proxy = new CuttingProxy({ host: hostname, port: Number(port) }, MARKER);
    db = connect({ ...shared, uri: await proxy.listen() });
  });

  afterAll(async () => {
    await db?.close();
    await proxy?.close();
  });

  beforeEach(() => {
    proxy.cutsLeft = 0;
    proxy.cuts = 0;
  });

  it('runs once and answers when nothing fails', async () => {
    const before = db.queryCount;
    const records = await db.query(STATEMENT);
    expect(records.map((r) => r.get('answer') as number)).toEqual([42]);
    expect(db.queryCount - before).toBe(1);
  });

  it('runs the statement again on a new connection when its connection is lost, and answers', async () => {
    proxy.cutsLeft = 1;
    const before = db.queryCount;
    const records = await db.query(STATEMENT);
    expect(records.map((r) => r.get('answer') as number)).toEqual([42]);
    expect(proxy.cuts).toBe(1);
    expect(db.queryCount - before).toBe(2);
  });

  it('stops asking when the next attempt would start after its time, and answers SERVICE_UNAVAILABLE', async () => {
    proxy.cutsLeft = Infinity;
    const started = Date.now();
    const error = await db.query(STATEMENT, {}, 1_500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
    // The first retry waits about a second (0.8 to 1.2 s); the second would wait about two, past the 1.5 s.
    expect(proxy.cuts).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
  });

  it('does not run again a statement Neo4j refuses', async () => {
    const before = db.queryCount;
    const error = await db.query(`RETURN '${MARKER}' AS marker, 1 / 0 AS answer`).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('Neo.ClientError.Statement.ArithmeticError');
    expect(db.queryCount - before).toBe(1);
  });
});
