import fs from 'node:fs';
import path from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { projectRoot } from '../config/project.paths';
import { cypherLabel } from '../db/identifier.whitelist';
import type { Database } from '../db/neo4j.database';
import { planDocument } from './document.plan';
import { DocumentRepository } from './document.repository';
import { checkDocument } from './ingest.service';
import {
  fieldsWithGivenId,
  type CandidatePair,
  scoreResolution,
  type EvalResult,
  type LabelFile,
  type ReportedDocument,
} from './resolution.eval';
import { readSeedDocuments, seedDir } from './seed.loader';

export const corpusDir = (): string => path.join(projectRoot(), 'seed', 'corpus');
export const labelsFile = (): string => path.join(corpusDir(), 'labels.json');
export const baselineFile = (): string => path.join(corpusDir(), 'eval.baseline.json');

/** The evaluation's documents in the order they are ingested: the seed, then the corpus, each by file name. */
export function evaluationDocuments(): { document: string; content: unknown }[] {
  return [seedDir(), path.join(corpusDir(), 'documents')].flatMap((dir) =>
    readSeedDocuments(dir).map(({ file, document }) => ({
      document: path.relative(projectRoot(), path.join(dir, file)).split(path.sep).join('/'),
      content: document,
    })),
  );
}

export const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** The transaction function's way out: the driver commits when it returns, and the evaluation must not commit. */
class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('the evaluation rolls back what it ingested');
  }
}

/**
 * Runs `work` on a view of the database whose reads and writes all go to one transaction that is then rolled
 * back: every ingest sees what the ones before it wrote, and the graph is left exactly as it was.
 */
async function inRolledBackTransaction<T>(
  db: Database,
  timeoutMs: number,
  work: (view: Database) => Promise<T>,
): Promise<T> {
  try {
    return await db.write<never>(async (tx) => {
      const inTx = <R>(fn: (t: ManagedTransaction) => Promise<R>): Promise<R> => fn(tx);
      const view = Object.assign(Object.create(db) as Database, { read: inTx, write: inTx });
      throw new RolledBack(await work(view));
    }, timeoutMs);
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
}

/** Pairs raised for review as candidate nodes (not rejected ones) between ids the evaluation's mentions got. */
async function candidateNodePairs(db: Database, ids: string[]): Promise<CandidatePair[]> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (c:${cypherLabel('ResolutionCandidate')})
       WHERE c.a IN $ids AND c.b IN $ids AND coalesce(c.status, 'OPEN') <> 'REJECTED'
       RETURN c.a AS a, c.b AS b, c.score AS score, c.reasons AS reasons`,
      { ids },
    );
    return result.records.map((r) => ({
      a: r.get('a') as string,
      b: r.get('b') as string,
      score: (r.get('score') as number | null) ?? undefined,
      reasons: (r.get('reasons') as string[] | null) ?? undefined,
    }));
  });
}

export interface EvaluationReports {
  reports: ReportedDocument[];
  candidatePairs: CandidatePair[];
}

/**
 * Ingests the seed and corpus documents in order, as `npm run ingest` would, in a transaction that is rolled
 * back: the ingest reports, and the candidate pairs stored for review. `progress` hears of each document.
 */
export async function ingestForEvaluation(
  db: Database,
  maxTraversalDepth: number,
  progress: (line: string) => void = () => undefined,
): Promise<EvaluationReports> {
  const documents = evaluationDocuments();
  return inRolledBackTransaction(db, db.ingestTimeoutMs * documents.length, async (view) => {
    const repository = new DocumentRepository(view, maxTraversalDepth);
    const reports: ReportedDocument[] = [];
    for (const [i, { document, content }] of documents.entries()) {
      const report = await repository.ingest(planDocument(checkDocument(content, Number.MAX_SAFE_INTEGER)));
      reports.push({ document, givenIds: fieldsWithGivenId(content as Record<string, unknown>), ...report });
      progress(
        `[${i + 1}/${documents.length}] ${document}: ${report.created} created, ${report.matched} matched, ${report.updated} updated, ${report.uncertain.length} uncertain`,
      );
    }
    const ids = [...new Set(reports.flatMap((r) => r.entities.map((e) => e.id)))];
    return { reports, candidatePairs: await candidateNodePairs(view, ids) };
  });
}

/** The evaluation: ingest (rolled back), then score against the labels. */
export async function runResolutionEval(
  db: Database,
  maxTraversalDepth: number,
  progress: (line: string) => void = () => undefined,
  labels: LabelFile = readJson<LabelFile>(labelsFile()),
): Promise<EvalResult> {
  const { reports, candidatePairs } = await ingestForEvaluation(db, maxTraversalDepth, progress);
  return scoreResolution(labels, reports, candidatePairs);
}
