import type { ManagedTransaction } from 'neo4j-driver';
import type { RunningApi } from '../../src/server/api.server';
import { WARMED_OPERATIONS } from '../../src/server/plan.warmup';
import { data, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const P = 'test-warmup:';

/**
 * A hub whose every list is longer than the explorer's card shows (20), so that opening it sends the loaders'
 * queries too: 30 people, 25 units, 60 events, a parent, a city in a country, agreements.
 */
const HUB = `
  CREATE (country:Entity:Place:Country {id: $p + 'country', name: 'Warmup Land', kind: 'COUNTRY', code: 'XW', aliases: [], sourceIds: []})
  CREATE (city:Entity:Place:City {id: $p + 'city', name: 'Warmup City', kind: 'CITY', aliases: [], sourceIds: []})-[:LOCATED_IN {key: '', sourceIds: []}]->(country)
  CREATE (hub:Entity:Institution:Ministry {id: $p + 'hub', name: 'Warmup Ministry', kind: 'MINISTRY', aliases: [], sourceIds: [$p + 'source']})
  CREATE (:Source {id: $p + 'source', publisher: 'test', title: 'warm-up test', url: 'https://example.org/warmup'})
  CREATE (hub)-[:LOCATED_IN {key: '', sourceIds: []}]->(city)
  CREATE (hub)-[:PART_OF {key: '', sourceIds: []}]->(:Entity:Institution:Government {id: $p + 'parent', name: 'Warmup Government', kind: 'GOVERNMENT', aliases: [], sourceIds: []})
  FOREACH (i IN range(0, 24) |
    CREATE (:Entity:Institution:GovernmentDepartment {id: $p + 'unit-' + i, name: 'Warmup Unit ' + i, kind: 'GOVERNMENT_DEPARTMENT', aliases: [], sourceIds: []})
           -[:PART_OF {key: '', sourceIds: []}]->(hub))
  FOREACH (j IN range(0, 29) |
    CREATE (:Entity:Person {id: $p + 'person-' + j, name: 'Warmup Person ' + j, aliases: [], sourceIds: []})
           -[:HOLDS_POSITION {key: 'Director', title: 'Director', since: date('2000-01-01'), sourceIds: []}]->(hub))
  FOREACH (i IN range(0, 59) |
    CREATE (hub)-[:PARTICIPATED_IN {key: '', sourceIds: [], role: 'ATTENDEE'}]->
           (:Entity:Event:Meeting {id: $p + 'event-' + i, name: 'Warmup Meeting ' + i, kind: 'MEETING', aliases: [], sourceIds: [],
                                   date: date({year: 2016 + i % 8, month: 1, day: 10})}))`;

/** The Cypher texts `api` reads with (in read() or query()) while `work` runs. */
async function textsRead(api: RunningApi, work: () => Promise<unknown>): Promise<Set<string>> {
  const texts = new Set<string>();
  const db = api.database;
  const read = db.read.bind(db);
  const query = db.query.bind(db);
  const querySpy = jest.spyOn(db, 'query').mockImplementation((statement, parameters, timeoutMs) => {
    texts.add(statement);
    return query(statement, parameters, timeoutMs);
  });
  const spy = jest.spyOn(db, 'read').mockImplementation((fn) =>
    read((tx) => {
      const run: ManagedTransaction['run'] = (query, parameters) => {
        texts.add(typeof query === 'object' && 'text' in query ? query.text : String(query));
        return tx.run(query, parameters);
      };
      return fn(Object.assign(Object.create(tx) as ManagedTransaction, { run }));
    }),
  );
  try {
    await work();
  } finally {
    spy.mockRestore();
    querySpy.mockRestore();
  }
  return texts;
}

describe("the explorer's query plans, warmed at start", () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await api.database.write((tx) => tx.run(HUB, { p: P }));
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, P);
    await api?.stop();
  });

  it('runs, once the API is ready, every Cypher text that opening a hub in the explorer then sends', async () => {
    const warmed = await api.warmup;
    expect(warmed.failures).toEqual([]);
    const id = `${P}hub`;
    const sent = await textsRead(api, async () => {
      for (const { query, variables } of WARMED_OPERATIONS) await data(api, query, { ...variables, id });
    });
    // Each operation sent its own Cypher (the card's lists come with it, cut in its look-ahead), and the
    // timeline and summary found something to read further.
    expect(sent.size).toBeGreaterThan(WARMED_OPERATIONS.length);
    expect([...sent].filter((text) => !warmed.statements.includes(text))).toEqual([]);
  });

  it('sends what the explorer sends and answers it: a readable hub, cut lists with their counts', async () => {
    const [entity, timeline] = WARMED_OPERATIONS;
    const card = await data<{ node: { peopleCount: number; people: unknown[]; subUnitsCount: number } }>(
      api,
      entity!.query,
      { id: `${P}hub` },
    );
    expect(card.node).toMatchObject({ peopleCount: 30, subUnitsCount: 25 });
    expect(card.node.people).toHaveLength(20);
    const page = await data<{ timelinePage: { totalCount: number; nodes: unknown[] } }>(
      api,
      timeline!.query,
      { ...timeline!.variables, id: `${P}hub` },
    );
    expect(page.timelinePage.totalCount).toBe(60);
    expect(page.timelinePage.nodes).toHaveLength(50);
  });
});
