import type { Database } from '../../src/db/neo4j.database';
import { IngestService } from '../../src/ingest/ingest.service';
import { projectOwn } from '../../src/ingest/seed.loader';
import { syntheticDocuments, type SyntheticOptions } from './synthetic.generator';

export interface LoadSummary {
  documents: number;
  created: number;
  seconds: number;
}

/** Loads a synthetic tier through the ingest path (one transaction of UNWIND batches per document), with progress. */
export async function loadSynthetic(
  db: Database,
  maxTraversalDepth: number,
  options: SyntheticOptions,
  progress: (line: string) => void,
): Promise<LoadSummary> {
  const ingest = IngestService.on(db, projectOwn(maxTraversalDepth));
  const started = Date.now();
  const summary: LoadSummary = { documents: 0, created: 0, seconds: 0 };
  for (const document of syntheticDocuments(options)) {
    const report = await ingest.ingest(document);
    summary.documents += 1;
    summary.created += report.created;
    summary.seconds = (Date.now() - started) / 1000;
    progress(
      `synthetic ${options.tier}: document ${summary.documents}, ${summary.created} entities created, ${summary.seconds.toFixed(1)} s`,
    );
  }
  return summary;
}
