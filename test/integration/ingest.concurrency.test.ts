import type { RunningApi } from '../../src/server/api.server';
import { graphql, startTestApi } from '../helpers/api.harness';
import { removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-concurrency:';
const PAIRS = 50;
const INGEST = `mutation ($document: JSONObject!) {
  ingestDocument(document: $document) {
    entities { field id outcome matchedBy }
    uncertain { field id candidates { id } }
  }
}`;

interface Report {
  entities: { field: string; id: string; outcome: string; matchedBy: string | null }[];
  uncertain: { field: string; id: string; candidates: { id: string }[] }[];
}

/**
 * Every run's names are new to the graph; within a run they differ by a number, since resolution folds names that
 * differ only by a doubled letter ("Jabar", "Jabbar") into one key.
 */
const tag = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
  '',
);
const word = (i: number): string => `${tag}${i}`;

const document = (name: string, body: Record<string, unknown>) => ({
  source: { id: `${PREFIX}${tag}-${name}`, publisher: 'test', title: `concurrency test ${name}` },
  ...body,
});

/** A person at an institution of their own, in a country of its own. */
const personAt = (doc: string, person: string, institution: string, country: string) =>
  document(doc, {
    places: [{ ref: 'country', kind: 'COUNTRY', code: country }],
    institutions: [{ ref: 'org', kind: 'ENTERPRISE', name: institution, locatedIn: 'country' }],
    people: [{ ref: 'p', name: person, positions: [{ institution: 'org', title: 'Director' }] }],
  });

describe('concurrent ingests resolve as some sequential order would', () => {
  let api: RunningApi;

  /**
   * Both documents of every pair at once, ten pairs at a time: more would wait for a connection of the pool
   * on a busy machine, and test the pool rather than resolution.
   */
  const ingestPairs = async (pairs: [unknown, unknown][]): Promise<[Report, Report][]> => {
    const reports: [Report, Report][] = [];
    for (let start = 0; start < pairs.length; start += 10) {
      const wave = pairs.slice(start, start + 10);
      const responses = await Promise.all(
        wave.flat().map((doc) => graphql<{ ingestDocument: Report }>(api, INGEST, { document: doc })),
      );
      expect(responses.filter((r) => r.errors)).toEqual([]);
      const done = responses.map((r) => r.data?.ingestDocument as Report);
      reports.push(
        ...wave.map((_, i): [Report, Report] => [done[2 * i] as Report, done[2 * i + 1] as Report]),
      );
    }
    return reports;
  };

  /** The ids of the records a document gives in one list: people, institutions (not their sub-records). */
  const idsOf = (report: Report, list: string): string[] =>
    report.entities.filter((e) => new RegExp(`^${list}\\[\\d+\\]$`).test(e.field)).map((e) => e.id);

  const countNamed = async (label: string, names: string[]): Promise<Map<string, number>> => {
    const counts = await api.database.read((tx) =>
      tx.run(
        `UNWIND $names AS name
         OPTIONAL MATCH (n:Entity) WHERE n.name = name AND $label IN labels(n)
         RETURN name, count(n) AS copies`,
        { names, label },
      ),
    );
    return new Map(counts.records.map((r) => [r.get('name') as string, r.get('copies') as number]));
  };

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    if (api) {
      await api.database.write((tx) =>
        tx.run(`MATCH (n:Entity) WHERE any(s IN n.sourceIds WHERE s STARTS WITH $prefix) DETACH DELETE n`, {
          prefix: PREFIX,
        }),
      );
      await removeByPrefix(api.database, PREFIX);
    }
    await api?.stop();
  });

  it('never merges two new people of one name at unrelated organisations in different countries', async () => {
    const names = Array.from({ length: PAIRS }, (_, i) => `Namesake ${word(i)}`);
    const reports = await ingestPairs(
      names.map((name, i) => [
        personAt(`namesake-${i}-a`, name, `Alpha ${word(i)} Mining`, 'MN'),
        personAt(`namesake-${i}-b`, name, `Beta ${word(i)} Textiles`, 'EG'),
      ]),
    );

    const copies = await countNamed('Person', names);
    expect(names.filter((name) => copies.get(name) !== 2)).toEqual([]);
    for (const [a, b] of reports) {
      const [personA, personB] = [idsOf(a, 'people')[0], idsOf(b, 'people')[0]];
      expect(personA).not.toBe(personB);
      // The one written second saw the first and reports it as a candidate, as a sequential ingest does.
      const flagged = [...a.uncertain, ...b.uncertain].filter((u) => u.field === 'people[0]');
      const reported = flagged.flatMap((u) => u.candidates.map((c) => [u.id, c.id].sort().join(' ')));
      expect(reported).toContain([personA, personB].sort().join(' '));
    }
  });

  it('keeps one person named in two ways at the same organisation', async () => {
    const pairs = Array.from({ length: PAIRS }, (_, i) => {
      const surname = `Samewright${word(i)}`;
      const organisation = `Gamma ${word(i)} Institute`;
      return {
        surname,
        docs: [
          personAt(`initials-${i}-a`, `T. ${surname}`, organisation, 'MN'),
          personAt(`initials-${i}-b`, `Tsolmon ${surname}`, organisation, 'MN'),
        ] as [unknown, unknown],
      };
    });
    const reports = await ingestPairs(pairs.map((p) => p.docs));

    for (const [a, b] of reports) {
      expect(idsOf(a, 'people')).toEqual(idsOf(b, 'people'));
      expect(idsOf(a, 'institutions')).toEqual(idsOf(b, 'institutions'));
    }
    const people = await api.database.read((tx) =>
      tx.run(
        `UNWIND $surnames AS surname
         OPTIONAL MATCH (p:Person) WHERE p.name ENDS WITH surname
         RETURN surname, count(p) AS copies`,
        { surnames: pairs.map((p) => p.surname) },
      ),
    );
    const copies = people.records.map(
      (r) => [r.get('surname') as string, r.get('copies') as number] as const,
    );
    expect(copies.filter(([, n]) => n !== 1)).toEqual([]);
  });

  it('keeps one institution, event and agreement stated by two documents at once', async () => {
    const pairs = Array.from({ length: PAIRS }, (_, i) => {
      const body = (side: string) =>
        document(`shared-${i}-${side}`, {
          institutions: [{ ref: 'org', kind: 'UNIVERSITY', name: `Delta ${word(i)} University` }],
          events: [
            {
              ref: 'e',
              kind: 'MEETING',
              name: `Delta ${word(i)} talks`,
              date: '2024-03-01',
              participants: [{ entity: 'org', role: 'HOST' }],
            },
          ],
          agreements: [
            {
              ref: 'ag',
              name: `Delta ${word(i)} accord`,
              date: '2024-03-01',
              reachedAt: 'e',
              parties: ['org'],
              commitments: [{ text: 'Exchange students' }],
            },
          ],
        });
      return [body('a'), body('b')] as [unknown, unknown];
    });
    const reports = await ingestPairs(pairs);

    for (const [a, b] of reports) {
      for (const field of ['institutions', 'events', 'agreements']) {
        expect(idsOf(a, field)).toHaveLength(1);
        expect(idsOf(a, field)).toEqual(idsOf(b, field));
      }
    }
    const names = (what: string) => Array.from({ length: PAIRS }, (_, i) => `Delta ${word(i)} ${what}`);
    for (const [label, list] of [
      ['Institution', names('University')],
      ['Event', names('talks')],
      ['Agreement', names('accord')],
    ] as const) {
      const copies = await countNamed(label, list);
      expect(list.filter((name) => copies.get(name) !== 1)).toEqual([]);
    }
  });
});
