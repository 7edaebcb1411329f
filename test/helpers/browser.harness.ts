import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import pino from 'pino';
import { loadConfig } from '../../src/config/app.config';
import { projectRoot } from '../../src/config/project.paths';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { startApi, type RunningApi } from '../../src/server/api.server';
import { launchChromium } from './chromium.binary';
import { neo4jEnv, startPrivateNeo4j, tempDir } from './neo4j.test-db';

export const artifactsDir = (): string => path.join(projectRoot(), 'test-artifacts', 'browser');

/** A fresh tab (its own sessionStorage) that records what a test should never see. */
export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Script errors, console errors, and requests to any other origin (the page must work offline). */
  problems: string[];
  screenshot(name: string): Promise<void>;
}

export async function openPage(browser: Browser, origin: string): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: origin });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests a test provokes on purpose (401, aborted) are logged by Chromium as console errors.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  fs.mkdirSync(artifactsDir(), { recursive: true });
  return {
    context,
    page,
    problems,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(artifactsDir(), `${name}.png`) });
    },
  };
}

/** What the page's test hook offers (src/web/graph.view.ts); this file compiles without the DOM's types. */
interface PageGlobals {
  explorerGraph?: {
    nodeIds(selector?: string): string[];
    edgeIds(selector?: string): string[];
    clientPoint(id: string): { x: number; y: number } | null;
  };
}

/** The graph as cytoscape holds it, read through the page's test hook. */
export function graphIds(page: Page, what: 'nodes' | 'edges', selector = ''): Promise<string[]> {
  return page.evaluate(
    ([kind, sel]) => {
      const probe = (globalThis as unknown as PageGlobals).explorerGraph;
      if (!probe) throw new Error('the page has no graph probe');
      return kind === 'nodes' ? probe.nodeIds(sel) : probe.edgeIds(sel);
    },
    [what, selector] as const,
  );
}

/** Clicks a node on the canvas where it is drawn, as a user would. */
export async function clickNode(page: Page, id: string, clicks: 1 | 2 = 1): Promise<void> {
  const point = await page.evaluate(
    (nodeId) => (globalThis as unknown as PageGlobals).explorerGraph?.clientPoint(nodeId) ?? null,
    id,
  );
  if (!point) throw new Error(`node ${id} is not on the canvas`);
  if (clicks === 2) await page.mouse.dblclick(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
}

/** The node count the graph's status line shows, once the graph is drawn and nothing is loading. */
export async function drawnNodes(page: Page): Promise<number> {
  const status = page.locator('#graph-status[data-nodes]:not([aria-busy])');
  await status.waitFor();
  return Number(await status.getAttribute('data-nodes'));
}

/** Polls until the value passes the check (the page updates asynchronously), then returns it. */
export async function until<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface BrowserSuiteOptions {
  /** Names the private Neo4j's folder and the screenshots. */
  name: string;
  /** The API's environment beyond the test defaults (NODE_ENV, PORT, the private Neo4j, SEED=never). */
  env?: Record<string, string>;
  /** Written once before the tests, with `$p` bound to `prefix`. */
  graph?: { cypher: string; prefix: string };
  /** Problems a suite provokes on purpose (a 401 before a token is given). */
  expected?: RegExp;
}

/** What every browser suite has: a private Neo4j, an API on it, Chromium, and a checked tab per test. */
export interface BrowserSuite {
  readonly neo4j: EmbeddedNeo4j;
  readonly api: RunningApi;
  readonly browser: Browser;
  /** Another API on the same Neo4j (access control on, say), stopped with the suite. */
  startApi(env: Record<string, string>): Promise<RunningApi>;
  /** A fresh tab on an API's origin; after the test it is screenshot, closed, and must have seen no problem. */
  open(origin?: string): Promise<TestPage>;
}

export function useBrowserSuite(options: BrowserSuiteOptions): BrowserSuite {
  let neo4j: EmbeddedNeo4j | undefined;
  let browser: Browser | undefined;
  const apis: RunningApi[] = [];
  let tab: TestPage | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser suite's ${what} is not started`);
    return value;
  };
  const baseEnv = (): Record<string, string> => ({
    NODE_ENV: 'test',
    PORT: '0',
    SEED: 'never',
    ...neo4jEnv(started(neo4j, 'Neo4j')),
  });
  const suite: BrowserSuite = {
    get neo4j() {
      return started(neo4j, 'Neo4j');
    },
    get api() {
      return started(apis[0], 'API');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async startApi(env) {
      const api = await startApi(loadConfig({ ...baseEnv(), ...env }), pino({ level: 'silent' }));
      apis.push(api);
      return api;
    },
    async open(origin) {
      tab = await openPage(suite.browser, origin ?? suite.api.url);
      return tab;
    },
  };

  beforeAll(async () => {
    neo4j = await startPrivateNeo4j(tempDir(`browser-${options.name}`));
    const api = await suite.startApi(options.env ?? {});
    if (options.graph) {
      const { cypher, prefix } = options.graph;
      await api.database.write((tx) => tx.run(cypher, { p: prefix }));
    }
    browser = await launchChromium();
  });

  afterEach(async () => {
    if (!tab) return;
    const name = (expect.getState().currentTestName ?? 'test').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await tab.screenshot(`${options.name}-${name.slice(-60)}`);
    const problems = tab.problems.filter((problem) => !options.expected?.test(problem));
    await tab.context.close();
    tab = undefined;
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    for (const api of apis.reverse()) await api.stop();
    await neo4j?.stop();
  });
  return suite;
}
