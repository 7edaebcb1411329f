import neo4j from 'neo4j-driver';
import { toGraphNode } from '../../db/graph.record';
import type { Database } from '../../db/neo4j.database';
import { toEdge } from '../../traversal/traversal.repository';
import { RelationshipKind } from '../../traversal/traversal.type';
import { exportEdge, exportNode, type ExportGraph } from './export.graph';

/** Entities for an export, and the relationships among them: the whole graph, or the entities a view shows. */
export class ExportRepository {
  constructor(private readonly db: Database) {}

  /** The first `limit` entities by id. */
  wholeGraph(limit: number): Promise<ExportGraph> {
    return this.among(null, limit);
  }

  /** The entities with these ids (unknown ones left out): what a graph view has drawn. */
  entities(ids: string[]): Promise<ExportGraph> {
    return this.among(ids, ids.length);
  }

  private async among(ids: string[] | null, limit: number): Promise<ExportGraph> {
    return this.db.read(async (tx) => {
      const nodes = await tx.run(
        `MATCH (n:Entity) WHERE $ids IS NULL OR n.id IN $ids
         WITH n ORDER BY n.id LIMIT $limit
         RETURN labels(n) AS labels, properties(n) AS props`,
        { ids, limit: neo4j.int(limit + 1) },
      );
      const truncated = nodes.records.length > limit;
      const kept = nodes.records
        .slice(0, limit)
        .map((r) => toGraphNode(r.get('labels') as string[], r.get('props') as Record<string, unknown>));
      const edges = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $kinds
         RETURN a.id AS from, b.id AS to, type(r) AS kind, properties(r) AS props`,
        { ids: kept.map((n) => n.id), kinds: Object.values(RelationshipKind) },
      );
      return {
        nodes: kept.map(exportNode),
        edges: edges.records.map((r) =>
          exportEdge(
            toEdge({
              from: r.get('from') as string,
              to: r.get('to') as string,
              kind: r.get('kind') as RelationshipKind,
              props: r.get('props') as Record<string, unknown>,
            }),
          ),
        ),
        truncated,
      };
    });
  }
}
