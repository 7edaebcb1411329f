import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string } }[];
}

const INSTITUTIONS = `query ($filter: InstitutionFilter, $sort: NameSort, $first: Int, $after: String) {
  institutions(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id name } }
  }
}`;

describe('lists for dashboards', () => {
  let api: RunningApi;
  const institutions = async (variables: Record<string, unknown>): Promise<Connection> =>
    (await data<{ institutions: Connection }>(api, INSTITUTIONS, variables)).institutions;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  const MONGOLIAN = [
    'Management Committee of the Mongolian Science and Technology Park',
    'Ministry of Education, Culture, Science, Technology and Sports of Mongolia',
    'Mongolian Science and Technology Park',
    'Science and Technology Policy Department',
  ];

  it('filters institutions by country, sorted by name, with the total', async () => {
    const page = await institutions({ filter: { country: 'mn' } });
    expect(page.totalCount).toBe(4);
    expect(page.edges.map((e) => e.node.name)).toEqual(MONGOLIAN);
    const reversed = await institutions({ filter: { country: 'MN' }, sort: 'NAME_DESC' });
    expect(reversed.edges.map((e) => e.node.name)).toEqual([...MONGOLIAN].reverse());
  });

  it('pages with cursors until the end', async () => {
    const first = await institutions({ filter: { country: 'MN' }, first: 3 });
    expect(first.edges.map((e) => e.node.name)).toEqual(MONGOLIAN.slice(0, 3));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await institutions({
      filter: { country: 'MN' },
      first: 3,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges.map((e) => e.node.name)).toEqual(MONGOLIAN.slice(3));
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.totalCount).toBe(4);
  });

  it('filters by kind, by place (a region covers its cities) and by name or alias', async () => {
    const yinchuan = await institutions({
      filter: { placeId: 'place:region-ningxia', kinds: ['INCUBATOR', 'INNOVATION_CENTER'] },
    });
    expect(yinchuan.edges.map((e) => e.node.id)).toEqual([
      'institution:yinchuan-ibi-incubation-center',
      'institution:yinchuan-zhongguancun-innovation-center',
    ]);
    const byAlias = await institutions({
      filter: { name: 'department of science and technology of ningxia' },
    });
    expect(byAlias.edges.map((e) => e.node.id)).toEqual(['institution:ningxia-st-department']);
  });

  it('filters events by kind and date range, in date order', async () => {
    const result = await data<{ events: { totalCount: number; nodes: { kind: string; date: string }[] } }>(
      api,
      `{ events(filter: { kinds: [INSPECTION], from: "2019-12-01", to: "2019-12-31" }) { totalCount nodes { kind date } } }`,
    );
    expect(result.events.totalCount).toBe(3);
    expect(result.events.nodes.every((e) => e.kind === 'INSPECTION' && e.date === '2019-12-23')).toBe(true);
    const none = await data<{ events: { totalCount: number } }>(
      api,
      `{ events(filter: { kinds: [INSPECTION], from: "2020-01-01" }) { totalCount } }`,
    );
    expect(none.events.totalCount).toBe(0);
  });

  it('lists the people of an institution and of a country', async () => {
    const result = await data<{ a: { nodes: { name: string }[] }; b: { nodes: { name: string }[] } }>(
      api,
      `{
        a: people(filter: { institutionId: "institution:ningxia-st-department" }) { nodes { name } }
        b: people(filter: { country: "MN" }) { nodes { name } }
      }`,
    );
    expect(result.a.nodes.map((p) => p.name)).toEqual(['Chen Fang']);
    expect(result.b.nodes.map((p) => p.name)).toEqual(['Batulzii', 'S. Munkhbat']);
  });

  it.each([
    [{ first: 1000 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ filter: { country: 'XX' } }, 'filter.country'],
    [{ filter: { name: 'x'.repeat(201) } }, 'filter.name'],
  ])('rejects %j with BAD_USER_INPUT naming %s', async (variables, field) => {
    const response = await graphql(api, INSTITUTIONS, variables);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('rejects a malformed date and a range that ends before it starts', async () => {
    const malformed = await graphql(
      api,
      `
        {
          events(filter: { from: "2019-02-30" }) {
            totalCount
          }
        }
      `,
    );
    expect(malformed.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const reversed = await graphql(
      api,
      `
        {
          events(filter: { from: "2020-01-01", to: "2019-01-01" }) {
            totalCount
          }
        }
      `,
    );
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  });
});
