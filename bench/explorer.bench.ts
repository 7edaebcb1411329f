import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.harness';

/**
 * The explorer in Chromium on a running API: for each entity, the time from a click on "Expand in graph" to a
 * drawn, idle graph (the status says it is drawn and two animation frames have passed), and frame times while
 * panning the canvas. `--web <dir>` serves another build of the page (an older one, to compare) in front of the
 * same API.
 *
 *   node dist/bench/explorer.bench.js --url http://127.0.0.1:4100 --id synthetic:institution-0 [--web dir] [--runs 3]
 */
/** The browser's frame clock; this file compiles without the DOM's types. */
interface Raf {
  requestAnimationFrame(callback: (now: number) => void): number;
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A static server for `dir` that passes /graphql on to the API. */
function serve(dir: string, api: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) {
      const upstream = http.request(
        `${api}/graphql`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
      return;
    }
    const file = path.join(
      dir,
      (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : ((req.url ?? '').split('?')[0] ?? ''),
    );
    fs.readFile(file, (error, body) => {
      if (error) return void res.writeHead(404).end();
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'text/html';
      res.writeHead(200, { 'content-type': type }).end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

async function clickToIdle(page: Page, origin: string, id: string): Promise<{ ms: number; nodes: number }> {
  await page.goto(`${origin}/?id=${encodeURIComponent(id)}`);
  await page.locator('#expand:not([disabled])').waitFor({ timeout: 60_000 });
  const started = Date.now();
  await page.click('#expand');
  await page.locator('#graph-status[data-nodes]:not([aria-busy])').waitFor({ timeout: 120_000 });
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        (globalThis as unknown as Raf).requestAnimationFrame(() =>
          (globalThis as unknown as Raf).requestAnimationFrame(() => resolve(null)),
        ),
      ),
  );
  const ms = Date.now() - started;
  const nodes = Number(await page.locator('#graph-status').getAttribute('data-nodes'));
  return { ms, nodes };
}

/** Drags the canvas for about a second and returns the frame times measured by requestAnimationFrame. */
async function panFrames(page: Page): Promise<number[]> {
  const box = await page.locator('#graph').boundingBox();
  if (!box) return [];
  await page.evaluate(() => {
    const w = globalThis as unknown as { frames_: number[]; stop_: boolean };
    w.frames_ = [];
    w.stop_ = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.frames_.push(now - last);
      last = now;
      if (!w.stop_) (globalThis as unknown as Raf).requestAnimationFrame(tick);
    };
    (globalThis as unknown as Raf).requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; i += 1) await page.mouse.move(x + Math.sin(i / 6) * 150, y + Math.cos(i / 6) * 100);
  await page.mouse.up();
  return page.evaluate(() => {
    const w = globalThis as unknown as { frames_: number[]; stop_: boolean };
    w.stop_ = true;
    return w.frames_.slice(1);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:4000' },
      id: { type: 'string', multiple: true },
      web: { type: 'string' },
      runs: { type: 'string', default: '3' },
    },
  });
  const ids = values.id ?? [];
  const static_ = values.web ? await serve(path.resolve(values.web), values.url) : undefined;
  const origin = static_?.url ?? values.url;
  const browser = await launchChromium();
  try {
    for (const id of ids) {
      const times: number[] = [];
      let nodes = 0;
      let frames: number[] = [];
      for (let run = 0; run < Number(values.runs); run += 1) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const result = await clickToIdle(page, origin, id);
        times.push(result.ms);
        nodes = result.nodes;
        if (run === 0) frames = await panFrames(page);
        await context.close();
      }
      const sorted = [...frames].sort((a, b) => a - b);
      say(
        JSON.stringify({
          id,
          web: values.web ?? 'this build',
          clickToIdleMs: { median: median(times), runs: times },
          nodesDrawn: nodes,
          panFrameMs: {
            median: Math.round(median(frames) * 10) / 10,
            p95: Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? NaN) * 10) / 10,
            frames: frames.length,
          },
        }),
      );
    }
  } finally {
    await browser.close();
    static_?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`explorer bench: ${(error as Error).message}\n`);
  process.exit(1);
});
