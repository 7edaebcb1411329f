import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMigrations, MigrationError } from '../../src/db/migration.runner';
import { migrationsDir } from '../../src/config/project.paths';

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadMigrations', () => {
  it('orders files by version and splits statements, leaving out comments', () => {
    const dir = dirWith({
      '0002_second.cypher': 'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);\n',
      '0001_first.cypher':
        '// why\nCREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;\nCREATE INDEX c IF NOT EXISTS\n  FOR (n:C) ON (n.y);',
    });
    const migrations = loadMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name, m.statements])).toEqual([
      [
        1,
        'first',
        [
          'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE',
          'CREATE INDEX c IF NOT EXISTS\n  FOR (n:C) ON (n.y)',
        ],
      ],
      [2, 'second', ['CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x)']],
    ]);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a badly named file and two files of one version', () => {
    expect(() => loadMigrations(dirWith({ 'constraints.cypher': '' }))).toThrow(MigrationError);
    expect(() => loadMigrations(dirWith({ '0001_a.cypher': '', '0001_b.cypher': '' }))).toThrow(
      'two migration files have version 1',
    );
  });

  it("reads the project's own migrations, every statement idempotent", () => {
    const migrations = loadMigrations(migrationsDir());
    expect(migrations.length).toBeGreaterThan(0);
    for (const statement of migrations.flatMap((m) => m.statements))
      expect(statement).toMatch(/IF NOT EXISTS/);
  });
});
