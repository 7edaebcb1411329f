import path from 'node:path';
import express from 'express';
import { projectRoot } from '../config/project.paths';

export const webDir = (): string => path.join(projectRoot(), 'dist', 'web');

// Vite names every asset after its content hash: a new build gets new names, so they may be cached for good.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page itself names the current assets: browsers ask again every time (cheap, with ETag).
const REVALIDATE = 'no-cache';
// Only this origin: the page loads nothing from elsewhere and works without internet.
const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The explorer page built into dist/web, served at /. Mounted after the API's routes, and it answers only the
 * files it has, so /graphql, /healthz, /readyz and /metrics keep their own handlers. When the page was never
 * built (tsc alone), / says how to build it instead of failing.
 */
export function webStatic(dir: string = webDir()): express.Router {
  const router = express.Router();
  router.use(
    express.static(dir, {
      index: 'index.html',
      redirect: false,
      setHeaders: (res, file) => {
        const immutable = path.relative(dir, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? IMMUTABLE : REVALIDATE);
        if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', CSP);
      },
    }),
  );
  // Reached only when express.static found no index.html to serve.
  router.get(['/', '/index.html'], (_req, res) => {
    res
      .status(503)
      .type('text/plain')
      .send(
        `The explorer page is not built: ${dir} has no index.html. Run \`npm run build\` (it builds the ` +
          'server and the page), then reload.\n',
      );
  });
  return router;
}
