import { toLuceneQuery } from '../src/modules/search/lucene.query';
import { CEILING } from './bench.report';

/** The three servers measured side by side. */
export type Target = 'ours' | 'limit' | 'peer';
export const TARGETS: readonly Target[] = ['ours', 'limit', 'peer'];

/** One HTTP request: POST `body` as JSON to `path` on the target's server. */
export interface Call {
  path: string;
  body: unknown;
}

/** A query of the mix: for each target, its requests (one per parameter set) and how to read its answer. */
export interface BenchQuery {
  name: string;
  description: string;
  calls: Record<Target, Call[] | null>;
  /** Targets whose answers are checked but not timed. */
  untimed?: Target[];
  /** The answer reduced to what must be equal across targets (order and shape differences removed). */
  canonical: Record<Target, (data: unknown) => unknown>;
}

type Json = Record<string, unknown>;
const graphql = (query: string, variables: Json): Call => ({ path: '/graphql', body: { query, variables } });
const sorted = (items: string[]): string[] => [...items].sort();
const unique = (items: string[]): string[] => sorted([...new Set(items)]);
const get = (data: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((value, key) => (value as Json | null | undefined)?.[key], data);
const list = (value: unknown): Json[] => (value as Json[] | null | undefined) ?? [];
const text = (value: unknown): string => {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** Parameters chosen from the loaded graph (see bench.params.ts). */
export interface MixParams {
  institutions: string[];
  people: string[];
  pairs: { from: string; to: string; kinds?: string[] }[];
  searches: string[];
}

/** Each target's request for each id: our query and the peer's with `$id`, the limit's handler with `{ id }`. */
const byId = (ids: string[], ours: string, limitPath: string, peer: string): BenchQuery['calls'] => ({
  ours: ids.map((id) => graphql(ours, { id })),
  limit: ids.map((id) => ({ path: limitPath, body: { id } })),
  peer: ids.map((id) => graphql(peer, { id })),
});

/**
 * The dashboard. `timeLimit` false: the limit, which computes every aggregate per request (about 40 s each on the
 * 1m tier), is asked once for the answer check and not timed.
 */
export function statsQuery(timeLimit = true): BenchQuery {
  const ours = graphql(
    `
      query Dashboard($limit: Int) {
        stats {
          entitiesByKind {
            kind
            count
          }
          institutionsByCountry {
            code
            count
          }
          eventsPerYear {
            period
            count
          }
          topEntities(limit: $limit) {
            degree
            node {
              id
            }
          }
        }
      }
    `,
    { limit: 10 },
  );
  const canonical = (data: unknown) => {
    const stats = get(data, 'stats');
    return {
      kinds: sorted(list(get(stats, 'entitiesByKind')).map((r) => `${text(r.kind)}:${text(r.count)}`)),
      countries: sorted(
        list(get(stats, 'institutionsByCountry')).map((r) => `${text(r.code)}:${text(r.count)}`),
      ),
      years: sorted(list(get(stats, 'eventsPerYear')).map((r) => `${text(r.period)}:${text(r.count)}`)),
      top: list(get(stats, 'topEntities')).map((r) => `${text(get(r, 'node', 'id'))}:${text(r.degree)}`),
    };
  };
  return {
    name: 'dashboard stats',
    description: 'entities by kind, institutions by country, events per year, top 10 by degree',
    calls: { ours: [ours], limit: [{ path: '/stats', body: { limit: 10 } }], peer: null },
    untimed: timeLimit ? [] : ['limit'],
    canonical: { ours: canonical, limit: canonical, peer: canonical },
  };
}

export function institutionDetailQuery(ids: string[]): BenchQuery {
  const ours = `query Detail($id: ID!) { institution(id: $id) { id name kind
      people { title since until person { id name } }
      events { role event { id name date participants { role participant { id name } } } } } }`;
  const peer = `query Detail($id: ID!) { institutions(where: { id: { eq: $id } }) { id name kind
      peopleConnection { edges { properties { title since until } node { id name } } }
      eventsConnection { edges { properties { role } node { id name date
        participantsConnection { edges { properties { role } node {
          ... on Institution { id name } ... on Person { id name } } } } } } } } }`;
  const shape = (
    inst: Json | undefined,
    people: { id: unknown; title: unknown; since: unknown; until: unknown }[],
    events: { id: unknown; role: unknown; date: unknown; participants: string[] }[],
  ) =>
    inst && {
      id: inst.id,
      name: inst.name,
      kind: inst.kind,
      people: sorted(people.map((p) => [p.id, p.title, p.since, p.until].map(text).join('|'))),
      events: sorted(
        events.map((e) => [e.id, e.role, e.date, ...sorted(e.participants)].map(text).join('|')),
      ),
    };
  const canonicalOurs = (data: unknown) => {
    const inst = get(data, 'institution') as Json | undefined;
    return shape(
      inst ?? undefined,
      list(inst?.people).map((p) => ({
        id: get(p, 'person', 'id'),
        title: p.title,
        since: p.since,
        until: p.until,
      })),
      list(inst?.events).map((e) => ({
        id: get(e, 'event', 'id'),
        role: e.role,
        date: get(e, 'event', 'date'),
        participants: list(get(e, 'event', 'participants')).map(
          (p) => `${text(get(p, 'participant', 'id'))}:${text(p.role)}`,
        ),
      })),
    );
  };
  const canonicalPeer = (data: unknown) => {
    const inst = list(get(data, 'institutions'))[0];
    return shape(
      inst,
      list(get(inst, 'peopleConnection', 'edges')).map((e) => ({
        id: get(e, 'node', 'id'),
        title: get(e, 'properties', 'title'),
        since: get(e, 'properties', 'since'),
        until: get(e, 'properties', 'until'),
      })),
      list(get(inst, 'eventsConnection', 'edges')).map((e) => ({
        id: get(e, 'node', 'id'),
        role: get(e, 'properties', 'role'),
        date: get(e, 'node', 'date'),
        participants: list(get(e, 'node', 'participantsConnection', 'edges')).map(
          (p) => `${text(get(p, 'node', 'id'))}:${text(get(p, 'properties', 'role'))}`,
        ),
      })),
    );
  };
  return {
    name: 'institution detail',
    description: 'an institution with its people and its events, each event with its participants (2 levels)',
    calls: byId(ids, ours, '/institutionDetail', peer),
    canonical: { ours: canonicalOurs, limit: canonicalOurs, peer: canonicalPeer },
  };
}

export function neighborhoodQuery(ids: string[]): BenchQuery {
  const ours = `query Around($id: ID!) {
      neighborhood(id: $id, depth: 2, relationshipKinds: [HOLDS_POSITION, PARTICIPATED_IN]) {
        truncated nodes { id name } edges { from to kind } } }`;
  const peer = `query Around($id: ID!) { people(where: { id: { eq: $id } }) { id name
      positions { id name people { id name } events { id name } }
      events { id name participants { ... on Institution { id name } ... on Person { id name } } } } }`;
  const canonicalOurs = (data: unknown) => {
    const graph = get(data, 'neighborhood');
    return {
      truncated: Boolean(get(graph, 'truncated')),
      nodes: unique(list(get(graph, 'nodes')).map((n) => `${text(n.id)}|${text(n.name)}`)),
      edges: unique(list(get(graph, 'edges')).map((e) => `${text(e.from)}|${text(e.kind)}|${text(e.to)}`)),
    };
  };
  const canonicalPeer = (data: unknown) => {
    const person = list(get(data, 'people'))[0];
    if (!person) return { truncated: false, nodes: [], edges: [] };
    const nodes: string[] = [];
    const edges: string[] = [];
    const node = (n: Json) => nodes.push(`${text(n.id)}|${text(n.name)}`);
    const edge = (from: unknown, kind: string, to: unknown) =>
      edges.push(`${text(from)}|${kind}|${text(to)}`);
    node(person);
    for (const inst of list(person.positions)) {
      node(inst);
      edge(person.id, 'HOLDS_POSITION', inst.id);
      for (const other of list(inst.people)) {
        node(other);
        edge(other.id, 'HOLDS_POSITION', inst.id);
      }
      for (const event of list(inst.events)) {
        node(event);
        edge(inst.id, 'PARTICIPATED_IN', event.id);
      }
    }
    for (const event of list(person.events)) {
      node(event);
      edge(person.id, 'PARTICIPATED_IN', event.id);
      for (const who of list(event.participants)) {
        node(who);
        edge(who.id, 'PARTICIPATED_IN', event.id);
      }
    }
    return { truncated: false, nodes: unique(nodes), edges: unique(edges) };
  };
  return {
    name: '2-hop neighbourhood',
    description: "a person's positions and events, and theirs in turn (HOLDS_POSITION, PARTICIPATED_IN)",
    calls: byId(ids, ours, '/neighborhood', peer),
    canonical: { ours: canonicalOurs, limit: canonicalOurs, peer: canonicalPeer },
  };
}

export function shortestPathQuery(pairs: MixParams['pairs']): BenchQuery {
  const ours = `query Path($from: ID!, $to: ID!, $kinds: [RelationshipKind!]) {
      shortestPath(from: $from, to: $to, relationshipKinds: $kinds) {
        length hops { explanation edge { kind sources { id title } } from { id } to { id } } } }`;
  // Shortest paths are not unique: equal answers have the same length and hops that each hold an explanation.
  const canonical = (data: unknown) => {
    const path = get(data, 'shortestPath') as Json | null;
    if (!path) return null;
    const hops = list(path.hops);
    return {
      length: path.length,
      explained: hops.every(
        (h) => typeof h.explanation === 'string' && list(get(h, 'edge', 'sources')).length > 0,
      ),
    };
  };
  return {
    name: 'shortest path',
    description: 'between two people over every kind, and between unlinked institutions over PART_OF (null)',
    calls: {
      ours: pairs.map((p) => graphql(ours, { from: p.from, to: p.to, kinds: p.kinds ?? null })),
      limit: pairs.map((p) => ({ path: '/shortestPath', body: p })),
      peer: null,
    },
    canonical: { ours: canonical, limit: canonical, peer: canonical },
  };
}

export function searchQuery(texts: string[]): BenchQuery {
  const ours = `query Find($q: String!) { search(query: $q, kinds: [INSTITUTION], first: 20) {
      score node { id name ... on Institution { people { title person { id name } } } } } }`;
  const peer = `query Find($phrase: String!) { institutionSearch(phrase: $phrase, first: 20) {
      edges { score node { id name peopleConnection { edges { properties { title } node { id name } } } } } } }`;
  const hit = (id: unknown, people: string[]) => `${text(id)}|${sorted(people).join(',')}`;
  const canonicalOurs = (data: unknown) =>
    sorted(
      list(get(data, 'search')).map((h) =>
        hit(
          get(h, 'node', 'id'),
          list(get(h, 'node', 'people')).map((p) => `${text(get(p, 'person', 'id'))}:${text(p.title)}`),
        ),
      ),
    );
  const canonicalPeer = (data: unknown) =>
    sorted(
      list(get(data, 'institutionSearch', 'edges')).map((e) =>
        hit(
          get(e, 'node', 'id'),
          list(get(e, 'node', 'peopleConnection', 'edges')).map(
            (p) => `${text(get(p, 'node', 'id'))}:${text(get(p, 'properties', 'title'))}`,
          ),
        ),
      ),
    );
  return {
    name: 'full-text search',
    description: 'institutions matching two words, ranked, each with its people (1 level)',
    calls: {
      ours: texts.map((q) => graphql(ours, { q })),
      limit: texts.map((q) => ({
        path: '/search',
        body: { lucene: toLuceneQuery(q), exact: q.trim().toLowerCase(), first: 20 },
      })),
      peer: texts.map((q) => graphql(peer, { phrase: toLuceneQuery(q) })),
    },
    canonical: { ours: canonicalOurs, limit: canonicalOurs, peer: canonicalPeer },
  };
}

export function ceilingQuery(): BenchQuery {
  const ours = graphql('{ __typename }', {});
  const canonical = (data: unknown) => get(data, '__typename');
  return {
    name: CEILING,
    description: 'the cheapest request each server answers: its HTTP and GraphQL overhead alone',
    calls: { ours: [ours], limit: [{ path: '/typename', body: {} }], peer: [ours] },
    canonical: { ours: canonical, limit: canonical, peer: canonical },
  };
}
