import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project.paths';
import { printAppSchema } from '../graphql/schema.build';

/** Writes schema/schema.graphql from the code; the unit suite fails while the committed file is stale. */
async function main(): Promise<void> {
  const file = path.join(projectRoot(), 'schema', 'schema.graphql');
  fs.writeFileSync(file, await printAppSchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

void main();
