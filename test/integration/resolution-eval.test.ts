import type { Database } from '../../src/db/neo4j.database';
import {
  baselineFile,
  evaluationDocuments,
  ingestForEvaluation,
  labelsFile,
  readJson,
  type EvaluationReports,
} from '../../src/ingest/resolution-eval.runner';
import {
  regressions,
  scoreResolution,
  type Baseline,
  type LabelFile,
} from '../../src/ingest/resolution.eval';
import { connect, maxTraversalDepth } from '../helpers/neo4j.test-db';

/**
 * The resolution evaluation on the run's shared Neo4j. Its ingests are rolled back, so it neither sees its own
 * documents from an earlier run nor leaves anything for other tests; the seed may be there already (other tests
 * load it), which re-ingesting leaves as it is.
 */
describe('entity resolution on the labelled corpus', () => {
  let db: Database;
  let evaluation: EvaluationReports;
  const labels = readJson<LabelFile>(labelsFile());
  const sourceIds = evaluationDocuments().map(
    ({ content }) => (content as { source: { id: string } }).source.id,
  );
  const corpusSourceIds = sourceIds.slice(3);

  beforeAll(async () => {
    db = connect();
    evaluation = await ingestForEvaluation(db, maxTraversalDepth());
  });

  afterAll(async () => {
    await db?.close();
  });

  it('makes no false merge and keeps recall at or above the committed baseline', () => {
    const result = scoreResolution(labels, evaluation.reports, evaluation.candidatePairs);
    expect(regressions(result, readJson<Baseline>(baselineFile()))).toEqual([]);
    expect(result.total.mentions).toBe(
      Object.values(labels.mentions).reduce((sum, fields) => sum + Object.keys(fields).length, 0),
    );
  });

  it('catches a false merge: two mentions resolution joins, labelled as two entities, fail the run', () => {
    // Chen Fang of the 2020 fact sheet is matched to the seed's Chen Fang; labelled as someone else, that is a
    // false merge, and the run must fail on it.
    const doha = 'seed/documents/casttc-2020-08-10-beautiful-doha.json';
    const relabelled: LabelFile = {
      entities: { ...labels.entities, 'another-chen-fang': 'a namesake' },
      mentions: {
        ...labels.mentions,
        [doha]: { ...labels.mentions[doha], 'people[0]': 'another-chen-fang' },
      },
    };
    const result = scoreResolution(relabelled, evaluation.reports, evaluation.candidatePairs);
    expect(result.falseMerges.map((p) => [p.a.label, p.b.label, p.a.id])).toEqual([
      ['chen-fang', 'another-chen-fang', 'person:chen-fang'],
    ]);
    expect(regressions(result, readJson<Baseline>(baselineFile()))).toContain('1 false merges (must be 0)');
  });

  it('leaves nothing of the corpus documents in the graph', async () => {
    const left = await db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (n) WHERE (n:Source AND n.id IN $ids) OR any(id IN coalesce(n.sourceIds, []) WHERE id IN $ids)
         RETURN count(n) AS n`,
        { ids: corpusSourceIds },
      );
      return result.records[0]?.get('n') as number;
    });
    // Every labelled corpus document was read, so an empty list cannot pass this test.
    const labelled = Object.keys(labels.mentions).filter((file) => file.startsWith('seed/corpus/'));
    expect(corpusSourceIds).toHaveLength(labelled.length);
    expect(left).toBe(0);
  });
});
