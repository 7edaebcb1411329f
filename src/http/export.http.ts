import type express from 'express';
import { AppError, type ErrorCode } from '../common/app.errors';
import type { Logger } from '../common/app.logger';
import type { AuthService, User } from '../auth/auth.service';
import type { ExportService } from '../modules/export/export.service';
import { EXPORT_FORMATS, exportChunks } from '../modules/export/export.format';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
};

const query = (req: express.Request, name: string): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * GET /export?format=graphml|gexf|csv|json&id=...&depth=... (a neighbourhood, as `neighborhood` reads it),
 * &ids=a,b,c (those entities and the relationships among them: what a view shows) or &all=true (the whole graph: admins only). Reads need a token where GraphQL reads do; errors in GraphQL's shape.
 */
export function exportHandler(deps: {
  exporter: ExportService;
  auth: AuthService;
  readsNeedRole: boolean;
  log: Logger;
}): express.RequestHandler {
  const { exporter, auth, readsNeedRole, log } = deps;
  return async (req, res) => {
    try {
      let user: User | undefined;
      try {
        user = await auth.authenticate(req.header('authorization'));
      } catch (error) {
        throw new AppError('UNAUTHENTICATED', (error as Error).message);
      }
      const all = query(req, 'all') === 'true';
      if (all) auth.require(user, 'admin', 'Exporting the whole graph');
      else if (readsNeedRole) auth.require(user, 'reader', 'Exporting');
      const format = exporter.format(query(req, 'format'));
      const graph = await exporter.graph({
        format,
        all,
        id: query(req, 'id'),
        ids: query(req, 'ids'),
        depth: query(req, 'depth'),
        relationshipKinds: query(req, 'relationshipKinds'),
        from: query(req, 'from'),
        to: query(req, 'to'),
      });
      res.type(EXPORT_FORMATS[format]);
      res.setHeader('content-disposition', `attachment; filename="institution-graph.${format}"`);
      res.setHeader('x-export-truncated', String(graph.truncated));
      for (const chunk of exportChunks(graph, format)) {
        // Respect backpressure: a slow client does not make the whole file pile up in memory twice.
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      const status = error instanceof AppError ? STATUS[error.code] : undefined;
      if (status === undefined) log.error({ err: error }, 'export failed');
      const body =
        error instanceof AppError && status !== undefined
          ? { message: error.message, extensions: { code: error.code, ...error.details } }
          : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      if (res.headersSent) res.destroy();
      else res.status(status ?? 500).json({ errors: [body] });
    }
  };
}
