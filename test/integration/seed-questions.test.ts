import type { RunningApi } from '../../src/server/api.server';
import { data, startTestApi } from '../helpers/api.harness';

/** Questions 1-4, 7 and 8 of shared/corpus/README.md, asked of the seed article through GraphQL. */
describe('the seed article through GraphQL', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  const VISIT = 'event:2019-12-23-mongolian-delegation-visits-ningxia';
  const MEETING = 'event:2019-12-23-ningxia-mongolia-meeting';

  it('1. names who led the Mongolian delegation, with their positions and institutions', async () => {
    const result = await data<{
      event: {
        date: string;
        participants: {
          role: string;
          capacity: string | null;
          participant: { __typename: string; name: string; positions?: unknown[] };
        }[];
      };
    }>(
      api,
      `query ($id: ID!) {
        event(id: $id) {
          date
          participants(roles: [DELEGATION_LEAD, ACCOMPANYING]) {
            role
            capacity
            participant {
              __typename
              name
              ... on Person {
                positions(asOf: "2019-12-23") {
                  title
                  institution { name kind parent { name } country { code name } }
                }
              }
            }
          }
        }
      }`,
      { id: VISIT },
    );
    expect(result.event.date).toBe('2019-12-23');
    const people = result.event.participants.filter((p) => p.participant.__typename === 'Person');
    const institutions = result.event.participants.filter((p) => p.participant.__typename !== 'Person');
    expect(institutions.map((p) => [p.role, p.participant.name, p.capacity])).toEqual([
      ['ACCOMPANYING', 'China-Mongolia Technology Transfer Center', 'represented by its director Chaoketu'],
      [
        'DELEGATION_LEAD',
        'Management Committee of the Mongolian Science and Technology Park',
        'represented by its director Batulzii',
      ],
      [
        'DELEGATION_LEAD',
        'Science and Technology Policy Department',
        'represented by its director S. Munkhbat',
      ],
    ]);
    expect(
      people.map((p) => ({
        role: p.role,
        participant: { name: p.participant.name, positions: p.participant.positions },
      })),
    ).toEqual([
      {
        role: 'DELEGATION_LEAD',
        participant: {
          name: 'Batulzii',
          positions: [
            {
              title: 'Director',
              institution: {
                name: 'Management Committee of the Mongolian Science and Technology Park',
                kind: 'COMMITTEE',
                parent: null,
                country: { code: 'MN', name: 'Mongolia' },
              },
            },
          ],
        },
      },
      {
        role: 'ACCOMPANYING',
        participant: {
          name: 'Chaoketu',
          positions: [
            {
              title: 'Director',
              institution: {
                name: 'China-Mongolia Technology Transfer Center',
                kind: 'TRANSFER_CENTER',
                parent: null,
                country: null,
              },
            },
          ],
        },
      },
      {
        role: 'DELEGATION_LEAD',
        participant: {
          name: 'S. Munkhbat',
          positions: [
            {
              title: 'Director',
              institution: {
                name: 'Science and Technology Policy Department',
                kind: 'GOVERNMENT_DEPARTMENT',
                parent: {
                  name: 'Ministry of Education, Culture, Science, Technology and Sports of Mongolia',
                },
                country: { code: 'MN', name: 'Mongolia' },
              },
            },
          ],
        },
      },
    ]);
  });

  it('2. names who received the delegation and who else attended the meeting, in what role', async () => {
    const result = await data<{
      event: {
        kind: string;
        parentEvent: { id: string };
        participants: {
          role: string;
          capacity: string | null;
          participant: { __typename: string; name: string };
        }[];
      };
    }>(
      api,
      `query ($id: ID!) {
        event(id: $id) {
          kind
          parentEvent { id }
          participants { role capacity participant { __typename name } }
        }
      }`,
      { id: MEETING },
    );
    expect(result.event.kind).toBe('MEETING');
    expect(result.event.parentEvent.id).toBe(VISIT);
    const byRole = (role: string) =>
      result.event.participants
        .filter((p) => p.role === role)
        .map((p) => [p.participant.__typename, p.participant.name, p.capacity]);
    expect(byRole('HOST')).toEqual([
      ['Person', 'Chen Fang', 'received the delegation and held the meeting'],
      [
        'GovernmentDepartment',
        'Science and Technology Department of Ningxia',
        'received the delegation through its deputy director Chen Fang',
      ],
    ]);
    expect(byRole('ATTENDEE')).toEqual([
      ['ServiceCenter', 'Ningxia Science and Technology Exchange Center', 'the person in charge'],
      ['GovernmentDepartment', 'Science and Technology Cooperation Division', 'relevant comrades'],
    ]);
    const chenFang = await data<{
      person: { positions: { title: string; institution: { name: string } }[] };
    }>(api, `{ person(id: "person:chen-fang") { positions { title institution { name } sources { id } } } }`);
    expect(chenFang.person.positions).toContainEqual({
      title: 'Deputy Director',
      institution: { name: 'Science and Technology Department of Ningxia' },
      sources: [{ id: 'source:casttc-article-00001083' }],
    });
  });

  it('3. gives all four commitments in order, the framework, and the platform they concern', async () => {
    const result = await data<{
      event: {
        agreements: {
          areas: string[];
          framework: { name: string; parties: { name: string }[] };
          parties: { name: string }[];
          commitments: {
            order: number;
            text: string;
            concerns: { name: string }[];
            framework: { name: string } | null;
          }[];
        }[];
      };
    }>(
      api,
      `query ($id: ID!) {
        event(id: $id) {
          agreements {
            areas
            framework { name parties { name } }
            parties { name }
            commitments { order text concerns { name } framework { name } }
          }
        }
      }`,
      { id: MEETING },
    );
    expect(result.event.agreements).toHaveLength(1);
    const [agreement] = result.event.agreements;
    expect(agreement?.framework.name).toBe(
      'Comprehensive cooperation between the Ministries of Science and Technology of China and Mongolia',
    );
    expect(agreement?.framework.parties.map((p) => p.name).sort()).toEqual([
      'Ministry of Education, Culture, Science, Technology and Sports of Mongolia',
      "Ministry of Science and Technology of the People's Republic of China",
    ]);
    expect(agreement?.areas).toEqual([
      'technology transfer platform construction',
      'science and technology parks',
      'friendly provinces',
    ]);
    expect(agreement?.parties.map((p) => p.name).sort()).toEqual([
      'Management Committee of the Mongolian Science and Technology Park',
      'Science and Technology Department of Ningxia',
      'Science and Technology Policy Department',
    ]);
    expect(agreement?.commitments.map((c) => c.order)).toEqual([1, 2, 3, 4]);
    expect(agreement?.commitments[0]?.text).toMatch(/^Establish a communication mechanism/);
    expect(agreement?.commitments[1]?.text).toMatch(/^Jointly organize technology promotion and matchmaking/);
    expect(agreement?.commitments[2]).toMatchObject({
      concerns: [
        { name: 'China-Arab States Technology Transfer Comprehensive Information Service Platform' },
      ],
      framework: null,
    });
    expect(agreement?.commitments[3]).toMatchObject({
      concerns: [],
      framework: { name: 'Belt and Road Initiative' },
    });
  });

  it('4. lists the sites inspected after the meeting, and where they are', async () => {
    const result = await data<{
      event: {
        subEvents: {
          kind: string;
          order: number;
          sites: { name: string; place: { kind: string; name: string; within: { name: string } | null } }[];
        }[];
      };
    }>(
      api,
      `query ($id: ID!) {
        event(id: $id) {
          subEvents { kind order sites { name ... on Institution { place { kind name within { name } } } } }
        }
      }`,
      { id: VISIT },
    );
    const [meeting, ...inspections] = result.event.subEvents;
    expect(meeting).toMatchObject({ kind: 'MEETING', order: 1, sites: [] });
    expect(
      inspections.map((e) => [
        e.kind,
        e.order,
        e.sites.map((s) => [s.name, s.place.kind, s.place.name, s.place.within?.name]),
      ]),
    ).toEqual([
      ['INSPECTION', 2, [['Ningxia Technology Market', 'REGION', 'Ningxia Hui Autonomous Region', 'China']]],
      [
        'INSPECTION',
        2,
        [['Yinchuan IBI Incubation Center', 'CITY', 'Yinchuan', 'Ningxia Hui Autonomous Region']],
      ],
      [
        'INSPECTION',
        2,
        [['Yinchuan Zhongguancun Innovation Center', 'CITY', 'Yinchuan', 'Ningxia Hui Autonomous Region']],
      ],
    ]);
  });

  it('7. gives every event involving the Ningxia Science and Technology Department, in date order', async () => {
    const result = await data<{
      institution: { events: { role: string; event: { id: string; date: string } }[] };
      events: { totalCount: number; nodes: { id: string; date: string }[] };
    }>(
      api,
      `{
        institution(id: "institution:ningxia-st-department") { events { role event { id date } } }
        events(filter: { participantId: "institution:ningxia-st-department" }, sort: DATE_ASC) {
          totalCount
          nodes { id date }
        }
      }`,
    );
    const involvement = result.institution.events.map((e) => [e.event.id, e.role]);
    expect(involvement).toEqual(
      expect.arrayContaining([
        [VISIT, 'HOST'],
        [MEETING, 'HOST'],
      ]),
    );
    const dates = result.institution.events.map((e) => e.event.date);
    expect(dates).toEqual([...dates].sort());
    expect(result.events.nodes.map((e) => e.id).sort()).toEqual([MEETING, VISIT].sort());
    expect(result.events.totalCount).toBe(2);
  });

  it('8. tells which document states each fact: entities, positions, participations, commitments', async () => {
    const source = {
      url: 'https://en.casttc.org/article/00001083.html',
      publisher: 'China-Arab States Technology Transfer Center',
      date: '2019-12-23',
      author: 'yinjingjing',
      title:
        'The Director of the S&T Policy Department of the MOST of Mongolia visits the Department of Science and Technology of Ningxia',
      section: 'Progress',
      publisherInstitution: { acronym: 'CASTTC' },
    };
    const fields = 'url publisher date author title section publisherInstitution { acronym }';
    const result = await data<Record<string, unknown>>(
      api,
      `{
        person(id: "person:s-munkhbat") {
          sources { ${fields} }
          positions { sources { ${fields} } }
          events { role sources { ${fields} } }
        }
        event(id: "${MEETING}") {
          sources { ${fields} }
          agreements { sources { ${fields} } commitments { sources { url } } }
        }
      }`,
    );
    expect(result).toEqual({
      person: {
        sources: [source],
        positions: [{ sources: [source] }],
        events: [
          { role: 'DELEGATION_LEAD', sources: [source] },
          { role: 'DELEGATION_LEAD', sources: [source] },
        ],
      },
      event: {
        sources: [source],
        agreements: [{ sources: [source], commitments: Array(4).fill({ sources: [{ url: source.url }] }) }],
      },
    });
  });

  it('resolves every id through node(), with its type', async () => {
    const result = await data<{
      a: { __typename: string };
      b: { __typename: string };
      c: { __typename: string };
      d: null;
    }>(
      api,
      `{
        a: node(id: "institution:mn-st-park") { __typename }
        b: node(id: "source:casttc-article-00001083") { __typename }
        c: node(id: "place:country-mn") { __typename ... on Country { code alpha3 names { lang value } } }
        d: node(id: "no-such-id") { id }
      }`,
    );
    expect(result.a.__typename).toBe('SciencePark');
    expect(result.b.__typename).toBe('Source');
    expect(result.c).toMatchObject({ __typename: 'Country', code: 'MN', alpha3: 'MNG' });
    expect((result.c as unknown as { names: { lang: string; value: string }[] }).names).toContainEqual({
      lang: 'zh',
      value: '蒙古',
    });
    expect(result.d).toBeNull();
  });
});
