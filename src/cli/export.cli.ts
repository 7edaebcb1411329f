import 'reflect-metadata';
import fs from 'node:fs';
import { createLogger } from '../common/app.logger';
import { loadConfig } from '../config/app.config';
import { DatabaseProvider } from '../db/database.provider';
import { exportChunks } from '../modules/export/export.format';
import { ExportService } from '../modules/export/export.service';
import { openNeo4j } from '../server/neo4j.connection';
import { TraversalService } from '../traversal/traversal.service';

const USAGE = `usage: npm run export -- --format graphml|gexf|csv|json (--id <id> [--depth N] [--relationshipKinds A,B] [--from YYYY-MM-DD] [--to YYYY-MM-DD] | --all) [--out <file>]`;

function parse(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected ${arg}\n${USAGE}`);
    const name = arg.slice(2);
    if (name === 'all') options.all = 'true';
    else {
      const value = args[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
      options[name] = value;
    }
  }
  return options;
}

/** Exports a neighbourhood or the whole graph of the configured Neo4j to a file or to standard output. */
async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger(config.logLevel));
  try {
    const databases = new DatabaseProvider();
    databases.set(neo4j.db);
    const exporter = new ExportService(
      databases,
      new TraversalService(databases, config.limits),
      config.limits,
    );
    const format = exporter.format(options.format);
    const graph = await exporter.graph({ ...options, format, all: options.all === 'true' });
    const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
    for (const chunk of exportChunks(graph, format)) out.write(chunk);
    if (options.out) await new Promise<void>((resolve) => out.end(() => resolve()));
    process.stderr.write(
      `${graph.nodes.length} nodes, ${graph.edges.length} edges${graph.truncated ? ' (cut at the limit)' : ''}\n`,
    );
  } finally {
    await neo4j.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export failed: ${(error as Error).message}\n`);
  process.exit(1);
});
