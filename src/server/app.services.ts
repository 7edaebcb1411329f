import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/app.config';
import { projectRoot } from '../config/project.paths';
import type { DatabaseProvider } from '../db/database.provider';
import type { Services } from '../graphql/request.context';
import { IngestService } from '../ingest/ingest.service';
import { AnalyticsService } from '../modules/analytics/analytics.service';
import { EditService } from '../modules/edit/edit.service';
import { EntityListService } from '../modules/entity/entity-list.service';
import { ExportService } from '../modules/export/export.service';
import { ReviewService } from '../modules/review/review.service';
import { SearchService } from '../modules/search/search.service';
import { SystemService } from '../modules/system/system.service';
import { StatsService } from '../traversal/stats.service';
import { SummaryService } from '../traversal/summary.service';
import { TraversalService } from '../traversal/traversal.service';

const apiVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;

/** The services every request shares, over `databases`. */
export function createServices(databases: DatabaseProvider, config: Config): Services {
  const ingest = new IngestService(databases, config.limits);
  const traversal = new TraversalService(databases, config.limits);
  return {
    system: new SystemService(databases, config, apiVersion()),
    lists: new EntityListService(databases, config.limits),
    search: new SearchService(databases, config.limits),
    ingest,
    edit: new EditService(databases, ingest),
    review: new ReviewService(databases, config.limits),
    traversal,
    stats: new StatsService(databases, config.limits),
    analytics: new AnalyticsService(databases, config.limits),
    summary: new SummaryService(databases, config.limits),
    export: new ExportService(databases, traversal, config.limits),
  };
}
