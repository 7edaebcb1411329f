import type { Logger } from '../common/app.logger';
import type { SystemService } from '../modules/system/system.service';

export interface Services {
  system: SystemService;
}

/** What every resolver gets for one request. Nothing in it outlives the request but the services. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  services: Services;
}
