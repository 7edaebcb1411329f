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

async function ingest(target: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, target], {
      env: { PATH: process.env.PATH ?? '', ...neo4jEnv(), LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('npm run ingest -- <folder>', () => {
  const db = connect();

  afterAll(async () => {
    await removeByPrefix(db, PREFIX);
    await db.close();
  });

  it('ingests every document of a folder, with progress and a report per document', async () => {
    const dir = tempDir('cli-ok');
    for (const i of [1, 2, 3]) fs.writeFileSync(path.join(dir, `doc-${i}.json`), JSON.stringify(document(i)));
    const { code, stdout } = await ingest(dir);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      '[1/3] doc-1.json: 1 created, 0 matched, 0 updated, 0 uncertain',
      '[2/3] doc-2.json: 1 created, 0 matched, 0 updated, 0 uncertain',
      '[3/3] doc-3.json: 1 created, 0 matched, 0 updated, 0 uncertain',
      'done: 3 created, 0 matched, 0 updated, 0 uncertain',
    ]);
    const again = await ingest(dir);
    expect(again.stdout).toContain('done: 0 created, 3 matched, 0 updated, 0 uncertain');
  });

  it('ingests nothing when one document of the folder is bad, and names it', async () => {
    const dir = tempDir('cli-bad');
    fs.writeFileSync(path.join(dir, 'a-good.json'), JSON.stringify(document(10)));
    fs.writeFileSync(
      path.join(dir, 'b-bad.json'),
      JSON.stringify({ ...document(11), institutions: [{ ref: 'x', kind: 'PLANET', name: 'x' }] }),
    );
    fs.writeFileSync(path.join(dir, 'c-broken.json'), '{ not json');
    const before = await graphSnapshot(db);
    const { code, stdout } = await ingest(dir);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /b-bad\.json: institutions\[0\]\.kind: must be equal to one of the allowed values/,
    );
    expect(lines[1]).toMatch(/c-broken\.json: .*JSON/);
    expect(lines[2]).toBe('2 of 3 documents are not valid; nothing was ingested.');
    expect(await graphSnapshot(db)).toEqual(before);
  });
});
