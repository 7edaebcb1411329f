import fs from 'node:fs';
import path from 'node:path';
import { migrationsDir } from '../../src/config/project.paths';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { loadMigrations, migrate, MigrationError } from '../../src/db/migration.runner';
import type { Database } from '../../src/db/neo4j.database';
import { connect, startPrivateNeo4j, tempDir } from '../helpers/neo4j.test-db';

/** The schema as Neo4j reports it: every constraint and index by name, type and what it covers. */
interface SchemaSnapshot {
  constraints: Record<string, unknown>[];
  indexes: Record<string, unknown>[];
  migrations: { version: number; checksum: string; at: string }[];
}

async function schemaSnapshot(db: Database): Promise<SchemaSnapshot> {
  return db.read(async (tx) => {
    const constraints = await tx.run(
      'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties ORDER BY name',
    );
    const indexes = await tx.run(
      'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties ORDER BY name',
    );
    const migrations = await tx.run(
      'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum, toString(m.appliedAt) AS at ORDER BY version',
    );
    return {
      constraints: constraints.records.map((r) => r.toObject()),
      indexes: indexes.records.map((r) => r.toObject()),
      migrations: migrations.records.map((r) => r.toObject() as SchemaSnapshot['migrations'][number]),
    };
  });
}

describe('migrations on a real, empty Neo4j', () => {
  let neo4j: EmbeddedNeo4j;
  let db: Database;

  beforeAll(async () => {
    neo4j = await startPrivateNeo4j(tempDir('migrations'));
    db = connect(neo4j);
  });

  afterAll(async () => {
    await db?.close();
    await neo4j?.stop();
  });

  it('applies every migration once, records it, and a second run changes nothing', async () => {
    const migrations = loadMigrations(migrationsDir());
    const first = await migrate(db, migrations);
    expect(first.applied).toEqual(migrations.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`));
    expect(first.alreadyApplied).toBe(0);

    const afterFirst = await schemaSnapshot(db);
    expect(afterFirst.constraints).toContainEqual({
      name: 'entity_id',
      type: 'UNIQUENESS',
      labelsOrTypes: ['Entity'],
      properties: ['id'],
    });
    expect(afterFirst.migrations.map((m) => [m.version, m.checksum])).toEqual(
      migrations.map((m) => [m.version, m.checksum]),
    );

    const second = await migrate(db, migrations);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length });
    expect(await schemaSnapshot(db)).toEqual(afterFirst);
  });

  it('enforces what the constraints promise: one entity per id', async () => {
    await db.write((tx) => tx.run("CREATE (:Entity {id: 'migrations-test-dup'})"));
    await expect(db.write((tx) => tx.run("CREATE (:Entity {id: 'migrations-test-dup'})"))).rejects.toThrow(
      /already exists/,
    );
  });

  it('refuses to run when an applied migration file was edited afterwards', async () => {
    const dir = tempDir('edited-migrations');
    for (const file of fs.readdirSync(migrationsDir())) {
      fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(migrationsDir(), file), 'utf8'));
    }
    const first = fs.readdirSync(dir).sort()[0] as string;
    fs.appendFileSync(path.join(dir, first), '\n// edited after it was applied\n');
    const before = await schemaSnapshot(db);
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(MigrationError);
    expect(await schemaSnapshot(db)).toEqual(before);
  });
});
