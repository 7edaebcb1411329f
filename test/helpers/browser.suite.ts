import pino from 'pino';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config/app.config';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j.process';
import { startApi, type RunningApi } from '../../src/server/api.server';
import { openPage, type TestPage } from './browser.harness';
import { launchChromium } from './chromium.binary';
import { neo4jEnv, startPrivateNeo4j, tempDir } from './neo4j.test-db';

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
