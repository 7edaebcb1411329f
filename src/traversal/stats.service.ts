import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import { StatsRepository } from './stats.repository';

/** How many of the most connected entities `topEntities` returns: by default, and at most. */
export const TOP_ENTITIES = { default: 10, max: 100 };

export class StatsService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Pick<Config['limits'], 'maxTraversalDepth'>,
  ) {}

  private repository(): StatsRepository {
    return new StatsRepository(this.databases.get(), this.limits.maxTraversalDepth);
  }

  entitiesByKind() {
    return this.repository().entitiesByKind();
  }

  institutionsByCountry() {
    return this.repository().institutionsByCountry();
  }

  eventsPer(unit: 'year' | 'month') {
    return this.repository().eventsPer(unit);
  }

  topEntities(limit: number) {
    if (!Number.isInteger(limit) || limit < 1 || limit > TOP_ENTITIES.max) {
      throw new AppError('BAD_USER_INPUT', `limit: must be from 1 to ${TOP_ENTITIES.max}, got ${limit}`, {
        field: 'limit',
      });
    }
    return this.repository().topEntities(limit);
  }

  countryCooperation() {
    return this.repository().countryCooperation();
  }
}
