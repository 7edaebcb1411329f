import type { Page } from 'playwright-core';
import { clickNode, drawnNodes, graphIds, until } from '../helpers/browser.harness';
import { useBrowserSuite } from '../helpers/browser.suite';

const P = 'hub-ui:';
const HUB = `${P}hub`;
const EVENTS = `group:${HUB}|Event|PARTICIPATED_IN|OUTGOING`;
const PEOPLE = `group:${HUB}|Person|HOLDS_POSITION|INCOMING`;

/** A hub of 110 neighbours: 60 events (2016-2023), 45 people holding positions, 3 units, a parent, a city. */
const HUB_GRAPH = `
  CREATE (hub:Entity:Institution:Ministry {id: $p + 'hub', name: 'Hub UI Ministry', kind: 'MINISTRY', aliases: [], sourceIds: []})
  CREATE (hub)-[:PART_OF {key: '', sourceIds: []}]->(:Entity:Institution:Government {id: $p + 'parent', name: 'Hub UI Government', kind: 'GOVERNMENT', aliases: [], sourceIds: []})
  CREATE (hub)-[:LOCATED_IN {key: '', sourceIds: []}]->(:Entity:Place:City {id: $p + 'city', name: 'Hub UI City', kind: 'CITY', aliases: [], sourceIds: []})
  FOREACH (i IN range(0, 2) |
    CREATE (:Entity:Institution:GovernmentDepartment {id: $p + 'unit-' + i, name: 'Hub UI Unit ' + i, kind: 'GOVERNMENT_DEPARTMENT', aliases: [], sourceIds: []})
           -[:PART_OF {key: '', sourceIds: []}]->(hub))
  FOREACH (j IN range(0, 44) |
    CREATE (:Entity:Person {id: $p + 'person-' + j, name: 'Hub UI Person ' + j, aliases: [], sourceIds: []})
           -[:HOLDS_POSITION {key: 'Director', title: 'Director', since: date({year: 1980 + j, month: 1, day: 1}), sourceIds: []}]->(hub))
  FOREACH (i IN range(0, 59) |
    CREATE (hub)-[:PARTICIPATED_IN {key: '', sourceIds: [], role: CASE i WHEN 7 THEN 'HOST' ELSE 'ATTENDEE' END}]->
           (:Entity:Event:Meeting {id: $p + 'event-' + i, name: 'Hub UI Meeting ' + i, kind: 'MEETING', aliases: [], sourceIds: [],
                                   date: date({year: 2016 + i % 8, month: i % 12 + 1, day: 10})}))`;

interface Probe {
  explorerGraph: {
    position(id: string): { x: number; y: number } | null;
    labelCount(): number;
    focused(): string | null;
  };
}
const position = (page: Page, id: string) =>
  page.evaluate((nodeId) => (globalThis as unknown as Probe).explorerGraph.position(nodeId), id);
const labelCount = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Probe).explorerGraph.labelCount());
const focusedNode = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Probe).explorerGraph.focused());

const groupLabel = (page: Page, id: string): Promise<string> =>
  page.locator(`#list-groups button[data-group="${id}"]`).innerText();

describe('a hub in the explorer: a summary, opened group by group, as a list, from the keyboard', () => {
  const suite = useBrowserSuite({
    name: 'hub',
    env: { REQUEST_TIMEOUT_MS: '15000' },
    graph: { cypher: HUB_GRAPH, prefix: P },
  });

  async function openHub(): Promise<Page> {
    const tab = await suite.open();
    await tab.page.goto(`/?id=${encodeURIComponent(HUB)}&x=${encodeURIComponent(HUB)}`);
    await tab.page.locator('#card-name', { hasText: 'Hub UI Ministry' }).waitFor();
    return tab.page;
  }

  it('draws a hub as a summary: small groups in full, big ones as one node each, few labels', async () => {
    const page = await openHub();
    // The hub, its three units, its parent and its city; events and people as a group node each.
    expect(await drawnNodes(page)).toBe(6);
    expect((await graphIds(page, 'nodes', '.aggregate')).sort()).toEqual([EVENTS, PEOPLE]);
    expect(await page.locator('#graph-status').getAttribute('data-groups')).toBe('2');
    expect(await labelCount(page)).toBeLessThanOrEqual(150);
    await page.click('#list-toggle');
    expect(await groupLabel(page, EVENTS)).toBe('60 events, participated in, 2016–2023');
    expect(await groupLabel(page, PEOPLE)).toBe('45 people, holds position (inward), 1980–2024');
  });

  it('opens a group page by page with "show more", keeping every node already drawn where it was', async () => {
    const page = await openHub();
    await drawnNodes(page);
    const before = await position(page, HUB);
    await clickNode(page, EVENTS);
    expect(
      await until(
        () => drawnNodes(page),
        (n) => n === 6 + 25,
      ),
    ).toBe(31);
    expect(await position(page, HUB)).toEqual(before);
    // The first page starts with the event it hosted.
    expect(await graphIds(page, 'nodes')).toContain(`${P}event-7`);
    await page.click('#list-toggle');
    expect(await groupLabel(page, EVENTS)).toBe('Show more: 35 more events, participated in, 2016–2023');
    await clickNode(page, EVENTS);
    await until(
      () => drawnNodes(page),
      (n) => n === 56,
    );
    await clickNode(page, EVENTS);
    await until(
      () => drawnNodes(page),
      (n) => n === 66,
    );
    expect(await graphIds(page, 'nodes', '.aggregate')).toEqual([PEOPLE]);
    expect(await labelCount(page)).toBeLessThanOrEqual(150);
  });

  it('shows the same neighbourhood as sortable tables of nodes and relationships', async () => {
    const page = await openHub();
    await drawnNodes(page);
    await page.click('#list-toggle');
    expect(await page.locator('#list-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#list-nodes tbody tr').count()).toBe(6);
    expect(await page.locator('#list-edges tbody tr').count()).toBe(5 + 2);
    await page.click('#list-groups [data-group]:text("60 events")');
    await until(
      () => page.locator('#list-nodes tbody tr').count(),
      (n) => n === 31,
    );
    const names = () => page.locator('#list-nodes tbody tr td:first-child').allInnerTexts();
    expect((await names())[0]).toBe('Hub UI City');
    await page.click('#list-nodes th:has-text("Name") button');
    expect(await page.locator('#list-nodes th:has-text("Name")').getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect((await names())[0]).toBe('Hub UI Unit 2');
    await page.click('#list-nodes th:has-text("Date") button');
    await page.click('#list-nodes th:has-text("Date") button');
    expect((await names())[0]).toBe('Hub UI Meeting 23');
    await page.click('#list-nodes button[data-id="hub-ui:event-23"]');
    await page.locator('#card-name', { hasText: 'Hub UI Meeting 23' }).waitFor();
  });

  it('shows a hub’s card with its long lists cut and counted, and its timeline a page at a time', async () => {
    const page = await openHub();
    await page.locator('#positions-count').waitFor();
    expect(await page.locator('#positions-count').innerText()).toBe('20 of 45 shown');
    expect(await page.locator('#card .positions li').count()).toBe(20);
    // Three units are a whole list: no count beside it.
    expect(await page.locator('#card dd ul li').count()).toBe(3);
    expect(await page.locator('#sub-units-count').count()).toBe(0);
    const entries = page.locator('#timeline ol.timeline li');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(50);
    expect(await page.locator('#timeline-count').innerText()).toBe('50 of 60 shown');
    expect(await page.locator('#timeline li:first-child time').innerText()).toBe('2016-01-10');
    // From the keyboard: Enter on "Show 50 more" adds the rest, and focus goes on to the count.
    await page.focus('#timeline-more');
    await page.keyboard.press('Enter');
    expect(
      await until(
        () => entries.count(),
        (n) => n === 60,
      ),
    ).toBe(60);
    expect(await page.locator('#timeline-more').count()).toBe(0);
    expect(await page.locator('#timeline-count').innerText()).toBe('All 60 shown');
    expect(await page.locator('#timeline-count:focus').count()).toBe(1);
    const dates = await page.locator('#timeline li time').allInnerTexts();
    expect(dates).toEqual([...dates].sort());
    const ids = await Promise.all((await entries.all()).map((li) => li.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(60);
  });

  it('is usable from the keyboard: focus the graph, move to a group, Enter opens it, Space opens a card', async () => {
    const page = await openHub();
    await drawnNodes(page);
    await page.focus('#graph');
    let focused: string | null = null;
    for (let i = 0; i < 8 && focused !== PEOPLE; i += 1) {
      await page.keyboard.press('ArrowRight');
      focused = await focusedNode(page);
    }
    expect(focused).toBe(PEOPLE);
    await page.keyboard.press('Enter');
    expect(
      await until(
        () => drawnNodes(page),
        (n) => n === 6 + 25,
      ),
    ).toBe(31);
    expect(await page.locator('#graph:focus').count()).toBe(1);
    for (let i = 0; i < 40 && !(focused ?? '').startsWith(`${P}person-`); i += 1) {
      await page.keyboard.press('Tab');
      focused = await focusedNode(page);
    }
    expect(focused).toMatch(/^hub-ui:person-/);
    await page.keyboard.press(' ');
    await until(
      () => page.locator('#card-name').innerText(),
      (name) => name.startsWith('Hub UI Person'),
    );
    expect(await graphIds(page, 'nodes', '.selected')).toEqual([focused]);
  });
});
