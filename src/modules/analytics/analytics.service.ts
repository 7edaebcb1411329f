import { AppError } from '../../common/app.errors';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { GraphNode } from '../../db/graph.record';
import { EntityKind } from '../entity/entity.type';
import { AnalyticsCache } from './analytics.cache';
import { AnalyticsRepository, type HopLink, type ProjectionScope } from './analytics.repository';
import {
  AnalyticsEngine,
  AnalyticsLink,
  type AnalyticsScope,
  type BrokerSide,
  type BrokersResult,
  type CentralityMeasure,
  type CentralityResult,
  type CommunitiesResult,
  type SimilarResult,
} from './analytics.type';

/** `first` when a query names none. */
export const DEFAULT_ANALYTICS_RESULTS = 10;
/** Per community: the members and the shared things it lists. */
export const COMMUNITY_MEMBERS = 50;
export const COMMUNITY_TIES = 5;
/** Per broker: example paths; per similar entity: the shared things it lists. */
export const BROKER_EXAMPLES = 3;
export const SIMILAR_SHARED = 20;
/** Per hop of a broker's path: the links (shared events, agreements, positions) it lists. */
export const HOP_LINKS = 3;
/** A brokerage question follows the shortest paths from this many of side a's entities (the best linked). */
export const BROKER_SOURCES = 25;
const MAX_LIST = 100;
const CACHE_ENTRIES = 200;
/** Every GDS answer starts with a projection, so without this function there is no GDS to speak of. */
export const GDS_ENTRY_POINT = 'gds.graph.project';
const COUNTRY = /^[A-Z]{2}$/;
const ENTITY_KINDS: EntityKind[] = [EntityKind.INSTITUTION, EntityKind.PERSON];

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

function countryCodes(field: string, codes: string[] | undefined): string[] | null {
  if (codes === undefined || codes.length === 0) return null;
  if (codes.length > MAX_LIST) throw bad(field, `at most ${MAX_LIST} countries`);
  return codes.map((code) => {
    const upper = code.trim().toUpperCase();
    if (!COUNTRY.test(upper)) throw bad(field, `"${code}" is not an ISO 3166 alpha-2 code`);
    return upper;
  });
}

/** Centrality, communities, brokers and similarity over projections of institutions and people. */
export class AnalyticsService {
  private gdsPresent = false;
  private readonly cache: AnalyticsCache;

  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Pick<
      Config['limits'],
      'maxTraversalDepth' | 'maxAnalyticsNodes' | 'maxAnalyticsResults'
    >,
    /** The GDS function whose presence says GDS is installed and allowed. */
    private readonly gdsEntryPoint = GDS_ENTRY_POINT,
  ) {
    // Keyed by the graph's generation, which every committed write moves on (from any replica).
    this.cache = new AnalyticsCache({ current: () => this.repository().generation() }, CACHE_ENTRIES);
  }

  private repository(): AnalyticsRepository {
    return new AnalyticsRepository(
      this.databases.get(),
      this.limits.maxTraversalDepth,
      this.limits.maxAnalyticsNodes,
    );
  }

  /** Nothing falls back silently: without GDS, an analysis that needs it says what is missing. */
  private async requireGds(): Promise<void> {
    if (this.gdsPresent) return;
    this.gdsPresent = await this.repository().hasFunction(this.gdsEntryPoint);
    if (!this.gdsPresent)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'This analysis needs Neo4j Graph Data Science, which this Neo4j does not have: install the graph-data-science plugin (Docker: NEO4J_PLUGINS=["graph-data-science"]) and allow gds.* procedures.',
        { missing: 'graph-data-science' },
      );
  }

  private first(first: number | undefined): number {
    const value = first ?? DEFAULT_ANALYTICS_RESULTS;
    if (!Number.isInteger(value) || value < 1 || value > this.limits.maxAnalyticsResults)
      throw bad('first', `must be from 1 to ${this.limits.maxAnalyticsResults}, got ${value}`);
    return value;
  }

  private scope(scope: AnalyticsScope | undefined): ProjectionScope {
    const kinds = scope?.kinds?.length ? [...new Set(scope.kinds)] : ENTITY_KINDS;
    const other = kinds.find((kind) => !ENTITY_KINDS.includes(kind));
    if (other !== undefined)
      throw bad('scope.kinds', `only institutions and people are analysed, not ${other}`);
    const from = scope?.from ?? null;
    const to = scope?.to ?? null;
    if (from !== null && to !== null && from > to) throw bad('scope.to', `${to} is before ${from}`);
    return {
      labels: kinds as ProjectionScope['labels'],
      countries: countryCodes('scope.countries', scope?.countries),
      from,
      to,
      links: scope?.links?.length ? [...new Set(scope.links)].sort() : Object.values(AnalyticsLink),
    };
  }

  async centrality(
    measure: CentralityMeasure,
    scope?: AnalyticsScope,
    first?: number,
  ): Promise<CentralityResult> {
    const checked = { measure, scope: this.scope(scope), first: this.first(first) };
    await this.requireGds();
    return this.cache.get(JSON.stringify(['centrality', checked]), async () => {
      const answer = await this.repository().centrality(checked.scope, measure, checked.first);
      return { engine: AnalyticsEngine.GDS, measure, ...answer };
    });
  }

  async communities(scope?: AnalyticsScope, first?: number): Promise<CommunitiesResult> {
    const checked = { scope: this.scope(scope), first: this.first(first) };
    await this.requireGds();
    return this.cache.get(JSON.stringify(['communities', checked]), async () => {
      const answer = await this.repository().communities(checked.scope, checked.first, {
        members: COMMUNITY_MEMBERS,
        ties: COMMUNITY_TIES,
      });
      return {
        engine: AnalyticsEngine.GDS,
        algorithm: 'Louvain',
        count: answer.count,
        communities: answer.communities.map((community, i) => ({ rank: i + 1, ...community })),
      };
    });
  }

  private side(field: string, side: BrokerSide): { ids: string[]; countries: string[] } {
    const ids = side.ids ?? [];
    const countries = countryCodes(`${field}.countries`, side.countries) ?? [];
    if (ids.length > 0 === countries.length > 0) throw bad(field, 'give either ids or countries');
    if (ids.length > MAX_LIST) throw bad(`${field}.ids`, `at most ${MAX_LIST} ids`);
    return { ids, countries };
  }

  async brokers(
    a: BrokerSide,
    b: BrokerSide,
    scope?: AnalyticsScope,
    first?: number,
  ): Promise<BrokersResult> {
    const sides = { a: this.side('a', a), b: this.side('b', b) };
    const checked = { sides, scope: this.scope(scope), first: this.first(first) };
    await this.requireGds();
    return this.cache.get(JSON.stringify(['brokers', checked]), async () => {
      const { paths, nodes } = await this.repository().shortestPathsBetween(
        checked.scope,
        {
          aIds: sides.a.ids,
          aCountries: sides.a.countries,
          bIds: sides.b.ids,
          bCountries: sides.b.countries,
        },
        BROKER_SOURCES,
      );
      const ranked = rankBrokers(paths, nodes, checked.first);
      const pairs = new Map<string, [string, string]>();
      for (const path of ranked.flatMap((broker) => broker.examples))
        for (let i = 1; i < path.length; i += 1) {
          const pair: [string, string] = [(path[i - 1] as GraphNode).id, (path[i] as GraphNode).id];
          pairs.set(pair.join('|'), pair);
        }
      const links = await this.repository().hopLinks([...pairs.values()], checked.scope, HOP_LINKS);
      return {
        engine: AnalyticsEngine.GDS,
        pathCount: paths.length,
        brokers: ranked.map((broker) => ({
          ...broker,
          routes: broker.examples.map((path) => route(path, links)),
        })),
      };
    });
  }

  async similar(id: string, first?: number): Promise<SimilarResult> {
    const checkedFirst = this.first(first);
    const repository = this.repository();
    const labels = await repository.labelsOf(id);
    if (labels === null) throw new AppError('NOT_FOUND', `No entity has the id ${id}.`, { field: 'id' });
    if (!labels.includes('Institution') && !labels.includes('Person'))
      throw bad('id', 'similarity is for institutions and people');
    return this.cache.get(JSON.stringify(['similar', id, checkedFirst]), async () => ({
      engine: AnalyticsEngine.CYPHER,
      similar: await repository.similar(id, checkedFirst, SIMILAR_SHARED),
    }));
  }
}

/** A path hop by hop, each hop with what links its ends. */
function route(path: GraphNode[], links: Map<string, HopLink[]>) {
  return {
    nodes: path,
    hops: path.slice(1).map((to, i) => {
      const from = path[i] as GraphNode;
      return { from, to, links: links.get(`${from.id}|${to.id}`) ?? [] };
    }),
  };
}

/** Entities inside the paths (not their ends), by how many paths pass through them, each with a few of those paths. */
export function rankBrokers(paths: number[][], nodes: Map<number, GraphNode>, first: number) {
  const through = new Map<number, number[][]>();
  for (const path of paths)
    for (const inner of new Set(path.slice(1, -1))) {
      const via = through.get(inner) ?? [];
      via.push(path);
      through.set(inner, via);
    }
  const node = (i: number): GraphNode => {
    const found = nodes.get(i);
    if (!found) throw new Error(`node ${i} of a path was not read`);
    return found;
  };
  return [...through.entries()]
    .sort(([x, px], [y, py]) => py.length - px.length || node(x).id.localeCompare(node(y).id))
    .slice(0, first)
    .map(([i, via]) => ({
      node: node(i),
      paths: via.length,
      share: via.length / paths.length,
      examples: via.slice(0, BROKER_EXAMPLES).map((path) => path.map(node)),
    }));
}
