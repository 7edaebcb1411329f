import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project.paths';
import type { Database } from '../db/neo4j.database';
import { IngestService } from './ingest.service';
import type { IngestDocument } from './document.types';

/** The seed and the synthetic tiers are the project's own documents: no client's bounds apply to them. */
export const projectOwn = (maxTraversalDepth: number) => ({
  maxDocumentBytes: Number.MAX_SAFE_INTEGER,
  maxBatchDocuments: Number.MAX_SAFE_INTEGER,
  maxTraversalDepth,
});

export const seedDir = (): string => path.join(projectRoot(), 'seed', 'documents');

/** The seed documents, in file-name order. */
export function readSeedDocuments(dir: string = seedDir()): { file: string; document: IngestDocument }[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      document: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as IngestDocument,
    }));
}

/** Loads every seed document, each in its own transaction; loading twice gives the same graph. */
export async function loadSeed(
  db: Database,
  maxTraversalDepth: number,
  progress: (line: string) => void,
  dir: string = seedDir(),
): Promise<number> {
  const documents = readSeedDocuments(dir);
  const ingest = IngestService.on(db, projectOwn(maxTraversalDepth));
  for (const [i, { file, document }] of documents.entries()) {
    await ingest.ingest(document);
    progress(`seed: loaded ${file} (${i + 1}/${documents.length})`);
  }
  return documents.length;
}

/** True when the graph holds no document yet: what SEED=auto checks before loading. */
export async function graphIsEmpty(db: Database): Promise<boolean> {
  return db.read(async (tx) => {
    const result = await tx.run('MATCH (s:Source) RETURN count(s) = 0 AS empty');
    return result.records[0]?.get('empty') as boolean;
  });
}
