import fs from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
} from 'graphql';
import {
  ceilingQuery,
  institutionDetailQuery,
  neighborhoodQuery,
  searchQuery,
  shortestPathQuery,
  statsQuery,
  type BenchQuery,
} from '../../bench/bench.queries';
import { loadConfig, type Config } from '../../src/config/app.config';
import {
  AGGREGATE_COST,
  COST_NEUTRAL_TYPES,
  costRules,
  estimateCost,
  listBounds,
} from '../../src/graphql/cost.rules';
import { NESTED_LISTS } from '../../src/graphql/list.bounds';
import { buildAppSchema } from '../../src/graphql/schema.build';
import { summaryMembers } from '../../src/traversal/summary.service';
import * as analytics from '../../src/web/analytics.queries';
import * as explorer from '../../src/web/explorer.queries';

const ID = 'institution:x';

/** The queries the explorer sends, with variables like the ones it sends. */
const EXPLORER: [string, string, Record<string, unknown>][] = [
  ['SEARCH', explorer.SEARCH, { query: 'ningxia' }],
  ['ENTITY', explorer.ENTITY, { id: ID }],
  ['NAME', explorer.NAME, { id: ID }],
  ['NEIGHBOURHOOD_SUMMARY', explorer.NEIGHBOURHOOD_SUMMARY, { id: ID, kinds: null, from: null, to: null }],
  [
    'GROUP_PAGE',
    explorer.GROUP_PAGE,
    { id: ID, kind: 'EVENT', relationship: 'PARTICIPATED_IN', direction: 'OUTGOING', first: 25, after: null },
  ],
  ['SHORTEST_PATH', explorer.SHORTEST_PATH, { from: ID, to: 'person:y', kinds: null }],
  [
    'TIMELINE',
    explorer.TIMELINE,
    { id: ID, from: null, to: null, first: explorer.TIMELINE_PAGE_SIZE, after: null },
  ],
  ['STATS', explorer.STATS, {}],
  // The analytics view asks for at most as many as are drawn (up to 100), and 10 brokers.
  ['CENTRALITY', analytics.CENTRALITY, { measure: 'PAGERANK', scope: null, first: 100 }],
  ['COMMUNITIES', analytics.COMMUNITIES, { scope: null, first: 100 }],
  [
    'BROKERS',
    analytics.BROKERS,
    { a: { countries: ['CN'] }, b: { countries: ['MN'] }, scope: null, first: 10 },
  ],
];

/** The GraphQL blocks of the README. */
const README = [
  ...fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
].map((match, i): [string, string, Record<string, unknown>] => [`README block ${i + 1}`, match[1]!, {}]);

/** Our side of every query of the benchmark's mix. */
const BENCH = [
  statsQuery(),
  institutionDetailQuery([ID]),
  neighborhoodQuery([ID]),
  shortestPathQuery([{ from: ID, to: 'person:y', kinds: ['PART_OF'] }]),
  searchQuery(['ningxia']),
  ceilingQuery(),
].flatMap((query: BenchQuery) =>
  (query.calls.ours ?? []).map((call): [string, string, Record<string, unknown>] => {
    const body = call.body as { query: string; variables: Record<string, unknown> };
    return [`bench: ${query.name}`, body.query, body.variables];
  }),
);

describe('the cost rules', () => {
  let schema: GraphQLSchema;
  const config = loadConfig({});
  const cost = (query: string, variables: Record<string, unknown> = {}, limits = config.limits) =>
    estimateCost(schema, limits, { document: parse(query), variables });

  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('finds the queries to check', () => {
    expect(README.length).toBeGreaterThanOrEqual(2);
    expect(BENCH.length).toBeGreaterThanOrEqual(6);
  });

  it.each([...EXPLORER, ...README, ...BENCH])(
    'accepts %s with the default configuration',
    (_, query, variables) => {
      const document = parse(query, { maxTokens: config.cost.maxTokens });
      expect(validate(schema, document, [...specifiedRules, ...costRules(config.cost)])).toEqual([]);
      expect(cost(query, variables)).toBeLessThanOrEqual(config.cost.maxComplexity);
    },
  );

  it('counts a timeline by the events it can hold (MAX_TIMELINE_EVENTS)', () => {
    const timeline = `{ timeline(id: "x") { date role } }`;
    expect(cost(timeline)).toBe(1 + 2 * config.limits.maxTimelineEvents);
    const smaller: Config['limits'] = { ...loadConfig({ MAX_TIMELINE_EVENTS: '50' }).limits };
    expect(cost(timeline, {}, smaller)).toBe(1 + 2 * 50);
  });

  it('counts a timeline page by its first, or the default page size', () => {
    const page = `query ($n: Int) { timelinePage(id: "x", first: $n) { totalCount nodes { date role } } }`;
    // The page, and per entry it can hold its fields: the count, and the nodes list with two fields (as every
    // connection is counted: its whole selection once per item).
    expect(cost(page, { n: 50 })).toBe(1 + 50 * (1 + 3));
    expect(cost(page, {})).toBe(1 + config.limits.defaultPageSize * (1 + 3));
  });

  it('counts lists by the caps their resolvers apply, or the number asked for', () => {
    expect(cost(`{ commonConnections(a: "x", b: "y") { node { id } } }`)).toBe(1 + 100 * 2);
    expect(cost(`{ search(query: "x") { score } }`)).toBe(1 + 10);
    expect(cost(`query ($n: Int) { search(query: "x", first: $n) { score } }`, { n: 40 })).toBe(1 + 40);
    expect(cost(`{ paths(from: "x", to: "y") { hops { explanation } } }`)).toBe(
      1 + 3 * (1 + config.limits.maxTraversalDepth),
    );
  });

  it('counts a neighbourhood summary by the members it can list: all below the threshold, perGroup per group above', () => {
    const summary = `query ($t: Int, $g: Int) { neighbourhoodSummary(id: "x", groupThreshold: $t, perGroup: $g) { groups { count members { degree } } } }`;
    // The summary, its groups (1 + count + members) and each member's degree: 4 per member it can list.
    expect(cost(summary, {})).toBe(1 + 4 * summaryMembers(40, 5));
    expect(cost(summary, { t: 100, g: 1 })).toBe(1 + 4 * 100);
    expect(cost(summary, { t: 10, g: 20 })).toBe(1 + 4 * 30 * 20);
    const page = `{ neighbourhoodGroupPage(id: "x", kind: EVENT, relationship: PARTICIPATED_IN, first: 50) { nodes { degree } } }`;
    expect(cost(page)).toBe(1 + 50 * 2);
  });

  it('makes each dashboard aggregate expensive once per operation: 30 aliases of one cost about as much as one', () => {
    const one = cost(`{ stats { entitiesByKind { count } } }`)!;
    expect(one).toBeGreaterThan(config.cost.maxComplexity / 10);
    const aliased = Array.from({ length: 30 }, (_, i) => `s${i}: stats { entitiesByKind { count } }`);
    expect(cost(`{ ${aliased.join(' ')} }`)).toBeLessThan(2 * one);
    const inOne = Array.from({ length: 30 }, (_, i) => `k${i}: entitiesByKind { count }`);
    expect(cost(`{ stats { ${inOne.join(' ')} } }`)).toBeLessThan(2 * one);
    const two = cost(`{ stats { entitiesByKind { count } eventsPerYear { count } } }`)!;
    expect(two).toBeGreaterThan(2 * AGGREGATE_COST);
  });

  it('knows a bound for every list of the schema, nested or root, so that no field can be added unbounded', () => {
    const boundOf = listBounds(config.limits);
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const counted =
          isListType(getNullableType(field.type)) || getNamedType(field.type).name.endsWith('Connection');
        if (counted && !boundOf(type, field)) unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('bounds no list by a String or ID argument: estimates are cached without those variables', () => {
    const boundOf = listBounds(config.limits);
    const readsNeutral: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const neutral = new Set(
          field.args
            .filter((arg) => !isListType(getNullableType(arg.type)))
            .filter((arg) => COST_NEUTRAL_TYPES.has(getNamedType(arg.type).name))
            .map((arg) => arg.name),
        );
        const read = new Set<string>();
        const args = new Proxy(
          {},
          {
            get: (_, key) => {
              if (typeof key === 'string') read.add(key);
              return undefined;
            },
          },
        );
        boundOf(type, field)?.(args);
        for (const key of read) if (neutral.has(key)) readsNeutral.push(`${type.name}.${field.name}(${key})`);
      }
    }
    expect(readsNeutral).toEqual([]);
  });

  it('gives every nested list of the table a first argument with its default, on every type that has it', () => {
    for (const [list, bound] of Object.entries(NESTED_LISTS)) {
      const [typeName, fieldName] = list.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!(isObjectType(type) || isInterfaceType(type))) throw new Error(`${typeName} is not in the schema`);
      const implementations = isInterfaceType(type) ? schema.getImplementations(type).objects : [];
      for (const holder of [type, ...implementations]) {
        const first = holder.getFields()[fieldName]?.args.find((arg) => arg.name === 'first');
        expect([`${holder.name}.${fieldName}`, first?.defaultValue]).toEqual([
          `${holder.name}.${fieldName}`,
          bound.default,
        ]);
      }
    }
  });

  it('counts each nested list at its first, or its default, so that nested lists multiply', () => {
    const events = NESTED_LISTS['Institution.events'].default;
    const participants = NESTED_LISTS['Event.participants'].default;
    // The institution and its events (1 each), each participation's role and event (1 each), the event's name
    // and participants (1 each), each participant's role.
    const nested = `{ institution(id: "x") { events { role event { name participants { role } } } } }`;
    expect(cost(nested)).toBe(2 + events * (3 + (1 + participants)));
    const asked = `query ($e: Int, $p: Int) { institution(id: "x") { events(first: $e) { role event { name participants(first: $p) { role } } } } }`;
    expect(cost(asked, { e: 3, p: 4 })).toBe(2 + 3 * (3 + (1 + 4)));
    // Through a concrete type's fragment, the interface's bound holds.
    expect(cost(`{ institution(id: "x") { ... on University { events(first: 7) { role } } } }`)).toBe(2 + 7);
    const deep = `{ institution(id: "x") { events(first: 1000) { event { participants(first: 1000) { role } } } } }`;
    expect(cost(deep)).toBeGreaterThan(config.cost.maxComplexity);
  });
});
