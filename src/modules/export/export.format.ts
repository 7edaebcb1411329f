import { stringify } from 'csv-stringify/sync';
import { XMLBuilder } from 'fast-xml-parser';
import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import type { ExportEdge, ExportGraph, ExportNode } from './export.graph';

export const EXPORT_FORMATS = {
  graphml: 'application/graphml+xml',
  gexf: 'application/gexf+xml',
  csv: 'text/csv',
  json: 'application/json',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

const NODE_FIELDS = ['kind', 'name', 'date', 'since', 'until', 'sources'] as const;
const EDGE_FIELDS = ['kind', 'role', 'title', 'since', 'until', 'sources'] as const;
const CSV_COLUMNS = [
  'element',
  'id',
  'from',
  'to',
  'kind',
  'name',
  'role',
  'title',
  'date',
  'since',
  'until',
  'sources',
];

/** Sources as one attribute: XML and CSV cells hold text, so their ids are joined by spaces (ids have none). */
const flat = (item: ExportNode | ExportEdge): Record<string, string | undefined> => ({
  ...item,
  sources: item.sources.join(' '),
});

function graphml(graph: ExportGraph): string {
  const keys = [
    ...NODE_FIELDS.map((f) => ({
      '@_id': `n_${f}`,
      '@_for': 'node',
      '@_attr.name': f,
      '@_attr.type': 'string',
    })),
    ...EDGE_FIELDS.map((f) => ({
      '@_id': `e_${f}`,
      '@_for': 'edge',
      '@_attr.name': f,
      '@_attr.type': 'string',
    })),
  ];
  const data = (item: Record<string, string | undefined>, fields: readonly string[], prefix: string) =>
    fields.filter((f) => item[f] !== undefined).map((f) => ({ '@_key': `${prefix}_${f}`, '#text': item[f] }));
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      key: keys,
      graph: {
        '@_id': 'institution-graph',
        '@_edgedefault': 'directed',
        node: graph.nodes.map((n) => ({ '@_id': n.id, data: data(flat(n), NODE_FIELDS, 'n') })),
        edge: graph.edges.map((e) => ({
          '@_id': e.id,
          '@_source': e.from,
          '@_target': e.to,
          data: data(flat(e), EDGE_FIELDS, 'e'),
        })),
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(document);
}

function gexf(graph: ExportGraph): string {
  const g = new Graph({ type: 'directed', multi: true });
  for (const node of graph.nodes) g.addNode(node.id, { label: node.name, ...defined(flat(node)) });
  for (const edge of graph.edges) g.addEdgeWithKey(edge.id, edge.from, edge.to, defined(flat(edge)));
  return writeGexf(g);
}

const defined = (item: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(item).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

/** The export as chunks of text, for a response or a file to take one at a time. */
export function* exportChunks(graph: ExportGraph, format: ExportFormat): Generator<string> {
  if (format === 'graphml') yield graphml(graph);
  else if (format === 'gexf') yield gexf(graph);
  else if (format === 'csv') {
    yield stringify([CSV_COLUMNS]);
    for (const node of graph.nodes)
      yield stringify([{ element: 'node', ...flat(node) }], { columns: CSV_COLUMNS });
    for (const edge of graph.edges)
      yield stringify([{ element: 'edge', ...flat(edge) }], { columns: CSV_COLUMNS });
  } else {
    yield `{"truncated":${graph.truncated},"nodes":[`;
    yield graph.nodes.map((n) => JSON.stringify(n)).join(',\n');
    yield '],"edges":[';
    yield graph.edges.map((e) => JSON.stringify(e)).join(',\n');
    yield ']}\n';
  }
}
