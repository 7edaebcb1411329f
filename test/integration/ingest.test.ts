import fs from 'node:fs';
import path from 'node:path';
import { seedDir } from '../../src/ingest/seed.loader';
import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-ingest:';
const INGEST = `mutation ($document: JSONObject!) {
  ingestDocument(document: $document) {
    sourceId created matched updated relationshipsCreated
    entities { field id outcome matchedBy }
    uncertain { field name id candidates { id name reason } }
  }
}`;

interface Report {
  sourceId: string;
  created: number;
  matched: number;
  updated: number;
  relationshipsCreated: number;
  entities: { field: string; id: string; outcome: string; matchedBy: string | null }[];
  uncertain: {
    field: string;
    name: string;
    id: string;
    candidates: { id: string; name: string; reason: string }[];
  }[];
}

const seedDocument = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(seedDir(), file), 'utf8')) as Record<string, unknown>;

const source = (name: string) => ({
  id: `${PREFIX}${name}`,
  publisher: 'test',
  title: `ingest test ${name}`,
});

describe('ingesting documents', () => {
  let api: RunningApi;
  const ingest = async (document: unknown): Promise<Report> =>
    (await data<{ ingestDocument: Report }>(api, INGEST, { document })).ingestDocument;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('joins the three corpus documents into one graph: Chen Fang and the Ningxia department exist once', async () => {
    const result = await data<{
      chen: { totalCount: number; nodes: { id: string; sources: { id: string }[] }[] };
      department: {
        totalCount: number;
        nodes: { id: string; aliases: string[]; sources: { id: string }[] }[];
      };
      casttc: {
        totalCount: number;
        nodes: { parent: { id: string }; people: { title: string; person: { name: string } }[] }[];
      };
    }>(
      api,
      `{
        chen: people(filter: { name: "chen fang" }) { totalCount nodes { id sources { id } } }
        department: institutions(filter: { name: "science and technology department of ningxia" }) {
          totalCount nodes { id aliases sources { id } }
        }
        casttc: institutions(filter: { name: "China-Arab States Technology Transfer Center" }) {
          totalCount nodes { parent { id } people { title person { name } } }
        }
      }`,
    );
    expect(result.chen.totalCount).toBe(1);
    expect(result.chen.nodes[0]?.id).toBe('person:chen-fang');
    expect(result.chen.nodes[0]?.sources.map((s) => s.id).sort()).toEqual([
      'source:casttc-article-00001083',
      'source:casttc-case-1600',
    ]);
    expect(result.department.totalCount).toBe(1);
    expect(result.department.nodes[0]?.id).toBe('institution:ningxia-st-department');
    expect(result.department.nodes[0]?.sources.map((s) => s.id).sort()).toEqual([
      'source:casttc-article-00001083',
      'source:casttc-case-1600',
    ]);
    expect(result.casttc.totalCount).toBe(1);
    expect(result.casttc.nodes[0]).toEqual({
      parent: { id: 'institution:ningxia-st-department' },
      people: [{ title: 'Director', person: { name: 'Li Guofeng' } }],
    });
  });

  it('5. shows which institutions Chen Fang is connected to across documents, and through which events', async () => {
    const result = await data<{
      person: {
        positions: { title: string; institution: { id: string }; sources: { id: string }[] }[];
        events: {
          role: string;
          event: {
            id: string;
            date: string;
            participants: { role: string; participant: { __typename: string; id: string } }[];
          };
          sources: { id: string }[];
        }[];
      };
    }>(
      api,
      `{
        person(id: "person:chen-fang") {
          positions { title institution { id } sources { id } }
          events {
            role
            sources { id }
            event { id date participants { role participant { __typename id } } }
          }
        }
      }`,
    );
    expect(
      result.person.positions.map((p) => [p.title, p.institution.id, p.sources.map((s) => s.id)]),
    ).toEqual([
      ['Deputy Director', 'institution:ningxia-st-department', ['source:casttc-article-00001083']],
      ['Deputy Director-General', 'institution:ningxia-st-department', ['source:casttc-case-1600']],
    ]);
    const institutionsThrough = result.person.events.map((e) => ({
      event: e.event.id,
      date: e.event.date,
      role: e.role,
      source: e.sources.map((s) => s.id),
      institutions: e.event.participants
        .filter((p) => p.participant.__typename !== 'Person')
        .map((p) => [p.participant.id, p.role])
        .sort(),
    }));
    expect(institutionsThrough).toEqual([
      {
        event: 'event:2019-12-23-ningxia-mongolia-meeting',
        date: '2019-12-23',
        role: 'HOST',
        source: ['source:casttc-article-00001083'],
        institutions: [
          ['institution:china-mongolia-ttc', 'ACCOMPANYING'],
          ['institution:mn-mecss-st-policy-department', 'DELEGATION_LEAD'],
          ['institution:mn-st-park-management-committee', 'DELEGATION_LEAD'],
          ['institution:ningxia-st-cooperation-division', 'ATTENDEE'],
          ['institution:ningxia-st-department', 'HOST'],
          ['institution:ningxia-st-exchange-center', 'ATTENDEE'],
        ],
      },
      {
        event: 'event:2020-08-10-beautiful-doha-signing',
        date: '2020-08-10',
        role: 'ATTENDEE',
        source: ['source:casttc-case-1600'],
        institutions: [
          ['institution:huaxin-guolian-beijing', 'SIGNATORY'],
          ['institution:ningxia-university', 'SIGNATORY'],
          ['institution:qatar-naaas-group', 'SIGNATORY'],
        ],
      },
    ]);
  });

  it('changes nothing when a document is ingested again', async () => {
    const before = await graphSnapshot(api.database);
    const report = await ingest(seedDocument('casttc-2020-08-10-beautiful-doha.json'));
    expect(report).toMatchObject({
      sourceId: 'source:casttc-case-1600',
      created: 0,
      updated: 0,
      relationshipsCreated: 0,
    });
    expect(report.matched).toBe(report.entities.length);
    expect(report.uncertain).toEqual([]);
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  const valid = () => ({
    source: source('bad'),
    institutions: [{ ref: 'a', kind: 'ENTERPRISE', name: 'Bad Batch Company' }],
    people: [{ ref: 'p', name: 'Bad Batch Person', positions: [{ institution: 'a', title: 'Chairman' }] }],
  });

  it.each([
    [
      'an unknown kind',
      (d: ReturnType<typeof valid>) => ({ ...d, institutions: [{ ...d.institutions[0], kind: 'PLANET' }] }),
      'institutions[0].kind',
    ],
    [
      'a malformed date',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        people: [{ ...d.people[0], positions: [{ institution: 'a', title: 'x', since: '2020-02-30' }] }],
      }),
      'people[0].positions[0].since',
    ],
    [
      'an end before its start',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        people: [
          {
            ...d.people[0],
            positions: [{ institution: 'a', title: 'x', since: '2020-01-02', until: '2020-01-01' }],
          },
        ],
      }),
      'people[0].positions[0].until',
    ],
    [
      'a dangling reference',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        people: [{ ...d.people[0], positions: [{ institution: 'nowhere', title: 'x' }] }],
      }),
      'people[0].positions[0].institution',
    ],
    [
      'an oversize field',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        institutions: [{ ...d.institutions[0], name: 'x'.repeat(501) }],
      }),
      'institutions[0].name',
    ],
    [
      'an unknown field',
      (d: ReturnType<typeof valid>) => ({ ...d, institutions: [{ ...d.institutions[0], colour: 'red' }] }),
      'institutions[0].colour',
    ],
    [
      'a document over the size limit',
      (d: ReturnType<typeof valid>) => ({
        ...d,
        frameworks: Array.from({ length: 300 }, (_, i) => ({
          ref: `f${i}`,
          name: `Framework ${i}`,
          description: 'x'.repeat(4000),
        })),
      }),
      'document',
    ],
  ])('rejects a document with %s, naming the field, and writes nothing', async (_, spoil, field) => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, INGEST, { document: spoil(valid()) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message).toContain(field);
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('writes nothing when a reference to the graph fails inside the transaction', async () => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, INGEST, {
      document: {
        ...valid(),
        relationships: [{ from: 'a', type: 'PART_OF', to: 'institution:does-not-exist' }],
      },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'relationships[0].to',
    });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('recognises a person by initials with the organisation as context, and reports one without it', async () => {
    await ingest({
      source: source('initials-1'),
      institutions: [{ id: `${PREFIX}bureau`, kind: 'GOVERNMENT_DEPARTMENT', name: 'Initials Test Bureau' }],
      people: [
        {
          id: `${PREFIX}b-tsetseg`,
          name: 'B. Tsetsegmaa',
          positions: [{ institution: `${PREFIX}bureau`, title: 'Director' }],
        },
      ],
    });
    const withContext = await ingest({
      source: source('initials-2'),
      people: [
        {
          ref: 'p',
          name: 'Bolormaa Tsetsegmaa',
          positions: [{ institution: `${PREFIX}bureau`, title: 'Director' }],
        },
      ],
    });
    expect(withContext.entities).toEqual([
      {
        field: 'people[0]',
        id: `${PREFIX}b-tsetseg`,
        outcome: 'UPDATED',
        matchedBy: 'name by initials, same organisation',
      },
    ]);
    const person = await data<{ person: { aliases: string[]; sources: { id: string }[] } }>(
      api,
      `{ person(id: "${PREFIX}b-tsetseg") { aliases sources { id } } }`,
    );
    expect(person.person.aliases).toContain('Bolormaa Tsetsegmaa');
    expect(person.person.sources.map((s) => s.id).sort()).toEqual([
      `${PREFIX}initials-1`,
      `${PREFIX}initials-2`,
    ]);

    const withoutContext = await ingest({
      source: source('initials-3'),
      people: [{ ref: 'p', name: 'Baigal Tsetsegmaa' }],
    });
    expect(withoutContext.created).toBe(1);
    expect(withoutContext.uncertain).toEqual([
      {
        field: 'people[0]',
        name: 'Baigal Tsetsegmaa',
        id: withoutContext.entities[0]?.id,
        candidates: [
          {
            id: `${PREFIX}b-tsetseg`,
            name: 'B. Tsetsegmaa',
            reason: 'name differs by initials, no organisation in common',
          },
        ],
      },
    ]);
    const again = await ingest({
      source: source('initials-3'),
      people: [{ ref: 'p', name: 'Baigal Tsetsegmaa' }],
    });
    expect(again).toMatchObject({ created: 0, updated: 0, uncertain: [] });
    expect(again.entities[0]?.id).toBe(withoutContext.entities[0]?.id);
  });

  it('keeps two mentions of one document with the same name apart', async () => {
    const report = await ingest({
      source: source('twins'),
      places: [{ ref: 'cn', kind: 'COUNTRY', code: 'CN' }],
      institutions: [
        {
          ref: 'a',
          kind: 'GOVERNMENT_DEPARTMENT',
          name: 'Twin Test International Cooperation Department',
          locatedIn: 'cn',
        },
        { ref: 'b', kind: 'GOVERNMENT_DEPARTMENT', name: 'Twin Test International Cooperation Department' },
      ],
    });
    const ids = report.entities.filter((e) => e.field.startsWith('institutions')).map((e) => e.id);
    expect(new Set(ids).size).toBe(2);
    await api.database.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids }));
  });

  it('matches a department named in other words where the country agrees, and leaves the rest for review', async () => {
    const told = (name: string, body: Record<string, unknown>) => ({
      source: source(`variants-${name}`),
      ...body,
    });
    const first = await ingest(
      told('one', {
        places: [{ ref: 'cn', kind: 'COUNTRY', code: 'CN' }],
        institutions: [
          {
            ref: 'd',
            kind: 'GOVERNMENT_DEPARTMENT',
            name: 'Qinghai Variant Science and Technology Department',
            locatedIn: 'cn',
          },
        ],
        events: [
          {
            ref: 'e',
            kind: 'MEETING',
            name: 'Qinghai variant talks',
            date: '2021-04-04',
            participants: [{ entity: 'd', role: 'HOST' }],
          },
        ],
      }),
    );
    const department = first.entities.find((e) => e.field === 'institutions[0]')?.id as string;
    const event = first.entities.find((e) => e.field === 'events[0]')?.id as string;

    const second = await ingest(
      told('two', {
        places: [{ ref: 'cn', kind: 'COUNTRY', code: 'CN' }],
        institutions: [
          {
            ref: 'd',
            kind: 'GOVERNMENT_DEPARTMENT',
            name: 'Department of Science and Technology of Qinghai Variant',
            locatedIn: 'cn',
          },
        ],
        events: [
          {
            ref: 'e',
            kind: 'MEETING',
            name: 'Meeting held by the Qinghai variant department',
            date: '2021-04-04',
            participants: [{ entity: 'd', role: 'HOST' }],
          },
        ],
      }),
    );
    expect(second.entities.find((e) => e.field === 'institutions[0]')).toMatchObject({
      id: department,
      matchedBy: 'same name but for word order, qualifiers or spelling, same parent, country or place',
    });
    const toldTwice = second.uncertain.find((u) => u.field === 'events[0]');
    expect(toldTwice?.candidates).toEqual([
      { id: event, name: 'Qinghai variant talks', reason: 'same kind and date, 1 participant in common' },
    ]);

    const third = await ingest(
      told('three', {
        institutions: [
          {
            ref: 'd',
            kind: 'GOVERNMENT_DEPARTMENT',
            name: 'Science and Technology Department of Qinghai Variant',
          },
        ],
      }),
    );
    const unsure = third.uncertain.find((u) => u.field === 'institutions[0]');
    expect(unsure?.candidates).toEqual([
      {
        id: department,
        name: 'Qinghai Variant Science and Technology Department',
        reason: 'same name but for word order, qualifiers or spelling',
      },
    ]);
    const pairs = await api.database.read((tx) =>
      tx.run(
        `MATCH (c:ResolutionCandidate) WHERE c.a IN $ids OR c.b IN $ids
         RETURN c.category AS category, c.status AS status, c.score AS score ORDER BY category`,
        { ids: [department, event] },
      ),
    );
    expect(pairs.records.map((r) => r.toObject())).toEqual([
      { category: 'Event', status: 'OPEN', score: 1 },
      { category: 'Institution', status: 'OPEN', score: 0.95 },
    ]);
    await api.database.write((tx) =>
      tx.run(
        `MATCH (c:ResolutionCandidate) WHERE c.a IN $ids OR c.b IN $ids DETACH DELETE c
         WITH count(*) AS done
         MATCH (n:Entity) WHERE any(s IN n.sourceIds WHERE s STARTS WITH $prefix) DETACH DELETE n`,
        { ids: [department, event], prefix: `${PREFIX}variants-` },
      ),
    );
  });

  it('makes one event, with both sources, of a meeting two documents tell with two participants in common', async () => {
    const told = (name: string, event: string, kind = 'MEETING') => ({
      source: source(`told-twice-${name}`),
      institutions: [
        { ref: 'a', kind: 'UNIVERSITY', name: 'Told Twice Test University' },
        { ref: 'b', kind: 'ENTERPRISE', name: 'Told Twice Test Company' },
      ],
      events: [
        {
          ref: 'e',
          kind,
          name: event,
          date: '2023-03-03',
          participants: [
            { entity: 'a', role: 'HOST' },
            { entity: 'b', role: 'ATTENDEE' },
          ],
        },
      ],
    });
    const first = await ingest(told('one', 'Talks between the university and the company'));
    const event = first.entities.find((e) => e.field === 'events[0]')?.id as string;
    const second = await ingest(told('two', 'Told twice test company visits the university'));
    expect(second.entities.find((e) => e.field === 'events[0]')).toMatchObject({
      id: event,
      matchedBy: 'same kind and date, 2 participants in common',
    });
    expect(second.uncertain).toEqual([]);
    const again = await ingest(told('two', 'Told twice test company visits the university'));
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect(again.entities.find((e) => e.field === 'events[0]')?.id).toBe(event);
    // Another kind of event on that day with the same parties is another event.
    const signing = await ingest(told('three', 'Told twice test signing', 'SIGNING'));
    expect(signing.entities.find((e) => e.field === 'events[0]')?.id).not.toBe(event);

    const read = await data<{
      event: {
        name: string;
        aliases: string[];
        sources: { id: string }[];
        participants: { participant: { name: string }; sources: { id: string }[] }[];
      };
    }>(
      api,
      `query ($id: ID!) {
        event(id: $id) { name aliases sources { id } participants { participant { name } sources { id } } }
      }`,
      { id: event },
    );
    expect(read.event).toEqual({
      name: 'Talks between the university and the company',
      aliases: ['Told twice test company visits the university'],
      sources: [{ id: `${PREFIX}told-twice-one` }, { id: `${PREFIX}told-twice-two` }],
      participants: [
        {
          participant: { name: 'Told Twice Test Company' },
          sources: [{ id: `${PREFIX}told-twice-one` }, { id: `${PREFIX}told-twice-two` }],
        },
        {
          participant: { name: 'Told Twice Test University' },
          sources: [{ id: `${PREFIX}told-twice-one` }, { id: `${PREFIX}told-twice-two` }],
        },
      ],
    });
    await api.database.write((tx) =>
      tx.run('MATCH (n:Entity) WHERE any(s IN n.sourceIds WHERE s STARTS WITH $prefix) DETACH DELETE n', {
        prefix: `${PREFIX}told-twice-`,
      }),
    );
  });

  it('keeps a merged event and agreement merged when their document is ingested again', async () => {
    const told = (name: string) => ({
      source: source(`merged-event-${name}`),
      institutions: [{ ref: 'org', kind: 'UNIVERSITY', name: 'Merged Event Test University' }],
      events: [
        {
          ref: 'e',
          kind: 'MEETING',
          name: `Merged event test ${name}`,
          date: '2022-05-05',
          participants: [{ entity: 'org', role: 'HOST' }],
        },
      ],
      agreements: [
        {
          ref: 'ag',
          name: `Merged agreement test ${name}`,
          date: '2022-05-05',
          reachedAt: 'e',
          commitments: [{ text: 'Cooperate' }],
        },
      ],
    });
    const [first, second] = [await ingest(told('one')), await ingest(told('two'))];
    const idOf = (report: Report, field: string) => report.entities.find((e) => e.field === field)?.id;
    for (const field of ['events[0]', 'agreements[0]']) {
      await data(
        api,
        `mutation ($keep: ID!, $drop: ID!) { mergeEntities(keepId: $keep, mergeId: $drop) { mergedId } }`,
        {
          keep: idOf(second, field),
          drop: idOf(first, field),
        },
      );
    }

    const again = await ingest(told('one'));
    expect(again.entities.filter((e) => e.field === 'events[0]' || e.field === 'agreements[0]')).toEqual([
      expect.objectContaining({ id: idOf(second, 'events[0]'), matchedBy: 'merged id' }),
      expect.objectContaining({ id: idOf(second, 'agreements[0]'), matchedBy: 'merged id' }),
    ]);
    const copies = await api.database.read((tx) =>
      tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n', {
        ids: [idOf(first, 'events[0]'), idOf(first, 'agreements[0]')],
      }),
    );
    expect(copies.records[0]?.get('n')).toBe(0);
    await api.database.write((tx) =>
      tx.run('MATCH (n:Entity) WHERE n.name STARTS WITH $prefix DETACH DELETE n', { prefix: 'Merged ' }),
    );
  });

  it('leaves no duplicate after 50 concurrent ingests of overlapping documents', async () => {
    const documents = Array.from({ length: 50 }, (_, i) => ({
      source: source(`concurrent-${i}`),
      places: [{ ref: 'country', kind: 'COUNTRY', code: 'OM' }],
      institutions: [
        { ref: 'hub', kind: 'ENTERPRISE', name: 'Concurrency Hub Holdings', locatedIn: 'country' },
      ],
      people: [
        { ref: 'p', name: 'Zhang Concurrency', positions: [{ institution: 'hub', title: 'Chairman' }] },
      ],
      events: [
        {
          ref: 'e',
          kind: 'MEETING',
          name: `Concurrency meeting ${i % 5}`,
          date: '2023-01-01',
          participants: [
            { entity: 'p', role: 'HOST' },
            { entity: 'hub', role: 'HOST' },
          ],
        },
      ],
    }));
    const responses = await Promise.all(
      documents.map((document) => graphql<{ ingestDocument: Report }>(api, INGEST, { document })),
    );
    expect(responses.filter((r) => r.errors)).toEqual([]);

    const counts = await api.database.read(async (tx) => {
      const result = await tx.run(
        `MATCH (n:Entity) WHERE n.name IN ['Concurrency Hub Holdings', 'Zhang Concurrency'] OR n.name STARTS WITH 'Concurrency meeting'
         RETURN n.name AS name, count(*) AS copies, size(n.sourceIds) AS sources ORDER BY name`,
      );
      return result.records.map((r) => r.toObject());
    });
    expect(counts).toEqual([
      { name: 'Concurrency Hub Holdings', copies: 1, sources: 50 },
      ...[0, 1, 2, 3, 4].map((i) => ({ name: `Concurrency meeting ${i}`, copies: 1, sources: 10 })),
      { name: 'Zhang Concurrency', copies: 1, sources: 50 },
    ]);
    const positions = await data<{ people: { nodes: { positions: { title: string }[] }[] } }>(
      api,
      `{ people(filter: { name: "Zhang Concurrency" }) { nodes { positions { title } } } }`,
    );
    expect(positions.people.nodes).toEqual([{ positions: [{ title: 'Chairman' }] }]);
    await api.database.write((tx) =>
      tx.run(
        `MATCH (n:Entity) WHERE n.name IN ['Concurrency Hub Holdings', 'Zhang Concurrency'] OR n.name STARTS WITH 'Concurrency meeting'
         DETACH DELETE n`,
      ),
    );
  });
});
