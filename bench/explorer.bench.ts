import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/chromium.binary';
import { EXPLORER_SECTION } from './bench.report';

/**
 * The explorer in Chromium on a running API: for each entity, the time from a click on "Expand in graph" to a
 * drawn, idle graph (the status says it is drawn and two animation frames have passed), the time from the
 * address naming it to its card, timeline and graph all drawn, the labels then visible,
 * the time from a click on its largest group to the group's first page drawn and idle, and frame times while
 * panning the canvas. `--web <dir>` serves another build of the page (an older one, to compare) in front of the
 * same API. `--tier <name>` records the figures, with the machine and date, under `explorer` in
 * bench/results.json and in the explorer section of bench/RESULTS.md.
 *
 *   node dist/bench/explorer.bench.js --url http://127.0.0.1:4100 --id synthetic:institution-0 [--web dir] [--runs 5]
 */
/** The browser's frame clock and the page's graph probe (src/web/graph.view.ts); this file compiles without the DOM's types. */
interface Raf {
  requestAnimationFrame(callback: (now: number) => void): number;
}
interface Probe {
  explorerGraph: {
    nodeIds(selector?: string): string[];
    clientPoint(id: string): { x: number; y: number } | null;
    labelCount(): number;
  };
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

/** Resolves after two animation frames: whatever the last change drew is on screen. */
const twoFrames = (page: Page): Promise<unknown> =>
  page.evaluate(
    () =>
      new Promise((resolve) =>
        (globalThis as unknown as Raf).requestAnimationFrame(() =>
          (globalThis as unknown as Raf).requestAnimationFrame(() => resolve(null)),
        ),
      ),
  );

const drawnNodes = async (page: Page): Promise<number> =>
  Number(await page.locator('#graph-status').getAttribute('data-nodes'));

const labels = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as Probe).explorerGraph.labelCount());

async function clickToIdle(page: Page, origin: string, id: string): Promise<{ ms: number; nodes: number }> {
  await page.goto(`${origin}/?id=${encodeURIComponent(id)}`);
  await page.locator('#expand:not([disabled])').waitFor({ timeout: 60_000 });
  const started = Date.now();
  await page.click('#expand');
  await page.locator('#graph-status[data-nodes]:not([aria-busy])').waitFor({ timeout: 120_000 });
  await twoFrames(page);
  return { ms: Date.now() - started, nodes: await drawnNodes(page) };
}

/**
 * From a link to the entity (the address changes, as a click on a search result or a card's link does it) to
 * its card, its timeline's first page and its graph all drawn and idle: the three requests go out together.
 */
async function openToIdle(page: Page, origin: string, id: string): Promise<number> {
  await page.goto(`${origin}/`);
  await page.locator('#graph-status[data-nodes]:not([aria-busy])').waitFor({ timeout: 60_000 });
  const started = Date.now();
  await page.evaluate((target) => {
    const w = globalThis as unknown as {
      history: { pushState(data: unknown, unused: string, url: string): void };
      dispatchEvent(event: unknown): void;
      PopStateEvent: new (type: string) => unknown;
    };
    const param = encodeURIComponent(target);
    w.history.pushState(null, '', `?id=${param}&x=${param}`);
    w.dispatchEvent(new w.PopStateEvent('popstate'));
  }, id);
  // Each panel is busy from the change on (PanelLoader, GraphController): these wait for the answers drawn.
  await page.locator('#card:not([aria-busy]) #card-name').waitFor({ timeout: 120_000 });
  await page
    .locator('#timeline:not([aria-busy]) :is(ol.timeline, p.empty)')
    .first()
    .waitFor({ timeout: 120_000 });
  await page.locator('#graph-status[data-nodes]:not([aria-busy])').waitFor({ timeout: 120_000 });
  await twoFrames(page);
  return Date.now() - started;
}

/** Clicks the first (largest) group node and times its first page to a drawn, idle graph; undefined without groups. */
async function expandGroup(page: Page): Promise<{ ms: number; added: number } | undefined> {
  const groups = await page.evaluate(() =>
    (globalThis as unknown as Probe).explorerGraph.nodeIds('.aggregate'),
  );
  const group = groups[0];
  if (!group) return undefined;
  const point = await page.evaluate(
    (nodeId) => (globalThis as unknown as Probe).explorerGraph.clientPoint(nodeId),
    group,
  );
  if (!point) return undefined;
  const before = await drawnNodes(page);
  const started = Date.now();
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(
    (count) => {
      const status = (
        globalThis as unknown as {
          document: { querySelector(s: string): { getAttribute(a: string): string | null } | null };
        }
      ).document.querySelector('#graph-status');
      return Number(status?.getAttribute('data-nodes')) > count && status?.getAttribute('aria-busy') === null;
    },
    before,
    { timeout: 120_000, polling: 'raf' },
  );
  await twoFrames(page);
  return { ms: Date.now() - started, added: (await drawnNodes(page)) - before };
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

interface EntityFigures {
  id: string;
  web: string;
  clickToIdleMs: { median: number; runs: number[] };
  /** From the address naming the entity to its card, timeline and graph drawn (openToIdle). */
  openAllMs?: { median: number; runs: number[] };
  nodesDrawn: number;
  labelsVisible: number;
  expandGroupMs?: { median: number; runs: number[] };
  nodesAdded?: number;
  labelsAfterExpand?: number;
  panFrameMs: { median: number; p95: number; frames: number };
}

async function measure(
  page: () => Promise<Page>,
  origin: string,
  id: string,
  web: string,
  runs: number,
): Promise<EntityFigures> {
  const times: number[] = [];
  const opens: number[] = [];
  const expands: number[] = [];
  let figures: Pick<EntityFigures, 'nodesDrawn' | 'labelsVisible' | 'nodesAdded' | 'labelsAfterExpand'> = {
    nodesDrawn: 0,
    labelsVisible: 0,
  };
  let frames: number[] = [];
  // An untimed open first: it reads the entity's part of the store into Neo4j's page cache (the API warms its
  // query plans at start, plan.warmup.ts), seconds on a busy machine the first time.
  const warm = await page();
  await clickToIdle(warm, origin, id).then(
    () => expandGroup(warm),
    () => undefined,
  );
  await warm.context().close();
  for (let run = 0; run < runs; run += 1) {
    const tab = await page();
    opens.push(await openToIdle(tab, origin, id));
    const opened = await clickToIdle(tab, origin, id);
    times.push(opened.ms);
    figures = { nodesDrawn: opened.nodes, labelsVisible: await labels(tab) };
    if (run === 0) frames = await panFrames(tab);
    const expanded = await expandGroup(tab);
    if (expanded) {
      expands.push(expanded.ms);
      figures = { ...figures, nodesAdded: expanded.added, labelsAfterExpand: await labels(tab) };
    }
    await tab.context().close();
  }
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    id,
    web,
    clickToIdleMs: { median: median(times), runs: times },
    openAllMs: { median: median(opens), runs: opens },
    ...figures,
    ...(expands.length ? { expandGroupMs: { median: median(expands), runs: expands } } : {}),
    panFrameMs: {
      median: Math.round(median(frames) * 10) / 10,
      p95: Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? NaN) * 10) / 10,
      frames: frames.length,
    },
  };
}

const BENCH = path.join(__dirname, '..', '..', 'bench');

/** Keeps this tier's figures under `explorer` in results.json and rewrites the explorer section of RESULTS.md. */
function record(tier: string, entities: EntityFigures[]): void {
  const jsonFile = path.join(BENCH, 'results.json');
  const results = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { explorer?: Record<string, unknown> };
  const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
  results.explorer = {
    ...results.explorer,
    [tier]: {
      date: new Date().toISOString(),
      commit: git('rev-parse', '--short', 'HEAD'),
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      },
      entities,
    },
  };
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  const rows = Object.entries(results.explorer).flatMap(([name, value]) => {
    const {
      date,
      machine,
      entities: list,
    } = value as { date: string; machine: { loadAverage: number[] }; entities: EntityFigures[] };
    return list.map(
      (e) =>
        `| ${name} | ${e.id} | ${e.clickToIdleMs.median} (${e.clickToIdleMs.runs.join(', ')}) | ${e.openAllMs ? `${e.openAllMs.median} (${e.openAllMs.runs.join(', ')})` : '-'} | ${e.nodesDrawn} | ${e.labelsVisible} | ${e.expandGroupMs ? `${e.expandGroupMs.median} (${e.expandGroupMs.runs.join(', ')})` : '-'} | ${e.nodesAdded ?? '-'} | ${e.labelsAfterExpand ?? '-'} | ${e.panFrameMs.median} / ${e.panFrameMs.p95} | ${date.slice(0, 16)}, load ${machine.loadAverage[0]} |`,
    );
  });
  const section = [
    EXPLORER_SECTION,
    '',
    'bench/explorer.bench.ts: Chromium (headless, software rendering) on the API, 1280x800, after one untimed open of the entity. Times in ms, medians of runs (each run listed): "expand" from the click on Expand in graph to a drawn, idle graph; "open all" from the address naming the entity to its card, timeline and graph all drawn (the three requests at once).',
    '',
    '| tier | entity | expand: click to idle | open all: card, timeline, graph | nodes | labels | largest group: first page | added | labels | pan frame median / p95 | when, 1-min load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  const mdFile = path.join(BENCH, 'RESULTS.md');
  const md = fs.readFileSync(mdFile, 'utf8');
  // The section ends where the next one begins: the sections after it (analytics) stay.
  const at = md.indexOf(EXPLORER_SECTION);
  const next = at < 0 ? -1 : md.indexOf('\n## ', at + EXPLORER_SECTION.length);
  const before = (at < 0 ? md : md.slice(0, at)).trimEnd();
  const after = next < 0 ? '' : `\n${md.slice(next + 1).trimEnd()}\n`;
  fs.writeFileSync(mdFile, `${before}\n\n${section}${after}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:4000' },
      id: { type: 'string', multiple: true },
      web: { type: 'string' },
      runs: { type: 'string', default: '5' },
      tier: { type: 'string' },
    },
  });
  const static_ = values.web ? await serve(path.resolve(values.web), values.url) : undefined;
  const origin = static_?.url ?? values.url;
  const browser = await launchChromium();
  const entities: EntityFigures[] = [];
  try {
    const tab = async (): Promise<Page> =>
      (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    for (const id of values.id ?? []) {
      const figures = await measure(tab, origin, id, values.web ?? 'this build', Number(values.runs));
      say(JSON.stringify(figures));
      entities.push(figures);
    }
  } finally {
    await browser.close();
    static_?.close();
  }
  if (values.tier) record(values.tier, entities);
}

main().catch((error: unknown) => {
  process.stderr.write(`explorer bench: ${(error as Error).message}\n`);
  process.exit(1);
});
