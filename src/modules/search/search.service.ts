import { AppError } from '../../common/app.errors';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { GraphNode } from '../../db/graph.record';
import type { PrefetchStep } from '../../graphql/prefetch.plan';
import type { ReadResult } from '../entity/entity.repository';
import type { EntityKind } from '../entity/entity.type';
import { toLuceneQuery } from './lucene.query';
import { SearchRepository } from './search.repository';

/** How many hits a search returns when not asked for a number. */
export const DEFAULT_SEARCH_HITS = 10;

export class SearchService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  /** Any text is a valid query: it is matched as words, never parsed as Lucene syntax. */
  async search(
    query: string,
    kinds: EntityKind[] | undefined,
    first: number | undefined,
    steps: PrefetchStep[] = [],
  ): Promise<{ score: number; node: GraphNode; related?: ReadResult[] }[]> {
    const limit = first ?? DEFAULT_SEARCH_HITS;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.limits.maxSearchResults) {
      throw new AppError(
        'BAD_USER_INPUT',
        `"first" must be from 1 to ${this.limits.maxSearchResults}, got ${limit}`,
        {
          field: 'first',
        },
      );
    }
    if (query.length > this.limits.maxFilterLength) {
      throw new AppError(
        'BAD_USER_INPUT',
        `"query" is longer than ${this.limits.maxFilterLength} characters`,
        {
          field: 'query',
        },
      );
    }
    const lucene = toLuceneQuery(query);
    if (lucene === undefined) return [];
    return new SearchRepository(this.databases.get()).search(
      lucene,
      query.trim().toLowerCase(),
      kinds?.length ? kinds : undefined,
      limit,
      steps,
    );
  }
}
