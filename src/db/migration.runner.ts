import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Database } from './neo4j.database';

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.cypher$/;

/** Reads `NNNN_name.cypher` files in version order; statements end with `;`, `//` lines are comments. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cypher'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new MigrationError(`migration file ${file} must be named NNNN_snake_case.cypher`);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .split(/;\s*(?:\n|$)/)
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0);
      return {
        version: Number(match[1]),
        name: match[2] as string,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements,
      };
    })
    .sort((a, b) => a.version - b.version);
  const versions = migrations.map((m) => m.version);
  const duplicate = versions.find((v, i) => versions.indexOf(v) !== i);
  if (duplicate !== undefined) throw new MigrationError(`two migration files have version ${duplicate}`);
  return migrations;
}

/**
 * Applies the migrations not yet recorded in the graph, in order, and records each one. Schema statements use
 * IF NOT EXISTS, so a run interrupted between a statement and its record is safe to repeat. An applied
 * migration whose file has changed since is refused: its effect on existing databases would be unknown.
 */
export async function migrate(db: Database, migrations: Migration[]): Promise<MigrationReport> {
  await db.runSchemaCommand(
    'CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE',
  );
  const recorded = await db.read(async (tx) => {
    const result = await tx.run(
      'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum',
    );
    return new Map(result.records.map((r) => [r.get('version') as number, r.get('checksum') as string]));
  });

  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const checksum = recorded.get(migration.version);
    if (checksum === migration.checksum) {
      report.alreadyApplied += 1;
      continue;
    }
    if (checksum !== undefined) {
      throw new MigrationError(
        `migration ${migration.version} (${migration.name}) changed after it was applied; add a new migration instead`,
      );
    }
    for (const statement of migration.statements) await db.runSchemaCommand(statement);
    await db.write((tx) =>
      tx.run(
        `MERGE (m:SchemaMigration {version: $version})
         ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
        { version: neo4j.int(migration.version), name: migration.name, checksum: migration.checksum },
      ),
    );
    report.applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
  }
  return report;
}
