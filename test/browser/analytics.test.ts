import fs from 'node:fs';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Page } from 'playwright-core';
import { drawnNodes, graphIds, until } from '../helpers/browser.harness';
import { useBrowserSuite } from '../helpers/browser.suite';

const P = 'analytics-ui:';
const id = (name: string) => `${P}${name}`;
const K = ['k1', 'k2', 'k3', 'k4'];
const L = ['l1', 'l2', 'l3', 'l4'];

/**
 * Two cliques of four institutions (each met at one event) and a bridge that met k1 and l1, each of those two
 * meetings stated by a source: the bridge leads by betweenness, k1 and l1 by degree, the cliques are the
 * communities, and the bridge is the broker between them.
 */
const GRAPH = `
  UNWIND ['k1','k2','k3','k4','l1','l2','l3','l4','bridge'] AS name
  CREATE (:Entity:Institution:Enterprise {id: $p + name, name: 'Clique ' + name, kind: 'ENTERPRISE', aliases: [], sourceIds: []})
  WITH count(*) AS _
  CREATE (:Source {id: $p + 'doc-k', url: 'https://example.org/bridge-meets-k1', publisher: 'test', title: 'Bridge meets K1'})
  CREATE (:Source {id: $p + 'doc-l', url: 'https://example.org/bridge-meets-l1', publisher: 'test', title: 'Bridge meets L1'})
  WITH *
  UNWIND [['ek', 'K meeting', ['k1','k2','k3','k4'], ''], ['el', 'L meeting', ['l1','l2','l3','l4'], ''],
          ['ebk', 'Bridge meets K1', ['k1','bridge'], 'doc-k'], ['ebl', 'Bridge meets L1', ['l1','bridge'], 'doc-l']] AS e
  CREATE (event:Entity:Event:Meeting {id: $p + e[0], name: e[1], kind: 'MEETING', date: date('2021-01-01'), aliases: [], sourceIds: []})
  WITH event, e
  UNWIND e[2] AS member
  MATCH (i:Institution {id: $p + member})
  CREATE (i)-[:PARTICIPATED_IN {key: '', role: 'ATTENDEE', sourceIds: CASE e[3] WHEN '' THEN [] ELSE [$p + e[3]] END}]->(event)`;

interface Probe {
  explorerAnalytics: { size(id: string): number | null; colour(id: string): string | null };
  explorerGraph: { labelCount(): number };
}
const sizes = (page: Page, ids: string[]) =>
  page.evaluate(
    (nodes) => nodes.map((n) => (globalThis as unknown as Probe).explorerAnalytics.size(n) ?? 0),
    ids,
  );
const colours = (page: Page, ids: string[]) =>
  page.evaluate(
    (nodes) => nodes.map((n) => (globalThis as unknown as Probe).explorerAnalytics.colour(n)),
    ids,
  );
const ENTITIES = [...K, ...L, 'bridge'].map(id);

// A private Neo4j with GDS starts slowly on a shared, busy machine: more than the suite's usual 180 s.
jest.setTimeout(600_000);

describe('analytics in the explorer: sizes, communities, brokers, export', () => {
  const suite = useBrowserSuite({
    name: 'analytics',
    // Each analysis is a projection and an algorithm: on a busy machine more than a lookup's 5 s.
    env: { REQUEST_TIMEOUT_MS: '60000', NEO4J_TRANSACTION_TIMEOUT_MS: '60000' },
    graph: { cypher: GRAPH, prefix: P },
  });

  /** The two cliques and the bridge, drawn by expanding the four meetings. */
  async function openCliques(): Promise<Page> {
    const tab = await suite.open();
    const x = ['ek', 'el', 'ebk', 'ebl'].map((e) => `x=${encodeURIComponent(id(e))}`).join('&');
    await tab.page.goto(`/?${x}`);
    expect(await drawnNodes(tab.page)).toBe(9 + 4);
    return tab.page;
  }

  it('sizes the drawn entities by the chosen measure: the bridge by betweenness, k1 and l1 by degree', async () => {
    const page = await openCliques();
    await page.focus('#size-by');
    await page.selectOption('#size-by', 'BETWEENNESS');
    const byBetweenness = await until(
      () => sizes(page, ENTITIES),
      (s) => new Set(s).size > 1,
      60000,
    );
    const bridge = byBetweenness[ENTITIES.length - 1] as number;
    expect(byBetweenness.slice(0, -1).every((size) => size < bridge)).toBe(true);
    await page.selectOption('#size-by', 'DEGREE');
    const byDegree = await until(
      () => sizes(page, ENTITIES),
      (s) => (s[0] ?? 0) > (s[ENTITIES.length - 1] ?? 0),
      60000,
    );
    const biggest = Math.max(...byDegree);
    expect(ENTITIES.filter((_, i) => byDegree[i] === biggest).sort()).toEqual([id('k1'), id('l1')]);
    expect(
      await page.evaluate(() => (globalThis as unknown as Probe).explorerGraph.labelCount()),
    ).toBeLessThanOrEqual(150);
  });

  it('colours the drawn entities by community, with a legend', async () => {
    const page = await openCliques();
    await page.check('#colour-communities');
    const found = await until(
      () => colours(page, ENTITIES),
      (c) => c.slice(0, 8).every((colour) => colour !== null),
      60000,
    );
    expect(new Set(found.slice(0, 4)).size).toBe(1);
    expect(new Set(found.slice(4, 8)).size).toBe(1);
    expect(found[0]).not.toBe(found[4]);
    const legend = await page.locator('#community-legend [data-community]').allInnerTexts();
    expect(legend.length).toBeGreaterThanOrEqual(2);
    expect(legend.some((entry) => /Community \d \(4 drawn of [45]\)/.test(entry))).toBe(true);
  });

  it('lists the bridge as the broker between the cliques, its paths hop by hop with sources; a click opens it', async () => {
    const page = await openCliques();
    await page.fill('#brokers-a', K.map(id).join(', '));
    await page.fill('#brokers-b', L.map(id).join(', '));
    await page.click('#brokers-form button[type="submit"]');
    const first = page.locator('#brokers-list > li').first();
    await first.waitFor({ timeout: 60000 });
    expect(await first.locator('button.broker').getAttribute('data-id')).toBe(id('bridge'));
    const hops = await first.locator('.route').first().locator('li.hop').allInnerTexts();
    expect(hops.some((hop) => hop.startsWith('Clique k1 → Clique bridge via Bridge meets K1'))).toBe(true);
    expect(hops.some((hop) => hop.startsWith('Clique bridge → Clique l1 via Bridge meets L1'))).toBe(true);
    expect(
      await first.locator('.route a[href="https://example.org/bridge-meets-k1"]').first().innerText(),
    ).toBe('Bridge meets K1');
    await first.locator('button.broker').click();
    await page.locator('#card-name', { hasText: 'Clique bridge' }).waitFor();
  });

  it('exports the view as GraphML that parses and as a PNG of the canvas', async () => {
    const page = await openCliques();
    const drawn = (await graphIds(page, 'nodes')).sort();
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphml')]);
    expect(graphml.suggestedFilename()).toBe('institution-graph-view.graphml');
    const graph = parseGraphml(Graph, fs.readFileSync(await graphml.path(), 'utf8'));
    expect(graph.nodes().sort()).toEqual(drawn);
    expect(graph.size).toBe(12);
    expect(graph.getNodeAttribute(id('bridge'), 'kind')).toBe('Enterprise');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = fs.readFileSync(await png.path());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
