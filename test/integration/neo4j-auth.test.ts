import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { EMBEDDED_USER, preparedDataDir } from '../../src/db/embedded-neo4j.process';
import { sharedNeo4j, tempDir } from '../helpers/neo4j.test-db';

/** What the embedded Neo4j answers a Bolt client with these credentials: 1, or the error's code. */
async function answer(auth: ReturnType<typeof neo4j.auth.basic> | undefined): Promise<unknown> {
  const driver = neo4j.driver(sharedNeo4j().uri, auth, { disableLosslessIntegers: true });
  try {
    const result = await driver.executeQuery('RETURN 1 AS one');
    return result.records[0]?.get('one');
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await driver.close();
  }
}

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('the embedded Neo4j asks for its password', () => {
  it('refuses a Bolt client without a password, or with a wrong one, and answers with the right one', async () => {
    const unauthorized = 'Neo.ClientError.Security.Unauthorized';
    expect(await answer(undefined)).toBe(unauthorized);
    expect(await answer(neo4j.auth.basic(EMBEDDED_USER, 'neo4j'))).toBe(unauthorized);
    expect(await answer(neo4j.auth.basic(EMBEDDED_USER, `${sharedNeo4j().password}x`))).toBe(unauthorized);
    expect(await answer(neo4j.auth.basic(EMBEDDED_USER, sharedNeo4j().password))).toBe(1);
  });

  it('keeps a random password per data directory, in a file only its owner can read, in directories only its owner can open', () => {
    const root = tempDir('auth-files');
    const dataDir = path.join(root, '.data', 'neo4j');
    const first = preparedDataDir(dataDir);
    expect(first.password).toMatch(/^[\w-]{32}$/);
    expect(first.passwordFile.startsWith(dataDir)).toBe(true);
    expect(modeOf(first.passwordFile)).toBe('600');
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(path.join(root, '.data'))).toBe('700');
    // The same directory keeps its password (and its modes are put right); another gets its own.
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(first.passwordFile, 0o644);
    expect(preparedDataDir(dataDir)).toEqual(first);
    expect([modeOf(dataDir), modeOf(first.passwordFile)]).toEqual(['700', '600']);
    expect(preparedDataDir(path.join(root, 'other')).password).not.toBe(first.password);
  });
});
