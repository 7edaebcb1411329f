import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../common/app.errors';
import { CURRENT_ENTITY } from '../../db/current-entity.cypher';
import { toGraphNode, plainValue, type GraphNode } from '../../db/graph.record';
import type { Database } from '../../db/neo4j.database';
import { mergeInTransaction } from '../edit/merge.repository';
import type { CandidateRecord, CandidateStatus } from './review.type';
import type { EntityKind } from '../entity/entity.type';

/** Binds `ea` and `eb` to the pair's two entities as they are now (through merged ids); drops the pair if one is gone. */
const PAIR = `
  WITH c, c.a AS id ${CURRENT_ENTITY}
  WITH c, entity AS ea, c.b AS id ${CURRENT_ENTITY}
  WITH c, ea, entity AS eb`;

const CANDIDATE = `{candidate: c {.*}, a: {labels: labels(ea), props: properties(ea)}, b: {labels: labels(eb), props: properties(eb)}}`;

interface Row {
  candidate: Record<string, unknown>;
  a: { labels: string[]; props: Record<string, unknown> };
  b: { labels: string[]; props: Record<string, unknown> };
}

const toRecord = ({ candidate: c, a, b }: Row): CandidateRecord => ({
  id: c.id as string,
  pair: [c.a as string, c.b as string],
  a: toGraphNode(a.labels, a.props),
  b: toGraphNode(b.labels, b.props),
  category: c.category as EntityKind,
  score: c.score as number,
  reasons: (c.reasons as string[] | null) ?? [],
  status: c.status as CandidateStatus,
  sourceIds: (c.sourceIds as string[] | null) ?? [],
  createdAt: (plainValue(c.createdAt) as string | null) ?? null,
  decidedAt: (plainValue(c.decidedAt) as string | null) ?? null,
});

/** A pair with its two entities as they are now, read inside `tx`. */
async function candidateIn(tx: ManagedTransaction, id: string): Promise<CandidateRecord | undefined> {
  const result = await tx.run(`MATCH (c:ResolutionCandidate {id: $id}) ${PAIR} RETURN ${CANDIDATE} AS row`, {
    id,
  });
  const row = result.records[0]?.get('row') as Row | undefined;
  return row && toRecord(row);
}

/** The review of candidate pairs: reading them, and deciding each in one transaction. */
export class ReviewRepository {
  constructor(private readonly db: Database) {}

  async list(args: {
    status: CandidateStatus;
    categories: string[] | null;
    skip: number;
    limit: number;
  }): Promise<{ items: CandidateRecord[]; totalCount: number }> {
    const records = await this.db.query(
      `MATCH (c:ResolutionCandidate {status: $status})
       WHERE $categories IS NULL OR c.category IN $categories
       ${PAIR}
       WHERE $status <> 'OPEN' OR ea <> eb
       WITH c, ea, eb ORDER BY c.score DESC, c.id
       WITH collect(${CANDIDATE}) AS rows
       RETURN size(rows) AS totalCount, rows[$skip..$skip + $limit] AS page`,
      { ...args },
    );
    const record = records[0];
    return {
      items: ((record?.get('page') as Row[] | undefined) ?? []).map(toRecord),
      totalCount: (record?.get('totalCount') as number | undefined) ?? 0,
    };
  }

  /** The pair, locked for a decision; checked by `decide` before anything is written. */
  async decide(
    id: string,
    decision: (candidate: CandidateRecord) => { status: CandidateStatus; keep?: GraphNode; drop?: GraphNode },
  ): Promise<CandidateRecord> {
    return this.db.write(async (tx) => {
      // Taking the pair's lock first: two decisions on one pair run one after the other.
      const locked = await tx.run(
        'MATCH (c:ResolutionCandidate {id: $id}) SET c.status = c.status RETURN c.id AS id',
        { id },
      );
      if (locked.records.length === 0)
        throw new AppError('NOT_FOUND', `id: no candidate pair has id ${JSON.stringify(id)}`, {
          field: 'id',
        });
      const candidate = await candidateIn(tx, id);
      if (!candidate)
        throw new AppError('CONFLICT', `id: an entity of the pair ${JSON.stringify(id)} was deleted since`, {
          field: 'id',
        });
      const { status, keep, drop } = decision(candidate);
      if (keep && drop) await mergeInTransaction(tx, keep.id, drop.id, { candidateId: id });
      await tx.run(
        'MATCH (c:ResolutionCandidate {id: $id}) SET c.status = $status, c.decidedAt = datetime()',
        { id, status },
      );
      return (await candidateIn(tx, id)) as CandidateRecord;
    });
  }
}
