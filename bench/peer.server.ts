import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j, { type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import { countQueries, listen } from './bench.server';

/**
 * The peer: @neo4j/graphql 7 over the same data, with type definitions for what the benchmark reads, behind
 * the same Apollo Server and express stack as the API. GET /count tells the Cypher queries sent so far.
 */
async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
    { maxConnectionPoolSize: 50 },
  );
  const counter = { queries: 0 };
  // @neo4j/graphql takes anything with `session()`: its transactions are counted like the others'.
  const counting = {
    executeQueryBookmarkManager: driver.executeQueryBookmarkManager,
    session(config?: SessionConfig): Session {
      const session = driver.session(config);
      return new Proxy(session, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown;
          if (property === 'executeRead' || property === 'executeWrite') {
            return (
              work: (tx: Parameters<Parameters<Session['executeRead']>[0]>[0]) => unknown,
              txConfig: unknown,
            ) => target[property]((tx) => work(countQueries(tx, counter)), txConfig as never);
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
  const typeDefs = fs.readFileSync(
    path.join(__dirname, '..', '..', 'bench', 'peer.typedefs.graphql'),
    'utf8',
  );
  const schema = await new Neo4jGraphQL({ typeDefs, driver: counting as unknown as Driver }).getSchema();

  const app = express();
  const server = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server })],
  });
  await apollo.start();
  app.get('/count', (_req, res) => {
    res.json(counter);
  });
  app.use('/graphql', express.json({ limit: '50mb' }), expressMiddleware(apollo));
  await listen(server, async () => {
    await apollo.stop();
    await driver.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`peer server: ${(error as Error).message}\n`);
  process.exit(1);
});
