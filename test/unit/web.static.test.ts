import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { webStatic } from '../../src/http/web.static';

/** The explorer page's serving, on a bare express app with a route of its own that it must not shadow. */
async function serve(dir: string): Promise<{ url: string; server: http.Server }> {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(webStatic(dir));
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the explorer page at /', () => {
  const built = fs.mkdtempSync(path.join(os.tmpdir(), 'institution-graph-web-'));
  const missing = path.join(built, 'never-built');
  let servers: http.Server[] = [];

  beforeAll(() => {
    fs.mkdirSync(path.join(built, 'assets'));
    fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>explorer</title>');
    fs.writeFileSync(path.join(built, 'assets', 'app-abc123.js'), 'console.log(1)');
  });

  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    servers = [];
  });

  afterAll(() => fs.rmSync(built, { recursive: true, force: true }));

  it('serves index.html at / (revalidated, same-origin only) and hashed assets for good', async () => {
    const { url, server } = await serve(built);
    servers.push(server);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>explorer</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const asset = await fetch(`${url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/assets/nothing.js`)).status).toBe(404);
  });

  it('says how to build the page when it was never built, and keeps the other routes', async () => {
    const { url, server } = await serve(missing);
    servers.push(server);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/not built.*npm run build/s);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});
