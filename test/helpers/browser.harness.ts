import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/config/project.paths';

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

/** Clicks a node on the canvas where it is drawn, as a user would, once it stays put (a layout may still move it). */
export async function clickNode(page: Page, id: string, clicks: 1 | 2 = 1): Promise<void> {
  const where = () =>
    page.evaluate(
      (nodeId) => (globalThis as unknown as PageGlobals).explorerGraph?.clientPoint(nodeId) ?? null,
      id,
    );
  let point = await where();
  const deadline = Date.now() + 5000;
  for (let settled = 0; settled < 3 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await where();
    settled = next?.x === point?.x && next?.y === point?.y ? settled + 1 : 0;
    point = next;
  }
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
