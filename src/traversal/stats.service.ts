import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import { StatsRepository } from './stats.repository';

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
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new AppError('BAD_USER_INPUT', `limit: must be from 1 to 100, got ${limit}`, { field: 'limit' });
    }
    return this.repository().topEntities(limit);
  }

  countryCooperation() {
    return this.repository().countryCooperation();
  }
}
