import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot } from '../helpers/graph.snapshot';

const PREFIX = 'test-names:';
const INGEST = `mutation ($document: JSONObject!) {
  ingestDocument(document: $document) { entities { field id matchedBy } }
}`;

interface Report {
  entities: { field: string; id: string; matchedBy: string | null }[];
}

const source = (name: string, date: string) => ({
  id: `${PREFIX}${name}`,
  publisher: 'test',
  title: `names test ${name}`,
  date,
});

// An example modelled on a ministry that gained a word in its title; the names and dates are made up.
const OLD = 'Names Test Ministry of Education and Science';
const NEW = 'Names Test Ministry of Education, Culture and Science';
const RENAMED_ON = '2016-07-01';

describe('institutions over time', () => {
  let api: RunningApi;
  const ingest = async (document: unknown): Promise<Report> =>
    (await data<{ ingestDocument: Report }>(api, INGEST, { document })).ingestDocument;
  const idOf = (report: Report, field: string): string | undefined =>
    report.entities.find((e) => e.field === field)?.id;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.database.write((tx) =>
      tx.run(
        `MATCH (n) WHERE (n:Entity AND any(s IN n.sourceIds WHERE s STARTS WITH $prefix))
            OR (n:Source AND n.id STARTS WITH $prefix)
         DETACH DELETE n`,
        { prefix: PREFIX },
      ),
    );
    await api?.stop();
  });

  it('keeps one ministry through a rename: the old name is found, resolves to it and is shown as of a date', async () => {
    const before = await ingest({
      source: source('2015', '2015-03-01'),
      institutions: [{ ref: 'm', kind: 'MINISTRY', name: OLD }],
    });
    const ministry = idOf(before, 'institutions[0]') as string;
    const renamed = await ingest({
      source: source('2017', '2017-05-01'),
      institutions: [
        {
          ref: 'm',
          kind: 'MINISTRY',
          name: NEW,
          names: [
            { lang: 'en', value: OLD, until: RENAMED_ON },
            { lang: 'en', value: NEW, since: RENAMED_ON },
          ],
        },
      ],
    });
    expect(idOf(renamed, 'institutions[0]')).toBe(ministry);
    const later = await ingest({
      source: source('2018', '2018-01-01'),
      institutions: [{ ref: 'm', kind: 'MINISTRY', name: OLD }],
    });
    expect(idOf(later, 'institutions[0]')).toBe(ministry);

    const read = await data<{
      institution: {
        name: string;
        then: string;
        since: string;
        names: { lang: string; value: string; since: string | null; until: string | null }[];
        sources: { id: string }[];
      };
      search: { node: { id: string } }[];
    }>(
      api,
      `query ($id: ID!) {
        institution(id: $id) {
          name
          then: name(asOf: "2015-12-31")
          since: name(asOf: "${RENAMED_ON}")
          names { lang value since until }
          sources { id }
        }
        search(query: "Names Test Ministry of Education and Science", kinds: [INSTITUTION]) { node { id } }
      }`,
      { id: ministry },
    );
    expect(read.institution).toEqual({
      name: NEW,
      then: OLD,
      since: NEW,
      names: [
        { lang: 'en', value: OLD, since: null, until: RENAMED_ON },
        { lang: 'en', value: NEW, since: RENAMED_ON, until: null },
      ],
      sources: [{ id: `${PREFIX}2015` }, { id: `${PREFIX}2017` }, { id: `${PREFIX}2018` }],
    });
    expect(read.search.map((hit) => hit.node.id)).toContain(ministry);
  });

  it('links a body to the one that replaced it, readable from both sides', async () => {
    const report = await ingest({
      source: source('succession', '2020-01-01'),
      institutions: [
        { ref: 'old', kind: 'COMMITTEE', name: 'Names Test State Committee for Science' },
        { ref: 'new', kind: 'GOVERNMENT_DEPARTMENT', name: 'Names Test Science Agency' },
      ],
      relationships: [{ from: 'old', type: 'SUCCEEDED_BY', to: 'new', since: '2019-06-01' }],
    });
    const [committee, agency] = [idOf(report, 'institutions[0]'), idOf(report, 'institutions[1]')];
    const read = await data<{
      committee: { succeededBy: { id: string }[]; precededBy: { id: string }[] };
      agency: { succeededBy: { id: string }[]; precededBy: { id: string }[] };
    }>(
      api,
      `query ($committee: ID!, $agency: ID!) {
        committee: institution(id: $committee) { succeededBy { id } precededBy { id } }
        agency: institution(id: $agency) { succeededBy { id } precededBy { id } }
      }`,
      { committee, agency },
    );
    expect(read).toEqual({
      committee: { succeededBy: [{ id: agency }], precededBy: [] },
      agency: { succeededBy: [], precededBy: [{ id: committee }] },
    });
    const stored = await api.database.read((tx) =>
      tx.run(
        `MATCH (:Entity {id: $committee})-[r]-(:Entity {id: $agency}) RETURN type(r) AS type, toString(r.since) AS since`,
        { committee, agency },
      ),
    );
    expect(stored.records.map((r) => r.toObject())).toEqual([{ type: 'SUCCEEDED_BY', since: '2019-06-01' }]);
  });

  it('follows a succession in paths, explained, and lets an editor state one, refusing a cycle', async () => {
    const report = await ingest({
      source: source('succession-path', '2021-06-01'),
      institutions: [
        { ref: 'old', kind: 'COMMITTEE', name: 'Names Test Old Committee' },
        { ref: 'new', kind: 'GOVERNMENT_DEPARTMENT', name: 'Names Test New Agency' },
        { ref: 'newer', kind: 'GOVERNMENT_DEPARTMENT', name: 'Names Test Newer Agency' },
      ],
      people: [
        { ref: 'then', name: 'Names Test Early Chair', positions: [{ institution: 'old', title: 'Chair' }] },
        { ref: 'now', name: 'Names Test Later Head', positions: [{ institution: 'new', title: 'Head' }] },
      ],
      relationships: [{ from: 'old', type: 'SUCCEEDED_BY', to: 'new', since: '2020-03-01' }],
    });
    const [old, agency, newer] = ['institutions[0]', 'institutions[1]', 'institutions[2]'].map((f) =>
      idOf(report, f),
    ) as [string, string, string];
    const [then, now] = [idOf(report, 'people[0]'), idOf(report, 'people[1]')] as [string, string];
    const path = await data<{ shortestPath: { length: number; hops: { explanation: string }[] } }>(
      api,
      `query ($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) { length hops { explanation } } }`,
      { a: then, b: now },
    );
    expect(path.shortestPath.length).toBe(3);
    expect(path.shortestPath.hops[1]?.explanation).toBe(
      'Names Test Old Committee was succeeded by Names Test New Agency in 2020-03-01',
    );

    const link = (from: string, to: string) =>
      graphql<{ link: { id: string } }>(
        api,
        `
          mutation ($from: ID!, $to: ID!, $source: SourceInput!) {
            link(fromId: $from, kind: SUCCEEDED_BY, toId: $to, source: $source) {
              id
            }
          }
        `,
        {
          from,
          to,
          source: { id: `${PREFIX}edit-${from}-${to}`, publisher: 'test', title: 'succession edit' },
        },
      );
    expect((await link(agency, newer)).errors).toBeUndefined();
    const before = await graphSnapshot(api.database);
    const cycle = await link(newer, old);
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toId' });
    expect(cycle.errors?.[0]?.message).toContain('SUCCEEDED_BY would make a cycle');
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  type Names = { lang: string; value: string; since: string | null; until: string | null }[];
  const namesOf = async (id: string) =>
    (
      await data<{ institution: { names: Names; aliases: string[] } }>(
        api,
        `query ($id: ID!) { institution(id: $id) { names { lang value since until } aliases } }`,
        { id },
      )
    ).institution;

  it('adds what a later document says of the names to what is known, losing no name and no date', async () => {
    const first = await ingest({
      source: source('agency-1', '2019-01-01'),
      institutions: [
        {
          id: `${PREFIX}agency`,
          kind: 'GOVERNMENT_DEPARTMENT',
          name: 'Names Test Agency',
          names: [
            { lang: 'en', value: 'Names Test Office', until: '2012-01-01' },
            { lang: 'en', value: 'Names Test Agency', since: '2012-01-01' },
            { lang: 'mn', value: 'Нэрсийн туршилтын агентлаг' },
          ],
        },
      ],
    });
    const agency = idOf(first, 'institutions[0]') as string;
    await ingest({
      source: source('agency-2', '2020-01-01'),
      institutions: [
        {
          id: agency,
          kind: 'GOVERNMENT_DEPARTMENT',
          name: 'Names Test Agency',
          names: [
            // The same name again, now with the date it began: the date fills the gap.
            { lang: 'en', value: 'Names Test Office', since: '2005-03-01' },
            { lang: 'zh', value: '名称测试局' },
            // Another undated Mongolian name: one translation per language, so it is kept as an alias.
            { lang: 'mn', value: 'Нэрсийн туршилтын газар' },
          ],
        },
      ],
    });
    const read = await namesOf(agency);
    expect(read.names).toEqual([
      { lang: 'en', value: 'Names Test Office', since: '2005-03-01', until: '2012-01-01' },
      { lang: 'en', value: 'Names Test Agency', since: '2012-01-01', until: null },
      { lang: 'mn', value: 'Нэрсийн туршилтын агентлаг', since: null, until: null },
      { lang: 'zh', value: '名称测试局', since: null, until: null },
    ]);
    expect(read.aliases).toContain('Нэрсийн туршилтын газар');
  });

  it("keeps both sides' dated names through a merge, and an undated one in a language taken as an alias", async () => {
    const report = await ingest({
      source: source('merge', '2021-01-01'),
      institutions: [
        {
          id: `${PREFIX}keep`,
          kind: 'COMMITTEE',
          name: 'Names Test Council',
          names: [
            { lang: 'en', value: 'Names Test Council', since: '2015-01-01' },
            { lang: 'fr', value: 'Conseil du test des noms' },
          ],
        },
        {
          id: `${PREFIX}dup`,
          kind: 'COMMITTEE',
          name: 'Names Test Board',
          names: [
            { lang: 'en', value: 'Names Test Board', until: '2015-01-01' },
            { lang: 'fr', value: 'Bureau du test des noms' },
          ],
        },
      ],
    });
    const [keep, dup] = [idOf(report, 'institutions[0]'), idOf(report, 'institutions[1]')] as [
      string,
      string,
    ];
    await data(
      api,
      `mutation ($keep: ID!, $dup: ID!) { mergeEntities(keepId: $keep, mergeId: $dup) { mergedId } }`,
      {
        keep,
        dup,
      },
    );
    const read = await namesOf(keep);
    expect(read.names).toEqual([
      { lang: 'en', value: 'Names Test Council', since: '2015-01-01', until: null },
      { lang: 'fr', value: 'Conseil du test des noms', since: null, until: null },
      { lang: 'en', value: 'Names Test Board', since: null, until: '2015-01-01' },
    ]);
    expect(read.aliases).toEqual(expect.arrayContaining(['Names Test Board', 'Bureau du test des noms']));
    const asOf = await data<{ institution: { name: string } }>(
      api,
      `query ($id: ID!) { institution(id: $id) { name(asOf: "2014-06-01") } }`,
      { id: dup },
    );
    expect(asOf.institution.name).toBe('Names Test Board');
  });

  it.each([
    [
      'a name whose until is before its since',
      {
        institutions: [
          {
            ref: 'm',
            kind: 'MINISTRY',
            name: 'Names Test Bad Ministry',
            names: [
              { lang: 'en', value: 'Names Test Bad Ministry', since: '2020-01-01', until: '2019-01-01' },
            ],
          },
        ],
      },
      'institutions[0].names[0].until',
    ],
    [
      'a name date that is no date',
      {
        institutions: [
          {
            ref: 'm',
            kind: 'MINISTRY',
            name: 'Names Test Bad Ministry',
            names: [{ lang: 'en', value: 'Names Test Bad Ministry', since: '2020-02-30' }],
          },
        ],
      },
      'institutions[0].names[0].since',
    ],
    [
      'a succession to a person',
      {
        institutions: [{ ref: 'm', kind: 'MINISTRY', name: 'Names Test Bad Ministry' }],
        people: [{ ref: 'p', name: 'Names Test Person' }],
        relationships: [{ from: 'm', type: 'SUCCEEDED_BY', to: 'p' }],
      },
      'relationships[0]',
    ],
    [
      'a body that succeeds itself',
      {
        institutions: [{ ref: 'm', kind: 'MINISTRY', name: 'Names Test Bad Ministry' }],
        relationships: [{ from: 'm', type: 'SUCCEEDED_BY', to: 'm' }],
      },
      'relationships[0]',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_, body, field) => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, INGEST, {
      document: { source: source('bad', '2020-01-01'), ...body },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String((response.errors?.[0]?.extensions as { field?: string }).field)).toContain(field);
    expect(await graphSnapshot(api.database)).toEqual(before);
  });
});
