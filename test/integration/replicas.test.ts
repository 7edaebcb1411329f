import { mintToken } from '../../src/auth/auth.service';
import { ApiProcess } from '../helpers/api.process';
import { removeByPrefix } from '../helpers/graph.snapshot';
import { connect, neo4jEnv } from '../helpers/neo4j.test-db';

const SECRET = 'replica-test-secret-long-enough-for-hs256';
const PREFIX = 'test-replicas:';
const UNIVERSITY = `${PREFIX}university`;
const MEETING = `${PREFIX}meeting`;
// No other test dates an event in this year, so its count in `stats` is this test's alone.
const YEAR = '1907';

interface Answer<T> {
  data?: T;
  errors?: { message: string }[];
}

async function post<T>(url: string, query: string, variables: object, token: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as Answer<T>;
  if (answer.errors) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
  return answer.data as T;
}

const READ = `query ($university: ID!, $meeting: ID!) {
  university: node(id: $university) { ... on Entity { name } }
  meeting: node(id: $meeting) { ... on Entity { name } }
  stats { eventsPerYear { period count } }
}`;

const document = {
  source: { id: `${PREFIX}source`, publisher: 'test', title: 'replica test' },
  institutions: [{ id: UNIVERSITY, kind: 'UNIVERSITY', name: 'Replica Test University' }],
  events: [
    {
      id: MEETING,
      kind: 'MEETING',
      name: 'Replica test meeting',
      date: `${YEAR}-05-04`,
      participants: [{ entity: UNIVERSITY, role: 'HOST' }],
    },
  ],
};

/**
 * Two API processes on one Neo4j, as replicas behind a load balancer: what one writes, the other answers at once,
 * including `stats`. Each reads first, so that a replica keeping answers across requests would serve them stale.
 */
describe('two API replicas on one Neo4j', () => {
  const replicas: ApiProcess[] = [];
  let urls: string[];
  let token: string;

  const read = async (url: string) => {
    const answer = await post<{
      university: { name: string } | null;
      meeting: { name: string } | null;
      stats: { eventsPerYear: { period: string; count: number }[] };
    }>(url, READ, { university: UNIVERSITY, meeting: MEETING }, token);
    const year = answer.stats.eventsPerYear.find((entry) => entry.period === YEAR);
    return {
      university: answer.university?.name,
      meeting: answer.meeting?.name,
      eventsInYear: year?.count ?? 0,
    };
  };

  beforeAll(async () => {
    const env = { PORT: '0', SEED: 'never', AUTH_JWT_SECRET: SECRET, ...neo4jEnv() };
    replicas.push(ApiProcess.start(env), ApiProcess.start(env));
    urls = await Promise.all(replicas.map((replica) => replica.ready()));
    token = await mintToken(SECRET, 'replica-test', ['admin'], '10m');
  });

  afterAll(async () => {
    const db = connect();
    await removeByPrefix(db, PREFIX);
    await db.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
  });

  it('answers through one replica what was written through the other, at once, stats included', async () => {
    const [first = '', second = ''] = urls;
    const nothing = { university: undefined, meeting: undefined, eventsInYear: 0 };
    expect(await read(first)).toEqual(nothing);
    expect(await read(second)).toEqual(nothing);

    await post(
      first,
      'mutation ($d: JSONObject!) { ingestDocument(document: $d) { created } }',
      { d: document },
      token,
    );
    const written = {
      university: 'Replica Test University',
      meeting: 'Replica test meeting',
      eventsInYear: 1,
    };
    expect(await read(second)).toEqual(written);

    await post(
      second,
      `mutation ($id: ID!) {
        updateInstitution(id: $id, input: { name: "Replica Test University, renamed" }, source: { id: "${PREFIX}source", publisher: "test", title: "replica test" }) {
          outcome
        }
      }`,
      { id: UNIVERSITY },
      token,
    );
    expect(await read(first)).toEqual({ ...written, university: 'Replica Test University, renamed' });

    await post(first, 'mutation ($id: ID!) { deleteEntity(id: $id) { id } }', { id: MEETING }, token);
    expect(await read(second)).toEqual({ ...nothing, university: 'Replica Test University, renamed' });
  });
});
