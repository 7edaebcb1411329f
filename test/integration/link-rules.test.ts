import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

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
