import type { GraphNode } from '../../db/graph.record';
import type { GraphEdge } from '../../traversal/traversal.type';

/** A node as every export format writes it: its kind, dates and sources kept. */
export interface ExportNode {
  id: string;
  kind: string;
  name: string;
  date?: string;
  since?: string;
  until?: string;
  sources: string[];
}

export interface ExportEdge {
  id: string;
  from: string;
  to: string;
  kind: string;
  role?: string;
  title?: string;
  since?: string;
  until?: string;
  sources: string[];
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  truncated: boolean;
}

/** Properties come as plain values (dates already ISO text): strings and numbers. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

export function exportNode(node: GraphNode): ExportNode {
  return {
    id: node.id,
    kind: node.__typename,
    name: text(node.name) ?? '',
    date: text(node.date),
    since: text(node.since),
    until: text(node.until),
    sources: Array.isArray(node.sourceIds) ? (node.sourceIds as string[]) : [],
  };
}

export function exportEdge(edge: GraphEdge): ExportEdge {
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    role: text(edge.role),
    title: text(edge.title),
    since: text(edge.since),
    until: text(edge.until),
    sources: edge.sourceIds,
  };
}
