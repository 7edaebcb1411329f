import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import type { RunningApi } from '../../src/server/api.server';
import { data, startTestApi } from '../helpers/api.harness';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-as-of:';

describe('positions over time', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
    await new DocumentRepository(api.database, maxTraversalDepth()).ingest(
      planDocument({
        source: { id: `${PREFIX}source`, publisher: 'test', title: 'positions over time' },
        institutions: [{ id: `${PREFIX}bureau`, kind: 'GOVERNMENT_DEPARTMENT', name: 'As-of Bureau' }],
        people: [
          {
            id: `${PREFIX}person`,
            name: 'As-of Person',
            positions: [
              {
                institution: `${PREFIX}bureau`,
                title: 'Deputy Director',
                since: '2015-03-01',
                until: '2019-12-31',
              },
              { institution: `${PREFIX}bureau`, title: 'Director', since: '2020-01-01' },
            ],
          },
        ],
      }),
    );
  });

  afterAll(async () => {
    await api?.database.write((tx) =>
      tx.run('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix DETACH DELETE n', {
        prefix: PREFIX,
      }),
    );
    await api?.stop();
  });

  it('answers "as of" a date, from both ends of the position', async () => {
    const query = `query ($asOf: Date) {
      person(id: "${PREFIX}person") { positions(asOf: $asOf) { title since until } }
      institution(id: "${PREFIX}bureau") { people(asOf: $asOf) { title person { name } } }
    }`;
    const all = await data<{ person: { positions: { title: string }[] } }>(api, query);
    expect(all.person.positions.map((p) => p.title)).toEqual(['Deputy Director', 'Director']);

    const in2018 = await data<{
      person: { positions: unknown[] };
      institution: { people: { title: string; person: { name: string } }[] };
    }>(api, query, { asOf: '2018-06-01' });
    expect(in2018.person.positions).toEqual([
      { title: 'Deputy Director', since: '2015-03-01', until: '2019-12-31' },
    ]);
    expect(in2018.institution.people).toEqual([
      { title: 'Deputy Director', person: { name: 'As-of Person' } },
    ]);

    const in2021 = await data<{ person: { positions: { title: string; until: string | null }[] } }>(
      api,
      query,
      {
        asOf: '2021-01-01',
      },
    );
    expect(in2021.person.positions).toEqual([{ title: 'Director', since: '2020-01-01', until: null }]);
  });
});
