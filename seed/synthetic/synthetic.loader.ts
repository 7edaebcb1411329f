import type { Database } from '../../src/db/neo4j.database';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import { checkDocument } from '../../src/ingest/ingest.service';
import { syntheticDocuments, type SyntheticOptions } from './synthetic.generator';

export interface LoadSummary {
  documents: number;
  created: number;
  seconds: number;
}

/** Loads a synthetic tier through the ingest path (one transaction of UNWIND batches per document), with progress. */
export async function loadSynthetic(
  db: Database,
  options: SyntheticOptions,
  progress: (line: string) => void,
): Promise<LoadSummary> {
  const repository = new DocumentRepository(db);
  const started = Date.now();
  const summary: LoadSummary = { documents: 0, created: 0, seconds: 0 };
  for (const document of syntheticDocuments(options)) {
    const report = await repository.ingest(planDocument(checkDocument(document, Number.MAX_SAFE_INTEGER)));
    summary.documents += 1;
    summary.created += report.created;
    summary.seconds = (Date.now() - started) / 1000;
    progress(
      `synthetic ${options.tier}: document ${summary.documents}, ${summary.created} entities created, ${summary.seconds.toFixed(1)} s`,
    );
  }
  return summary;
}
