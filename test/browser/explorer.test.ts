import type { Page } from 'playwright-core';
import { mintToken } from '../../src/auth/auth.service';
import type { RunningApi } from '../../src/server/api.server';
import { RELATIONSHIP_KINDS } from '../../src/web/graph.kinds';
import { clickNode, drawnNodes, graphIds, until } from '../helpers/browser.harness';
import { useBrowserSuite } from '../helpers/browser.suite';

const SECRET = 'browser-test-secret-long-enough-for-hs256';
const MUNKHBAT = 'person:s-munkhbat';
const LI_GUOFENG = 'person:li-guofeng';
const POLICY_DEPARTMENT = 'institution:mn-mecss-st-policy-department';
const VISIT = 'event:2019-12-23-mongolian-delegation-visits-ningxia';

/** What a user reads there: the rendered text, white space collapsed. */
const text = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

async function search(page: Page, query: string): Promise<void> {
  await page.fill('#search-input', query);
  await page.click('#search-form button[type=submit]');
  await page.locator('#search-results ol.results li').first().waitFor();
}

/** The page as users get it, from `npm run build`'s dist/web, on a Neo4j holding exactly the seed. */
describe('the explorer in Chromium', () => {
  const suite = useBrowserSuite({ name: 'explorer', env: { SEED: 'auto' } });
  let securedApi: RunningApi;
  beforeAll(async () => {
    // The same graph behind access control, with reads needing a token.
    securedApi = await suite.startApi({ AUTH_JWT_SECRET: SECRET, AUTH_READS: 'reader' });
  });

  it("serves the page at / next to the API's own routes", async () => {
    const page = await fetch(`${suite.api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${suite.api.url}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${suite.api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${suite.api.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${suite.api.url}/metrics`)).text()).toContain('graphql_requests_total');
    const graphql = await fetch(`${suite.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ about { name } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { about: { name: 'institution-graph' } } });
  });

  it('searches "Munkhbat", opens him, expands, finds the path to Li Guofeng and highlights it', async () => {
    const tab = await suite.open();
    const { page } = tab;
    await page.goto('/');

    await search(page, 'Munkhbat');
    const results = page.locator('#search-results ol.results li');
    expect(await results.count()).toBeGreaterThanOrEqual(1);
    expect(await results.first().getAttribute('data-id')).toBe(MUNKHBAT);
    const first = '#search-results li:first-child';
    expect(await text(page, `${first} .result-name`)).toBe('S. Munkhbat');
    expect(await text(page, `${first} .kind`)).toBe('Person');
    expect(await text(page, `${first} .score`)).toMatch(/^\d+\.\d\d$/);
    expect(await text(page, `${first} .aliases`)).toBe('S.Munkhbat, Munkhbat');
    await tab.screenshot('1-search');

    await page.click('#search-results li:first-child .result-name');
    await page.locator('#card-name', { hasText: 'S. Munkhbat' }).waitFor();
    expect(await text(page, '#card-kind')).toBe('Person');
    expect(await text(page, '#card')).toContain('Aliases S.Munkhbat, Munkhbat');
    expect(await text(page, '#card .positions')).toBe('Director at Science and Technology Policy Department');
    expect(await page.locator('#card .sources a').first().getAttribute('href')).toBe(
      'https://en.casttc.org/article/00001083.html',
    );
    expect(await drawnNodes(page)).toBe(4);
    expect((await graphIds(page, 'nodes')).sort()).toEqual(
      [MUNKHBAT, POLICY_DEPARTMENT, VISIT, 'event:2019-12-23-ningxia-mongolia-meeting'].sort(),
    );
    await page.locator('#timeline ol.timeline li').first().waitFor();
    expect(await page.locator('#timeline ol.timeline li').count()).toBe(2);
    expect(await text(page, '#timeline li:first-child time')).toBe('2019-12-23');
    await tab.screenshot('2-opened');

    // Click his department on the canvas, then expand it from its card.
    await clickNode(page, POLICY_DEPARTMENT);
    await page.locator('#card-name', { hasText: 'Science and Technology Policy Department' }).waitFor();
    expect(await graphIds(page, 'nodes', '.selected')).toEqual([POLICY_DEPARTMENT]);
    expect(await text(page, '#card dl')).toContain(
      'Part of Ministry of Education, Culture, Science, Technology and Sports of Mongolia',
    );
    await page.click('#expand');
    const afterExpand = await until(
      () => drawnNodes(page),
      (n) => n > 4,
    );
    expect(afterExpand).toBe((await graphIds(page, 'nodes')).length);
    expect(await graphIds(page, 'nodes', '.expanded')).toEqual(
      expect.arrayContaining([MUNKHBAT, POLICY_DEPARTMENT]),
    );
    expect(await page.locator('#expand').isDisabled()).toBe(true);

    // Double-click a node to expand it straight from the canvas.
    await clickNode(page, VISIT, 2);
    const afterDoubleClick = await until(
      () => drawnNodes(page),
      (n) => n > afterExpand,
    );
    expect(await graphIds(page, 'nodes', '.expanded')).toContain(VISIT);
    await tab.screenshot('3-expanded');

    // Pick him as the start (his node is on the canvas), and Li Guofeng, found by search, as the end.
    await clickNode(page, MUNKHBAT);
    await page.locator('#card-name', { hasText: 'S. Munkhbat' }).waitFor();
    await page.click('#path-from-here');
    expect(await page.getAttribute('#path-from-here', 'aria-pressed')).toBe('true');
    await search(page, 'Li Guofeng');
    await page.click(`#search-results li[data-id="${LI_GUOFENG}"] .result-name`);
    await page.locator('#card-name', { hasText: 'Li Guofeng' }).waitFor();
    await page.click('#path-to-here');

    await page.locator('#path-hops li').first().waitFor();
    expect(await text(page, '#path .ends')).toMatch(/^S\. Munkhbat → Li Guofeng/);
    expect(await text(page, '#path-summary')).toBe('4 hops');
    const hops = page.locator('#path-hops > li');
    expect(await hops.count()).toBe(4);
    expect(await text(page, '#path-hops > li:first-child .explanation')).toMatch(
      /^S\. Munkhbat took part in Mongolian delegation visits .+ \(2019-12-23\) as delegation lead$/,
    );
    expect(await text(page, '#path-hops > li:last-child .explanation')).toBe(
      'Li Guofeng is Director of China-Arab States Technology Transfer Center',
    );
    for (let i = 0; i < 4; i++) {
      expect(await hops.nth(i).locator('.sources a').count()).toBeGreaterThan(0);
    }
    expect(await hops.last().locator('.sources a').first().getAttribute('href')).toBe(
      'https://en.casttc.org/article/00001525.html',
    );

    // Highlighted on the canvas: its five nodes and four relationships carry the path class.
    await until(
      () => graphIds(page, 'edges', '.path'),
      (ids) => ids.length === 4,
    );
    const pathNodes = await graphIds(page, 'nodes', '.path');
    expect(pathNodes).toHaveLength(5);
    expect(pathNodes).toEqual(expect.arrayContaining([MUNKHBAT, LI_GUOFENG, VISIT, 'institution:casttc']));
    expect(await drawnNodes(page)).toBeGreaterThan(afterDoubleClick);
    await tab.screenshot('4-path');

    // Everything is in the address: a reload, and the same address in another tab, show the same view.
    const address = page.url();
    expect(address).toContain(`pfrom=${encodeURIComponent(MUNKHBAT)}`);
    expect(address).toContain(`pto=${encodeURIComponent(LI_GUOFENG)}`);
    const nodes = (await graphIds(page, 'nodes')).sort();
    const check = async (p: Page) => {
      await p.locator('#card-name', { hasText: 'Li Guofeng' }).waitFor();
      await p.locator('#path-hops li').first().waitFor();
      expect(await p.inputValue('#search-input')).toBe('Li Guofeng');
      await until(
        () => graphIds(p, 'edges', '.path'),
        (ids) => ids.length === 4,
      );
      expect((await graphIds(p, 'nodes')).sort()).toEqual(nodes);
      expect(await graphIds(p, 'nodes', '.expanded')).toEqual(
        expect.arrayContaining([MUNKHBAT, POLICY_DEPARTMENT, VISIT, LI_GUOFENG]),
      );
    };
    await page.reload();
    await check(page);
    const other = await tab.context.newPage();
    await other.goto(address);
    await check(other);

    // Back goes to the view before: no path end yet.
    await page.goBack();
    await page.locator('#path p.hint').waitFor();
    expect(await graphIds(page, 'edges', '.path')).toEqual([]);

    // An institution's card lists its sub-units and its people.
    await clickNode(page, 'institution:ningxia-st-department');
    await page.locator('#card-name', { hasText: 'Science and Technology Department of Ningxia' }).waitFor();
    expect(await text(page, '#card dl')).toContain('China-Arab States Technology Transfer Center');
    expect(await page.locator('#card dd ul li').count()).toBeGreaterThan(0);
  });

  it('filters the graph and the timeline by relationship kind and by date range, in the address too', async () => {
    const tab = await suite.open();
    const { page } = tab;
    await page.goto(
      `/?id=${encodeURIComponent(POLICY_DEPARTMENT)}&x=${encodeURIComponent(POLICY_DEPARTMENT)}`,
    );
    await page.locator('#card-name', { hasText: 'Science and Technology Policy Department' }).waitFor();
    const all = await drawnNodes(page);
    expect(await page.locator('#filter-kinds input:checked').count()).toBe(RELATIONSHIP_KINDS.length);

    await page.uncheck('#filter-kinds input[value="PARTICIPATED_IN"]');
    await until(
      () => drawnNodes(page),
      (n) => n < all,
    );
    expect(page.url()).toContain('rel=HOLDS_POSITION');
    expect(page.url()).not.toContain('rel=PARTICIPATED_IN');
    const edges = await graphIds(page, 'edges');
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((id) => id.includes('|PARTICIPATED_IN|'))).toEqual([]);
    await page.click('#all-kinds');
    expect(
      await until(
        () => drawnNodes(page),
        (n) => n === all,
      ),
    ).toBe(all);

    // The department's events are all in December 2019: from 2020 on, none is left.
    await page.locator('#timeline ol.timeline li').first().waitFor();
    await page.fill('#filter-from', '2020-01-01');
    await page.locator('#timeline p.empty', { hasText: 'No events within the date range.' }).waitFor();
    expect(page.url()).toContain('from=2020-01-01');
    expect(
      await until(
        () => drawnNodes(page),
        (n) => n < all,
      ),
    ).toBeLessThan(all);
    await page.reload();
    await page.locator('#timeline p.empty').waitFor();
    expect(await page.inputValue('#filter-from')).toBe('2020-01-01');
  });

  it("shows the seed's counts on the dashboard", async () => {
    const tab = await suite.open();
    const { page } = tab;
    await page.goto('/');
    await page.click('#tab-dashboard');
    await page.locator('#totals .tile').first().waitFor();
    expect(page.url()).toContain('view=dashboard');
    const tile = (category: string) => text(page, `#totals .tile[data-category="${category}"]`);
    expect(await tile('Institution')).toBe('23 institutions');
    expect(await tile('Person')).toBe('7 people');
    expect(await tile('Event')).toBe('7 events');
    expect(await tile('Place')).toBe('7 places');
    expect(await tile('Agreement')).toBe('4 agreements');
    expect(await tile('Framework')).toBe('3 frameworks');
    expect(await page.locator('#totals .tile').count()).toBe(6);
    // Each row of a chart: its key, its values, and the label and values drawn.
    const bars = async (chart: string): Promise<[string | null, string | null, string | null][]> =>
      Promise.all(
        (await page.locator(`#${chart} g.row`).all()).map(
          async (row) =>
            [
              await row.getAttribute('data-key'),
              await row.getAttribute('data-value'),
              await row.textContent(),
            ] as [string | null, string | null, string | null],
        ),
      );
    const countries = await bars('chart-countries');
    expect(countries.map(([key, value]) => [key, value])).toEqual([
      ['CN', '11'],
      ['none', '5'],
      ['MN', '4'],
      ['QA', '2'],
      ['NG', '1'],
    ]);
    // What is read is what is drawn: each row's visible label and value.
    expect(countries[0]?.[2]).toContain('CN China');
    expect(countries[0]?.[2]).toContain('11');
    expect((await bars('chart-years')).map(([key, value]) => [key, value])).toEqual([
      ['2019', '5'],
      ['2020', '1'],
      ['2022', '1'],
    ]);
    expect((await bars('chart-cooperation')).map(([key, value]) => [key, value])).toEqual([
      ['CN-MN', '2,1'],
      ['CN-QA', '1,1'],
    ]);
    expect((await bars('chart-top')).length).toBe(10);
    expect((await bars('chart-kinds')).find(([key]) => key === 'Person')?.[1]).toBe('7');
    await tab.screenshot('5-dashboard');

    // The most connected entity opens in the explorer.
    await page.click('#chart-top g.row >> nth=0');
    await page.locator('#card-name').waitFor();
    expect(page.url()).not.toContain('view=dashboard');
    expect(await page.isVisible('#explore')).toBe(true);
    expect(await drawnNodes(page)).toBeGreaterThan(1);
    await page.reload();
    await page.locator('#card-name').waitFor();
  });

  it('works with access control on: no token, a bad token (401) and a good one', async () => {
    const tab = await suite.open(securedApi.url);
    const { page } = tab;
    await page.goto('/?q=Munkhbat');
    await page.locator('#search-results .error').waitFor();
    expect(await text(page, '#search-results .error')).toMatch(
      /^Could not load search results: UNAUTHENTICATED: .+ Reads need a token here: enter one above\.$/,
    );

    await page.fill('#token', 'not-a-jwt');
    await page.click('#token-save');
    await page.locator('#search-results .error', { hasText: 'HTTP 401' }).waitFor();
    expect(await text(page, '#search-results .error')).toMatch(
      /HTTP 401: the token was refused\. UNAUTHENTICATED: .+ Check the token/,
    );
    await tab.screenshot('6-bad-token');

    const token = await mintToken(SECRET, 'browser-test', ['reader'], '10m');
    await page.fill('#token', token);
    await page.click('#token-save');
    await page.locator('#search-results li[data-id="person:s-munkhbat"]').waitFor();
    expect(await text(page, '#token-status')).toBe('Token set (sent as Bearer)');
    // Kept for the tab, sent as a Bearer header, never put in the address.
    expect(page.url()).not.toContain(token);
    // A string, as this file compiles without the DOM's types.
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([token]);
    await page.reload();
    await page.locator('#search-results li[data-id="person:s-munkhbat"]').waitFor();
    expect(await page.inputValue('#token')).toBe(token);

    await page.click('#token-clear');
    await page.locator('#search-results .error', { hasText: 'UNAUTHENTICATED' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('says what went wrong: loading, unknown ids, and the network down', async () => {
    const tab = await suite.open();
    const { page } = tab;
    // Hold the search's answer back to see the loading state, then let it through.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/?q=Munkhbat');
    await page.locator('#search-results .loading', { hasText: 'Loading search results…' }).waitFor();
    expect(await page.getAttribute('#search-results', 'aria-busy')).toBe('true');
    release();
    await page.locator('#search-results li').first().waitFor();
    await page.unroute('**/graphql');

    await page.goto('/?id=person:nobody&x=person:nobody');
    await page.locator('#card .error', { hasText: 'No entity has the id “person:nobody”.' }).waitFor();
    await page.locator('#timeline .error').waitFor();
    expect(await text(page, '#timeline .error')).toBe(
      'Could not load the timeline: NOT_FOUND: id: no entity has id "person:nobody"',
    );
    await page.locator('#graph-status.error').waitFor();
    expect(await text(page, '#graph-status')).toMatch(
      /^Could not load the graph: NOT_FOUND: .*person:nobody/,
    );

    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await page.click('#tab-dashboard');
    await page.locator('#dashboard-body .error').waitFor();
    expect(await text(page, '#dashboard-body .error')).toMatch(
      /^Could not load the statistics: Cannot reach the API at \/graphql \(.+\)\. Is the server running/,
    );
    await tab.screenshot('7-network-down');
    await page.unroute('**/graphql');
    await page.click('#dashboard-body button');
    await page.locator('#totals .tile').first().waitFor();
  });
});
