import os from 'node:os';
import { parseArgs } from 'node:util';
import { TIERS, type Tier } from '../seed/synthetic/synthetic.generator';
import { startApiOnTier, type TierApi } from './tier.api';

/**
 * Every feature a user touches, once on the tier's most connected entity and once on an entity of the long
 * tail, through the API with its default request deadline: what answers, how fast, and what fails (with its
 * error code). Run on a loaded tier after `npm run build`: `node dist/bench/scale.smoke.js --tier 1m`.
 * The timed benches cover the rest: bench.cli.ts (reads against two others), explorer.bench.ts (the page) and
 * analytics.bench.ts (GDS).
 */
interface Probe {
  name: string;
  /** A GraphQL query with its variables, or a GET path. */
  ask: { query: string; variables: Record<string, unknown> } | { get: string };
}

const DEFAULT_DEADLINE_MS = 5_000;
const SIMILAR = 'query($id: ID!) { similar(id: $id, first: 5) { similar { score node { id } } } }';

function probes(hub: string, tail: string, institution: string): Probe[] {
  const gql = (name: string, query: string, variables: Record<string, unknown> = {}): Probe => ({
    name,
    ask: { query, variables },
  });
  const both = (name: string, query: string, extra: Record<string, unknown> = {}): Probe[] =>
    [
      ['hub', hub],
      ['tail', tail],
    ].map(([which, id]) => gql(`${name} (${which})`, query, { id, ...extra }));
  return [
    gql('stats', '{ stats { entitiesByKind { kind count } topEntities(limit: 10) { degree } } }'),
    gql('search', 'query($q: String!) { search(query: $q, first: 10) { score node { id name } } }', {
      q: 'cooperation',
    }),
    gql(
      'institutions by country and kind',
      '{ institutions(first: 50, filter: { country: "CN", kinds: [ENTERPRISE] }) { totalCount edges { node { id name } } } }',
    ),
    gql(
      'events of 2019',
      '{ events(first: 50, filter: { from: "2019-01-01", to: "2019-12-31" }) { totalCount } }',
    ),
    gql(
      'institution detail (busiest institution)',
      `query($id: ID!) { institution(id: $id) { name eventsCount peopleCount
         people { title since person { id name } } events { role event { id date participantsCount } } } }`,
      { id: institution },
    ),
    ...both(
      'node with sources',
      'query($id: ID!) { node(id: $id) { id ... on Entity { name sources { id } } } }',
    ),
    ...both(
      'neighbourhood depth 1',
      'query($id: ID!) { neighborhood(id: $id) { truncated nodes { id } edges { from to kind } } }',
    ),
    ...both(
      'neighbourhood depth 2',
      'query($id: ID!) { neighborhood(id: $id, depth: 2) { truncated nodes { id } edges { from to kind } } }',
    ),
    ...both(
      'neighbourhood summary',
      'query($id: ID!) { neighbourhoodSummary(id: $id) { total grouped groups { count members { node { id } } } } }',
    ),
    ...both(
      'timeline',
      'query($id: ID!) { timeline(id: $id, includeSubUnits: true, includePeople: true) { date } }',
    ),
    gql(
      'shortest path hub to tail',
      'query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) { length summary } }',
      { a: hub, b: tail },
    ),
    gql('3 paths hub to tail', 'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, first: 3) { length } }', {
      a: hub,
      b: tail,
    }),
    gql(
      'common connections hub and tail',
      'query($a: ID!, $b: ID!) { commonConnections(a: $a, b: $b) { node { id } } }',
      { a: hub, b: tail },
    ),
    gql('similar (busiest institution)', SIMILAR, { id: institution }),
    gql('similar (tail)', SIMILAR, { id: tail }),
    { name: 'export neighbourhood GraphML (hub)', ask: { get: `/export?format=graphml&id=${hub}&depth=1` } },
    { name: 'export neighbourhood CSV (tail)', ask: { get: `/export?format=csv&id=${tail}&depth=2` } },
  ];
}

async function once(api: TierApi, probe: Probe): Promise<{ ms: number; outcome: string; kib: number }> {
  const started = performance.now();
  const response =
    'get' in probe.ask
      ? await fetch(`${api.url}${probe.ask.get}`)
      : await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(probe.ask),
        });
  const body = await response.text();
  const ms = Math.round(performance.now() - started);
  const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
  const outcome =
    response.ok && !body.startsWith('{"errors"') && code === undefined
      ? 'ok'
      : `${response.status} ${code ?? ''}`;
  return { ms, outcome, kib: Math.round(body.length / 1024) };
}

/** Twice: the first call includes Neo4j planning the query; the second is the answer alone. */
async function run(api: TierApi, probe: Probe): Promise<string> {
  const first = await once(api, probe);
  const again = await once(api, probe);
  const outcome = first.outcome === again.outcome ? first.outcome : `${first.outcome}, then ${again.outcome}`;
  return `| ${probe.name} | ${first.ms} | ${again.ms} | ${outcome} | ${again.kib} |`;
}

/**
 * The tier's most connected entities, from the dashboard: on a large tier its first computation outlasts a
 * request's deadline (TIMEOUT) and goes on, so it is asked again until it answers.
 */
async function busiest(api: TierApi): Promise<{ id: string; __typename: string }[]> {
  for (const giveUp = Date.now() + 300_000; Date.now() < giveUp;) {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { topEntities(limit: 50) { node { id __typename } } } }' }),
    });
    const body = (await response.json()) as {
      data?: { stats: { topEntities: { node: { id: string; __typename: string } }[] } } | null;
    };
    if (body.data) return body.data.stats.topEntities.map((t) => t.node);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw new Error('the dashboard did not answer within 300 s');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tier: { type: 'string', default: '100k' } } });
  const tier = values.tier ?? '100k';
  if (!(tier in TIERS)) throw new Error(`--tier must be one of ${Object.keys(TIERS).join(', ')}`);
  const api = await startApiOnTier(tier, DEFAULT_DEADLINE_MS);
  try {
    const entities = await busiest(api);
    const hub = entities[0]?.id ?? 'synthetic:city-0';
    const institution = entities.find((n) => n.__typename !== 'City' && n.__typename !== 'Region')?.id ?? hub;
    // People are numbered by how likely they are to be picked (a power law): the last are the long tail.
    const tail = `synthetic:person-${Math.round(TIERS[tier as Tier] * 0.3)}`;
    const rows = [];
    for (const probe of probes(hub, tail, institution)) {
      rows.push(
        await run(api, probe).catch((error: Error) => `| ${probe.name} | | | failed: ${error.message} | |`),
      );
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    }
    process.stdout.write(
      [
        `Tier ${tier}, ${new Date().toISOString()}, ${os.cpus().length} cores, 1-minute load ${os.loadavg()[0]?.toFixed(1)}; hub ${hub}, institution ${institution}, tail ${tail}; request deadline ${DEFAULT_DEADLINE_MS} ms; one request at a time, each twice (a first call includes Neo4j planning the query).`,
        '',
        '| probe | first ms | again ms | outcome | KiB |',
        '| --- | ---: | ---: | --- | ---: |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    api.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
