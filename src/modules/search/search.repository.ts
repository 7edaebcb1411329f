import neo4j from 'neo4j-driver';
import { toGraphNode, type GraphNode } from '../../db/graph.record';
import type { Label } from '../../db/identifier.whitelist';
import type { Database } from '../../db/neo4j.database';
import type { PrefetchStep } from '../../graphql/prefetch.plan';
import { treeParameters, treeProjection, type ReadResult } from '../entity/entity.repository';

export class SearchRepository {
  constructor(private readonly db: Database) {}

  /**
   * Full-text search over names and aliases (index entity_search): hits whose name, acronym or an alias is
   * exactly `exact` (lower case) first, then by score; with what `steps` reach from each hit, in the same query.
   */
  async search(
    luceneQuery: string,
    exact: string,
    labels: Label[] | undefined,
    limit: number,
    steps: PrefetchStep[],
  ): Promise<{ score: number; node: GraphNode; related?: ReadResult[] }[]> {
    const records = await this.db.query(
      `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
       WHERE $labels IS NULL OR any(label IN labels(node) WHERE label IN $labels)
       WITH node, score,
            toLower(node.name) = $exact OR toLower(coalesce(node.acronym, '')) = $exact
              OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) = $exact) AS isExact
       ORDER BY isExact DESC, score DESC, node.name, node.id
       LIMIT $limit
       RETURN labels(node) AS labels, properties(node) AS props, score,
              ${steps.length > 0 ? treeProjection('node', steps) : 'null'} AS related
       ORDER BY isExact DESC, score DESC, node.name, node.id`,
      {
        query: luceneQuery,
        exact,
        labels: labels ?? null,
        limit: neo4j.int(limit),
        ...treeParameters(steps),
      },
    );
    return records.map((r) => ({
      score: r.get('score') as number,
      node: toGraphNode(r.get('labels') as string[], r.get('props') as Record<string, unknown>),
      related: (r.get('related') as ReadResult[] | null) ?? undefined,
    }));
  }
}
