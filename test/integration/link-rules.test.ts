import { AppError } from '../../src/common/app.errors';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import { checkDocument } from '../../src/ingest/ingest.service';
import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-links:';
const id = (name: string): string => `${PREFIX}${name}`;
const SOURCE = { id: id('source'), publisher: 'test', title: 'link rules test' };

const LINK = `mutation ($from: ID!, $kind: LinkKind!, $to: ID!, $source: SourceInput!) {
  link(fromId: $from, kind: $kind, toId: $to, source: $source) { id }
}`;
const INGEST = `mutation ($document: JSONObject!) { ingestDocument(document: $document) { created } }`;

/** A ministry with a department with an office, a person, a city, two events. */
const GRAPH = {
  source: SOURCE,
  places: [{ id: id('city'), kind: 'CITY', name: 'Link Test City' }],
  institutions: [
    { id: id('ministry'), kind: 'MINISTRY', name: 'Link Test Ministry' },
    {
      id: id('department'),
      kind: 'GOVERNMENT_DEPARTMENT',
      name: 'Link Test Department',
      partOf: id('ministry'),
    },
    { id: id('office'), kind: 'GOVERNMENT_DEPARTMENT', name: 'Link Test Office', partOf: id('department') },
  ],
  people: [{ id: id('person'), name: 'Link Test Person' }],
  events: [
    { id: id('visit'), kind: 'VISIT', name: 'Link Test Visit', date: '2024-01-01' },
    {
      id: id('meeting'),
      kind: 'MEETING',
      name: 'Link Test Meeting',
      date: '2024-01-01',
      partOf: id('visit'),
    },
  ],
};

describe('what links may join', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await data(api, INGEST, { document: GRAPH });
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  /** The error a request answers with (code and field), having checked that it wrote nothing. */
  async function refusal(query: string, variables: Record<string, unknown>): Promise<unknown> {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, query, variables);
    expect(await graphSnapshot(api.database)).toEqual(before);
    const error = response.errors?.[0];
    return { code: error?.extensions?.code, field: error?.extensions?.field };
  }
  const link = (from: string, kind: string, to: string) =>
    refusal(LINK, { from: id(from), kind, to: id(to), source: SOURCE });

  it.each([
    ['person', 'PART_OF', 'ministry', 'fromId'],
    ['ministry', 'PART_OF', 'person', 'toId'],
    ['visit', 'PART_OF', 'ministry', 'toId'],
    ['ministry', 'LOCATED_IN', 'person', 'toId'],
    ['city', 'LOCATED_IN', 'ministry', 'toId'],
    ['ministry', 'MANAGES', 'city', 'toId'],
    ['person', 'OPERATES', 'ministry', 'fromId'],
  ])('refuses %s %s %s (BAD_USER_INPUT on %s), writing nothing', async (from, kind, to, field) => {
    expect(await link(from, kind, to)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a link from an entity to itself, and a PART_OF that closes a cycle', async () => {
    expect(await link('ministry', 'MANAGES', 'ministry')).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'fromId',
    });
    expect(await link('ministry', 'PART_OF', 'office')).toEqual({ code: 'BAD_USER_INPUT', field: 'toId' });
    expect(await link('visit', 'PART_OF', 'meeting')).toEqual({ code: 'BAD_USER_INPUT', field: 'toId' });
  });

  it('keeps every read of the institution working, and still takes the links the rules allow', async () => {
    await link('person', 'PART_OF', 'ministry');
    await data(api, LINK, { from: id('office'), kind: 'MANAGES', to: id('ministry'), source: SOURCE });
    await data(api, LINK, { from: id('visit'), kind: 'LOCATED_IN', to: id('city'), source: SOURCE });
    const read = await data<{ institution: unknown; event: unknown }>(
      api,
      `query ($ministry: ID!, $visit: ID!) {
        institution(id: $ministry) { subUnits { id subUnits { id } } managedBy { id } }
        event(id: $visit) { place { id } }
      }`,
      { ministry: id('ministry'), visit: id('visit') },
    );
    expect(read).toEqual({
      institution: {
        subUnits: [{ id: id('department'), subUnits: [{ id: id('office') }] }],
        managedBy: [{ id: id('office') }],
      },
      event: { place: { id: id('city') } },
    });
  });

  it('holds documents to the same rules: wrong kinds, self-links and cycles, within the document or with the graph', async () => {
    const document = (body: Record<string, unknown>) => ({
      document: { source: { ...SOURCE, id: id('bad-source') }, ...body },
    });
    expect(
      await refusal(
        INGEST,
        document({
          institutions: [{ id: id('unit'), kind: 'COMMITTEE', name: 'Link Test Unit', partOf: id('person') }],
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'institutions[0].partOf' });
    expect(
      await refusal(
        INGEST,
        document({
          people: [{ ref: 'p', name: 'Link Test Someone' }],
          relationships: [{ from: 'p', type: 'PART_OF', to: id('ministry') }],
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'relationships[0].from' });
    // A cycle is refused at the first of its relationships the document states.
    expect(
      await refusal(
        INGEST,
        document({
          institutions: [
            { ref: 'a', kind: 'COMMITTEE', name: 'Link Test A', partOf: 'b' },
            { ref: 'b', kind: 'COMMITTEE', name: 'Link Test B', partOf: 'a' },
          ],
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'institutions[0].partOf' });
    expect(
      await refusal(
        INGEST,
        document({
          institutions: [{ ref: 'top', kind: 'COMMITTEE', name: 'Link Test Top', partOf: id('office') }],
          relationships: [{ from: id('ministry'), type: 'PART_OF', to: 'top' }],
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'institutions[0].partOf' });
    expect(
      await refusal(
        INGEST,
        document({ relationships: [{ from: id('city'), type: 'LOCATED_IN', to: id('city') }] }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'relationships[0].from' });
  });

  it('checks PART_OF cycles again inside the write: a document whose check ran before another write closed the cycle is refused, writing nothing', async () => {
    // The ministry PART_OF its own office: what the check before the transaction would have let through had it
    // run before the office was put under the department. The write is sent as if that check had passed.
    const late = checkDocument(
      {
        source: { id: id('source-late'), publisher: 'test', title: 'late' },
        relationships: [{ from: id('ministry'), type: 'PART_OF', to: id('office') }],
      },
      1_000_000,
    );
    const before = await graphSnapshot(api.database);
    const error = await new DocumentRepository(api.database, maxTraversalDepth())
      .ingest(planDocument(late))
      .catch((e: unknown) => e);
    expect(await graphSnapshot(api.database)).toEqual(before);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'relationships[0].to' } });
    expect((error as AppError).message).toContain(
      `PART_OF would make a cycle: ${id('ministry')} -> ${id('office')} -> ${id('department')} -> ${id('ministry')}`,
    );
  });

  it('two documents sent at once that would close a PART_OF cycle only between them: one lands, the other is refused', async () => {
    const rounds = [1, 2, 3, 4, 5];
    const chain = (round: number, name: string) => ({
      id: id(`race${round}-${name}`),
      kind: 'MINISTRY',
      name: `Race ${round} ${name}`,
    });
    for (const round of rounds) {
      // a PART_OF b, and c PART_OF d; then at once: b PART_OF c, and d PART_OF a.
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => chain(round, name));
      await data(api, INGEST, {
        document: {
          source: { id: id(`race${round}`), publisher: 'test', title: 'race' },
          institutions: [{ ...a, partOf: b?.id }, b, { ...c, partOf: d?.id }, d],
        },
      });
      const close = (from: string, to: string, n: number) =>
        graphql(api, INGEST, {
          document: {
            source: { id: id(`race${round}-${n}`), publisher: 'test', title: 'race' },
            relationships: [{ from, type: 'PART_OF', to }],
          },
        });
      const answers = await Promise.all([
        close(b?.id as string, c?.id as string, 1),
        close(d?.id as string, a?.id as string, 2),
      ]);
      expect(answers.map((r) => r.errors?.[0]?.extensions?.code ?? 'LANDED').sort()).toEqual([
        'BAD_USER_INPUT',
        'LANDED',
      ]);
    }
    const cycles = await api.database.read(
      async (tx) =>
        (
          await tx.run(
            `MATCH (n:Entity)-[:PART_OF*1..10]->(n) WHERE n.id STARTS WITH $prefix RETURN count(n) AS cycles`,
            { prefix: id('race') },
          )
        ).records[0]?.get('cycles') as number,
    );
    expect(cycles).toBe(0);
  });
});

describe('places and their kind', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX + 'place-');
    await api?.stop();
  });

  it('refuses a document place without a kind (BAD_USER_INPUT on places[0].kind), writing nothing', async () => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, INGEST, {
      document: {
        source: { ...SOURCE, id: id('place-source') },
        places: [{ id: id('place-kindless'), name: 'Kindless Town' }],
      },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'places[0].kind',
    });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('reads a place stored without a kind (as earlier versions could write it) as a city', async () => {
    await api.database.write((tx) =>
      tx.run(
        `CREATE (p:Entity:Place {id: $place, name: 'Old Kindless Town', sourceIds: []})
         CREATE (:Entity:Institution:Enterprise {id: $company, name: 'Old Town Company', kind: 'ENTERPRISE', sourceIds: []})-[:LOCATED_IN {key: ''}]->(p)`,
        { place: id('place-old'), company: id('place-company') },
      ),
    );
    const read = await data(
      api,
      `query ($place: ID!, $company: ID!) {
        node(id: $place) { __typename ... on Place { name kind } }
        institution(id: $company) { place { id kind } }
      }`,
      { place: id('place-old'), company: id('place-company') },
    );
    expect(read).toEqual({
      node: { __typename: 'City', name: 'Old Kindless Town', kind: 'CITY' },
      institution: { place: { id: id('place-old'), kind: 'CITY' } },
    });
  });
});
