import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';
import { connect, neo4jEnv, tempDir } from '../helpers/neo4j.test-db';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'ingest.cli.js');
const PREFIX = 'test-ingest-cli:';

function document(i: number): object {
  return {
    source: { id: `${PREFIX}source-${i}`, publisher: 'test', title: `cli document ${i}` },
    institutions: [{ id: `${PREFIX}institution-${i}`, kind: 'ENTERPRISE', name: `CLI Company ${i}` }],
  };
}

/** A document whose reference resolves nowhere: it passes every check but fails in its transaction. */
function dangling(i: number): object {
  return {
    source: { id: `${PREFIX}source-${i}`, publisher: 'test', title: `cli document ${i}` },
    institutions: [
      {
        id: `${PREFIX}institution-${i}`,
        kind: 'ENTERPRISE',
        name: `CLI Company ${i}`,
        partOf: `${PREFIX}nowhere`,
      },
    ],
  };
}

async function ingest(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...neo4jEnv(), LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

const write = (dir: string, files: Record<string, object | string>): void => {
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
};

describe('npm run ingest -- <folder>', () => {
  const db = connect();
  const ids = async (): Promise<string[]> =>
    db.read(async (tx) => {
      const result = await tx.run(
        'MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix RETURN n.id AS id ORDER BY id',
        { prefix: PREFIX },
      );
      return result.records.map((r) => r.get('id') as string);
    });

  afterEach(async () => {
    await removeByPrefix(db, PREFIX);
  });

  afterAll(async () => {
    await db.close();
  });

  it('ingests every document of a folder, with a line for each and a summary', async () => {
    const dir = tempDir('cli-ok');
    write(dir, { 'doc-1.json': document(1), 'doc-2.json': document(2), 'doc-3.json': document(3) });
    const { code, stdout } = await ingest(dir);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      '[1/3] doc-1.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain',
      '[2/3] doc-2.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain',
      '[3/3] doc-3.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain',
      'done: 3 landed, 0 unchanged, 0 failed of 3 documents; 3 created, 0 matched, 0 updated, 0 uncertain',
    ]);
    const again = await ingest(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      '[1/3] doc-1.json: unchanged: 0 created, 1 matched, 0 updated, 0 uncertain',
    );
    expect(again.stdout).toContain(
      'done: 0 landed, 3 unchanged, 0 failed of 3 documents; 0 created, 3 matched, 0 updated, 0 uncertain',
    );
  });

  it('goes on after a failed document: the others land, the bad ones are named with the reason, exit 1', async () => {
    const dir = tempDir('cli-bad');
    write(dir, {
      'a-good.json': document(10),
      'b-dangling.json': dangling(11),
      'c-bad.json': { ...document(12), institutions: [{ ref: 'x', kind: 'PLANET', name: 'x' }] },
      'd-broken.json': '{ not json',
      'e-good.json': document(14),
    });
    const { code, stdout } = await ingest(dir);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('[1/5] a-good.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain');
    expect(lines[1]).toBe(
      `[2/5] b-dangling.json: failed: institutions[0].partOf: "${PREFIX}nowhere" is declared neither in this document nor in the graph`,
    );
    expect(lines[2]).toMatch(
      /^\[3\/5\] c-bad\.json: failed: institutions\[0\]\.kind: must be equal to one of the allowed values/,
    );
    expect(lines[3]).toMatch(/^\[4\/5\] d-broken\.json: failed: not a JSON document: .*JSON/);
    expect(lines[4]).toBe('[5/5] e-good.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain');
    expect(lines[5]).toBe(
      'done: 2 landed, 0 unchanged, 3 failed of 5 documents; 2 created, 0 matched, 0 updated, 0 uncertain',
    );
    // The failed documents wrote nothing: not their sources, not their entities.
    expect(await ids()).toEqual([
      `${PREFIX}institution-10`,
      `${PREFIX}institution-14`,
      `${PREFIX}source-10`,
      `${PREFIX}source-14`,
    ]);
  });

  it('with --stop-on-error, ingests nothing when one document of the folder is bad, and names it', async () => {
    const dir = tempDir('cli-stop-check');
    write(dir, {
      'a-good.json': document(20),
      'b-bad.json': { ...document(21), institutions: [{ ref: 'x', kind: 'PLANET', name: 'x' }] },
      'c-broken.json': '{ not json',
    });
    const before = await graphSnapshot(db);
    const { code, stdout } = await ingest('--stop-on-error', dir);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('[1/3] a-good.json: skipped: an earlier document failed');
    expect(lines[1]).toMatch(
      /b-bad\.json: failed: institutions\[0\]\.kind: must be equal to one of the allowed/,
    );
    expect(lines[2]).toMatch(/c-broken\.json: failed: not a JSON document/);
    expect(lines[3]).toBe(
      'done: 0 landed, 0 unchanged, 2 failed, 1 skipped of 3 documents; 0 created, 0 matched, 0 updated, 0 uncertain',
    );
    expect(await graphSnapshot(db)).toEqual(before);
  });

  it('with --stop-on-error, stops at the first document that fails to write', async () => {
    const dir = tempDir('cli-stop-write');
    write(dir, { 'a-good.json': document(30), 'b-dangling.json': dangling(31), 'c-good.json': document(32) });
    const { code, stdout } = await ingest('--stop-on-error', dir);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      '[1/3] a-good.json: landed: 1 created, 0 matched, 0 updated, 0 uncertain',
      `[2/3] b-dangling.json: failed: institutions[0].partOf: "${PREFIX}nowhere" is declared neither in this document nor in the graph`,
      '[3/3] c-good.json: skipped: an earlier document failed',
      'done: 1 landed, 0 unchanged, 1 failed, 1 skipped of 3 documents; 1 created, 0 matched, 0 updated, 0 uncertain',
    ]);
    expect(await ids()).toEqual([`${PREFIX}institution-30`, `${PREFIX}source-30`]);
  });
});
