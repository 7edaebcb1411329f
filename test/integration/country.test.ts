import type { RunningApi } from '../../src/server/api.server';
import { data, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-country:';

interface Found {
  id: string;
  country: { code: string } | null;
  countrySource: string | null;
}

/** A department of a ministry states no place: its country is the ministry's, and GraphQL says it is inferred. */
describe('an institution’s country, stated or inferred', () => {
  let api: RunningApi;
  const countries = async (ids: string[]): Promise<Record<string, Found | null>> =>
    data<Record<string, Found | null>>(
      api,
      `{ ${ids.map((id, i) => `i${i}: institution(id: "${id}") { id country { code } countrySource }`).join(' ')} }`,
    );

  beforeAll(async () => {
    api = await startTestApi();
    await data(api, `mutation ($d: JSONObject!) { ingestDocument(document: $d) { created } }`, {
      d: {
        source: { id: `${PREFIX}source`, publisher: 'test', title: 'country test' },
        places: [{ id: `${PREFIX}city`, kind: 'CITY', name: 'Country Test City', in: 'place:country-mn' }],
        institutions: [
          {
            id: `${PREFIX}department`,
            kind: 'GOVERNMENT_DEPARTMENT',
            name: 'Country Test Department',
            partOf: 'institution:mn-mecss',
          },
          {
            id: `${PREFIX}division`,
            kind: 'GOVERNMENT_DEPARTMENT',
            name: 'Country Test Division',
            partOf: `${PREFIX}department`,
          },
          {
            id: `${PREFIX}lab`,
            kind: 'RESEARCH_INSTITUTE',
            name: 'Country Test Lab',
            partOf: `${PREFIX}department`,
            locatedIn: 'place:region-ningxia',
          },
          {
            id: `${PREFIX}school`,
            kind: 'UNIVERSITY',
            name: 'Country Test School',
            locatedIn: `${PREFIX}city`,
          },
          { id: `${PREFIX}orphan`, kind: 'ENTERPRISE', name: 'Country Test Orphan' },
        ],
      },
    });
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('comes from its own place, else from the nearest PART_OF ancestor, and says which', async () => {
    const found = await countries(
      ['department', 'division', 'lab', 'school', 'orphan'].map((name) => `${PREFIX}${name}`),
    );
    expect(
      Object.values(found).map((f) => [f?.id, f?.country?.code ?? null, f?.countrySource ?? null]),
    ).toEqual([
      [`${PREFIX}department`, 'MN', 'INFERRED'],
      [`${PREFIX}division`, 'MN', 'INFERRED'],
      // Its own place wins over its parent's.
      [`${PREFIX}lab`, 'CN', 'STATED'],
      // A city's country is the one it is within.
      [`${PREFIX}school`, 'MN', 'STATED'],
      [`${PREFIX}orphan`, null, null],
    ]);
  });

  it('filters and stats count the same country', async () => {
    const result = await data<{
      mn: { nodes: { id: string }[] };
      cn: { nodes: { id: string }[] };
      stats: { institutionsByCountry: { code: string | null; count: number }[] };
    }>(
      api,
      `{ mn: institutions(filter: { country: "MN" }, first: 100) { nodes { id } }
         cn: institutions(filter: { country: "CN" }, first: 100) { nodes { id } }
         stats { institutionsByCountry { code count } } }`,
    );
    const mn = result.mn.nodes.map((n) => n.id);
    const cn = result.cn.nodes.map((n) => n.id);
    expect(mn).toEqual(
      expect.arrayContaining([`${PREFIX}department`, `${PREFIX}division`, `${PREFIX}school`]),
    );
    expect(mn).not.toContain(`${PREFIX}lab`);
    expect(cn).toContain(`${PREFIX}lab`);
    // The Nigeria working base is part of a Chinese center, but its own place is Nigeria.
    expect(cn).not.toContain('institution:casttc-nigeria-working-base');
    const byCode = new Map(result.stats.institutionsByCountry.map((c) => [c.code, c.count]));
    expect(byCode.get('MN')).toBe(mn.length);
    expect(byCode.get('CN')).toBe(cn.length);
  });

  it('leaves no institution of the seed without a country when an ancestor has one', async () => {
    const stranded = await api.database.read(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Institution)-[:PART_OF*1..6]->(:Institution)-[:LOCATED_IN]->(:Place)
         WHERE NOT i.id STARTS WITH $prefix
         RETURN DISTINCT i.id AS id`,
        { prefix: PREFIX },
      );
      return result.records.map((r) => r.get('id') as string);
    });
    const found = await countries(stranded);
    expect(Object.values(found).filter((f) => f?.country === null)).toEqual([]);
  });
});
