import type { IngestDocument } from '../../src/ingest/document.types';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import type { RunningApi } from '../../src/server/api.server';
import { data, startTestApi } from '../helpers/api.harness';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-look-ahead-keys:';
const HUB = `${PREFIX}hub`;
const GUEST = `${PREFIX}guest`;
const UNIT = `${PREFIX}unit`;

/** A renamed institution with a renamed unit, a person with aliases and names in another language, and a meeting of both. */
const fixture: IngestDocument = {
  source: { id: `${PREFIX}source`, publisher: 'test', title: 'look-ahead keys fixture' },
  institutions: [
    {
      id: HUB,
      kind: 'ENTERPRISE',
      name: 'Keys Hub Group',
      acronym: 'KHG',
      names: [
        { lang: 'en', value: 'Keys Hub Works', until: '2015-12-31' },
        { lang: 'en', value: 'Keys Hub Group', since: '2016-01-01' },
      ],
    },
    {
      id: UNIT,
      kind: 'GOVERNMENT_DEPARTMENT',
      name: 'Keys Lab',
      acronym: 'KL',
      partOf: HUB,
      names: [
        { lang: 'en', value: 'Keys Workshop', until: '2015-12-31' },
        { lang: 'en', value: 'Keys Lab', since: '2016-01-01' },
      ],
    },
  ],
  people: [
    {
      id: GUEST,
      name: 'Guest Keyholder',
      aliases: ['G. Keyholder'],
      names: [{ lang: 'zh', value: '客人' }],
      positions: [{ institution: HUB, title: 'Adviser', since: '2018-01-01' }],
    },
  ],
  events: [
    {
      id: `${PREFIX}meeting`,
      kind: 'MEETING',
      name: 'Keys meeting',
      date: '2020-05-01',
      participants: [
        { entity: HUB, role: 'HOST' },
        { entity: GUEST, role: 'ATTENDEE' },
      ],
    },
  ],
};

/** The guest as a selection of its properties reads it. */
const GUEST_READ = {
  id: GUEST,
  name: 'Guest Keyholder',
  aliases: ['G. Keyholder'],
  names: [{ lang: 'zh', value: '客人' }],
};

interface Person {
  id?: string;
  name?: string;
  aliases?: string[];
  names?: { lang: string; value: string }[];
  sources?: { id: string }[];
}

describe('the look-ahead reads of each node what its own selection reads, and every answer is whole', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await new DocumentRepository(api.database, maxTraversalDepth()).ingest(planDocument(fixture));
  });

  afterAll(async () => {
    await api?.database.write((tx) =>
      tx.run('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix DETACH DELETE n', {
        prefix: PREFIX,
      }),
    );
    await api?.stop();
  });

  it('answers a person reached under two selections with what each asks, in one query', async () => {
    const before = api.database.queryCount;
    const found = await data<{
      institution: {
        people: { person: Person }[];
        events: { event: { participants: { role: string; participant: Person }[] } }[];
      };
    }>(
      api,
      `query ($id: ID!) { institution(id: $id) {
        people(first: 5) { person { name } }
        events(first: 5) { event { participants(first: 5) { role participant {
          ... on Person { id name aliases names { lang value } } } } } } } }`,
      { id: HUB },
    );
    // Both selections were read ahead: the person read under each carries what both read.
    expect(api.database.queryCount - before).toBe(1);
    expect(found.institution.people).toEqual([{ person: { name: 'Guest Keyholder' } }]);
    const attendee = found.institution.events[0]?.event.participants.find((p) => p.role === 'ATTENDEE');
    expect(attendee?.participant).toEqual(GUEST_READ);
  });

  it('answers nodes the look-ahead read for a narrower selection whole where a deeper one asks more', async () => {
    // The hub's people and units are read ahead for their names; five reads down (past the look-ahead's depth)
    // the same lists of the same hub are asked again, for more of each person, position and unit.
    const around = (selection: string) =>
      `subUnits(first: 2) { parent { subUnits(first: 2) { parent { ${selection} } } } }`;
    const found = await data<{
      institution: { people: { person: Person }[]; units: unknown[]; subUnits: unknown[] };
    }>(
      api,
      `query ($id: ID!) { institution(id: $id) {
        people { person { name } }
        units: subUnits { name }
        ${around(`people(first: 2) { title since person { id name aliases names { lang value } sources(first: 2) { id } } }
          subUnits(first: 2) { acronym then: name(asOf: "2010-06-01") now: name }`)} } }`,
      { id: HUB },
    );
    expect(found.institution.people).toEqual([{ person: { name: 'Guest Keyholder' } }]);
    expect(found.institution.units).toEqual([{ name: 'Keys Lab' }]);
    const hub = {
      people: [
        {
          title: 'Adviser',
          since: '2018-01-01',
          person: { ...GUEST_READ, sources: [{ id: `${PREFIX}source` }] },
        },
      ],
      subUnits: [{ acronym: 'KL', then: 'Keys Workshop', now: 'Keys Lab' }],
    };
    const aroundAnswer = (parent: unknown) => [{ parent: { subUnits: [{ parent }] } }];
    expect(found.institution.subUnits).toEqual(aroundAnswer(hub));
  });

  it("reads a place's type from its kind where no label says it, whatever else its selection reads", async () => {
    const [place, company] = [`${PREFIX}place-unlabelled`, `${PREFIX}place-company`];
    await api.database.write((tx) =>
      tx.run(
        `CREATE (p:Entity:Place {id: $place, name: 'Unlabelled Region', kind: 'REGION', sourceIds: []})
         CREATE (:Entity:Institution:Enterprise {id: $company, name: 'Region Company', kind: 'ENTERPRISE',
           sourceIds: []})-[:LOCATED_IN {key: ''}]->(p)`,
        { place, company },
      ),
    );
    const read = await data(
      api,
      `query ($company: ID!) { institution(id: $company) { place { __typename name } } }`,
      { company },
    );
    expect(read).toEqual({ institution: { place: { __typename: 'Region', name: 'Unlabelled Region' } } });
  });
});
