import { AppError } from '../../common/app.errors';
import { isIsoDate } from '../../graphql/date.scalar';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { TraversalService } from '../../traversal/traversal.service';
import { RelationshipKind } from '../../traversal/traversal.type';
import { exportEdge, exportNode, type ExportGraph } from './export.graph';
import { EXPORT_FORMATS, type ExportFormat } from './export.format';
import { ExportRepository } from './export.repository';

/**
 * What an export asks for: a neighbourhood (id, depth, relationship kinds, dates), the entities a view shows
 * (ids, comma-separated, with the relationships among them), or the whole graph.
 */
export interface ExportRequest {
  format: string | undefined;
  id?: string;
  ids?: string;
  depth?: string;
  relationshipKinds?: string;
  from?: string;
  to?: string;
  all?: boolean;
}

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/** Subgraphs as files: the same bounds as the GraphQL reads, and the whole graph up to MAX_EXPORT_NODES. */
export class ExportService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly traversal: TraversalService,
    private readonly limits: Pick<Config['limits'], 'maxExportNodes' | 'maxNeighborhoodNodes'>,
  ) {}

  format(value: string | undefined): ExportFormat {
    if (value === undefined || !Object.hasOwn(EXPORT_FORMATS, value))
      throw bad('format', `one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
    return value as ExportFormat;
  }

  /** A view's entities: as many as a neighbourhood may hold. */
  private async view(request: ExportRequest): Promise<ExportGraph> {
    if (request.id !== undefined) throw bad('id', 'give an id or ids, not both');
    const ids = [...new Set((request.ids ?? '').split(',').filter(Boolean))];
    if (ids.length === 0) throw bad('ids', 'give the ids of the entities to export, comma-separated');
    if (ids.length > this.limits.maxNeighborhoodNodes)
      throw bad('ids', `at most MAX_NEIGHBORHOOD_NODES (${this.limits.maxNeighborhoodNodes}) ids`);
    return new ExportRepository(this.databases.get()).entities(ids);
  }

  async graph(request: ExportRequest): Promise<ExportGraph> {
    if (request.all) {
      if (request.id !== undefined) throw bad('id', 'give an id or ask for the whole graph, not both');
      return new ExportRepository(this.databases.get()).wholeGraph(this.limits.maxExportNodes);
    }
    if (request.ids !== undefined) return this.view(request);
    if (request.id === undefined || request.id === '')
      throw bad('id', 'give the id of the entity whose neighbourhood to export');
    const depth = request.depth === undefined ? undefined : Number(request.depth);
    if (depth !== undefined && !Number.isInteger(depth)) throw bad('depth', 'a whole number');
    for (const field of ['from', 'to'] as const) {
      const value = request[field];
      if (value !== undefined && !isIsoDate(value)) throw bad(field, 'a date as YYYY-MM-DD');
    }
    const kinds = request.relationshipKinds?.split(',').filter(Boolean);
    const unknown = kinds?.find((kind) => !Object.hasOwn(RelationshipKind, kind));
    if (unknown !== undefined) throw bad('relationshipKinds', `${unknown} is not a relationship kind`);
    const found = await this.traversal.neighborhood({
      id: request.id,
      depth,
      relationshipKinds: kinds as RelationshipKind[] | undefined,
      from: request.from,
      to: request.to,
    });
    return {
      nodes: found.nodes.map(exportNode),
      edges: found.edges.map(exportEdge),
      truncated: found.truncated,
    };
  }
}
