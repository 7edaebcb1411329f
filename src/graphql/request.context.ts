import type { AuthService, User } from '../auth/auth.service';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import type { ExportService } from '../modules/export/export.service';
import type { Logger } from '../common/app.logger';
import type { IngestService } from '../ingest/ingest.service';
import type { EditService } from '../modules/edit/edit.service';
import type { StatsService } from '../traversal/stats.service';
import type { SummaryService } from '../traversal/summary.service';
import type { TraversalService } from '../traversal/traversal.service';
import type { RelationshipService } from '../modules/entity/relationship.service';
import type { EntityListService } from '../modules/entity/entity-list.service';
import type { ReviewService } from '../modules/review/review.service';
import type { SearchService } from '../modules/search/search.service';
import type { SystemService } from '../modules/system/system.service';

/** Services shared by all requests: stateless, so any number of API replicas can run side by side. */
export interface Services {
  system: SystemService;
  lists: EntityListService;
  search: SearchService;
  ingest: IngestService;
  edit: EditService;
  review: ReviewService;
  traversal: TraversalService;
  stats: StatsService;
  analytics: AnalyticsService;
  summary: SummaryService;
  export: ExportService;
}

/** What every resolver gets for one request. Nothing in it outlives the request but the services. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  services: Services;
  /** Relationship reads over this request's batching loaders. */
  graph: RelationshipService;
  /** Who sent the request, from its bearer token; undefined without one. */
  user: User | undefined;
  auth: AuthService;
  readsNeedRole: boolean;
}
