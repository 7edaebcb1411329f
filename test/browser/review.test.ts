import { mintToken } from '../../src/auth/auth.service';
import { candidatePairId } from '../../src/modules/review/candidate.id';
import { drawnNodes, graphIds, until } from '../helpers/browser.harness';
import { useBrowserSuite } from '../helpers/browser.suite';

const SECRET = 'browser-review-secret-long-enough-for-hs256';
const P = 'review-ui:';

/** Two pairs resolution left open: one the same university twice, one two different institutes. */
const GRAPH = `
  CREATE (parent:Entity:Institution:Ministry {id: $p + 'ministry', name: 'Review UI Ministry', kind: 'MINISTRY',
          aliases: [], searchText: '', sourceIds: []})
  CREATE (keep:Entity:Institution:University {id: $p + 'keep', name: 'Review UI University', kind: 'UNIVERSITY',
          aliases: [], searchText: '', sourceIds: []})
  CREATE (dup:Entity:Institution:University {id: $p + 'dup', name: 'University of Review UI', kind: 'UNIVERSITY',
          aliases: [], searchText: '', sourceIds: []})
  CREATE (x:Entity:Institution:ResearchInstitute {id: $p + 'institute-x', name: 'Review UI Institute', kind: 'RESEARCH_INSTITUTE',
          aliases: [], searchText: '', sourceIds: []})
  CREATE (y:Entity:Institution:ResearchInstitute {id: $p + 'institute-y', name: 'Review UI Institutes', kind: 'RESEARCH_INSTITUTE',
          aliases: [], searchText: '', sourceIds: []})
  CREATE (dup)-[:PART_OF {key: ''}]->(parent)
  WITH 1 AS one
  UNWIND [[$p + 'dup', $p + 'keep', 0.9], [$p + 'institute-x', $p + 'institute-y', 0.7]] AS pair
  CREATE (:ResolutionCandidate {id: 'candidate:' + pair[0] + '|' + pair[1], a: pair[0], b: pair[1],
          category: 'Institution', score: pair[2], reasons: ['similar names'], status: 'OPEN', sourceIds: [],
          createdAt: datetime()})`;

describe('the review view in Chromium', () => {
  const suite = useBrowserSuite({
    name: 'review',
    env: { AUTH_JWT_SECRET: SECRET },
    graph: { cypher: GRAPH, prefix: P },
    // The page is refused once on purpose, before the token is given.
    expected: /401/,
  });

  it('lists open pairs side by side, confirms one and rejects the other with a token', async () => {
    const tab = await suite.open();
    const { page } = tab;
    await page.goto('/');
    await page.click('#tab-review');
    expect(page.url()).toContain('view=review');
    const pairs = page.locator('#review-body li.pair');
    // Read in one step: the list is drawn again after each decision.
    const pairIds = () =>
      pairs.evaluateAll((items: { getAttribute(name: string): string | null }[]) =>
        items.map((item) => item.getAttribute('data-id')),
      );
    await pairs.first().waitFor();
    expect(await pairIds()).toEqual([
      candidatePairId(`${P}keep`, `${P}dup`),
      candidatePairId(`${P}institute-x`, `${P}institute-y`),
    ]);
    const first = pairs.first();
    expect(await first.locator('.side').allInnerTexts()).toEqual([
      expect.stringMatching(/University of Review UI[\s\S]*University[\s\S]*Parent\s*Review UI Ministry/),
      expect.stringMatching(/Review UI University[\s\S]*University/),
    ]);
    expect(await first.locator('.score').innerText()).toBe('Score 0.90');

    // Without a token the API refuses the merge, and the page says so.
    await first.locator(`button.confirm[data-keep="${P}keep"]`).click();
    await until(
      () => page.locator('#review-status').innerText(),
      (status) => status.includes('UNAUTHENTICATED'),
    );
    await page.fill('#token', await mintToken(SECRET, 'browser-review', ['admin'], '10m'));
    await page.click('#token-save');
    await first.locator(`button.confirm[data-keep="${P}keep"]`).click();
    await until(pairIds, (ids) => ids.length === 1);
    expect(await pairs.first().getAttribute('data-id')).toBe(
      candidatePairId(`${P}institute-x`, `${P}institute-y`),
    );
    await tab.screenshot('review-after-confirm');

    await pairs.first().locator('button.reject').click();
    await page.locator('#review-body p.empty').waitFor();

    const statuses = await suite.api.database.read(async (tx) =>
      (
        await tx.run(
          'MATCH (c:ResolutionCandidate) WHERE c.id STARTS WITH $c RETURN c.id AS id, c.status AS status ORDER BY id',
          { c: `candidate:${P}` },
        )
      ).records.map((r) => [r.get('id') as string, r.get('status') as string]),
    );
    expect(statuses).toEqual([
      [candidatePairId(`${P}keep`, `${P}dup`), 'CONFIRMED'],
      [candidatePairId(`${P}institute-x`, `${P}institute-y`), 'REJECTED'],
    ]);

    // The graph after: the kept university now has the merged one's parent; the merged id leads to it.
    await page.goto(`/?id=${encodeURIComponent(`${P}dup`)}&x=${encodeURIComponent(`${P}dup`)}`);
    await drawnNodes(page);
    expect((await graphIds(page, 'nodes')).sort()).toEqual([`${P}keep`, `${P}ministry`]);
  });
});
