import { AppError } from '../../common/app.errors';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { GraphNode } from '../../db/graph.record';
import { pageWindow, toPage, type Page } from '../../graphql/connection.type';
import { EditRepository } from '../edit/edit.repository';
import type { EntityKind } from '../entity/entity.type';
import { ReviewRepository } from './review.repository';
import { CandidateStatus, type CandidateRecord } from './review.type';

/** A pair can be decided once: confirmed (merged) or rejected (remembered, so never proposed again). */
function stillOpen(candidate: CandidateRecord): void {
  if (candidate.status !== CandidateStatus.OPEN) {
    throw new AppError(
      'CONFLICT',
      `id: the pair ${JSON.stringify(candidate.id)} was already decided (${candidate.status})`,
      { field: 'id', status: candidate.status },
    );
  }
}

/** The review of the pairs entity resolution could not decide. */
export class ReviewService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  async candidates(
    paging: { first?: number; after?: string },
    categories: EntityKind[] | undefined,
    status: CandidateStatus = CandidateStatus.OPEN,
  ): Promise<Page<CandidateRecord>> {
    const { skip, limit } = pageWindow(
      paging.first,
      paging.after,
      this.limits.maxPageSize,
      this.limits.defaultPageSize,
    );
    const { items, totalCount } = await this.repository().list({
      status,
      categories: categories ?? null,
      skip,
      limit,
    });
    return toPage(items, skip, totalCount);
  }

  /** Merges the pair into `keepId` (one of the two) and marks it confirmed, in one transaction. */
  async confirm(id: string, keepId: string): Promise<CandidateRecord> {
    return this.repository().decide(id, (candidate) => {
      stillOpen(candidate);
      const a = candidate.a as GraphNode;
      const b = candidate.b as GraphNode;
      // The pair's ids as proposed, or the ids they resolve to now.
      const keepA = keepId === candidate.pair[0] || keepId === a.id;
      const keepB = keepId === candidate.pair[1] || keepId === b.id;
      if (!keepA && !keepB) {
        throw new AppError('BAD_USER_INPUT', `keepId: ${JSON.stringify(keepId)} is not one of the pair`, {
          field: 'keepId',
        });
      }
      if (a.id === b.id) {
        throw new AppError(
          'CONFLICT',
          `id: the two of the pair are already one entity, ${JSON.stringify(a.id)}`,
          {
            field: 'id',
          },
        );
      }
      return { status: CandidateStatus.CONFIRMED, keep: keepA ? a : b, drop: keepA ? b : a };
    });
  }

  /** Marks the pair rejected: resolution never proposes or merges the two again. */
  async reject(id: string): Promise<CandidateRecord> {
    return this.repository().decide(id, (candidate) => {
      stillOpen(candidate);
      return { status: CandidateStatus.REJECTED };
    });
  }

  /** Undoes the merge of `mergedId`; the two entities' ids, restored first. */
  async unmerge(mergedId: string): Promise<{ restored: string; kept: string }> {
    const kept = await new EditRepository(this.databases.get()).unmerge(mergedId);
    return { restored: mergedId, kept };
  }

  private repository(): ReviewRepository {
    return new ReviewRepository(this.databases.get());
  }
}
