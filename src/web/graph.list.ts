import { button, h, words } from './dom.helpers';
import type { AggregateNode } from './graph.view';
import type { EntityRef, GraphEdge } from './explorer.queries';
import { typeLabel } from './graph.kinds';

/** What the list shows of a node besides its name and kind, when the summary told it. */
export interface NodeFacts {
  relationship?: string;
  date?: string | null;
  degree?: number;
}

interface Column<T> {
  title: string;
  value: (row: T) => string | number;
  cell?: (row: T) => Node | string;
}

/** A table whose columns sort on a click of their heading (again: the other way); aria-sort says how. */
function sortableTable<T>(caption: string, id: string, columns: Column<T>[], rows: T[]): HTMLElement {
  let by = 0;
  let ascending = true;
  const table = h('table', { id, class: 'graph-table' }, h('caption', {}, caption));
  const head = h('thead');
  const body = h('tbody');
  const render = (): void => {
    const column = columns[by] as Column<T>;
    const sorted = [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    head.replaceChildren(
      h(
        'tr',
        {},
        ...columns.map((c, i) =>
          h(
            'th',
            { scope: 'col', 'aria-sort': i === by ? (ascending ? 'ascending' : 'descending') : 'none' },
            button(c.title, () => {
              ascending = i === by ? !ascending : true;
              by = i;
              render();
            }),
          ),
        ),
      ),
    );
    body.replaceChildren(
      ...sorted.map((row) =>
        h('tr', {}, ...columns.map((c) => h('td', {}, c.cell ? c.cell(row) : String(c.value(row))))),
      ),
    );
  };
  render();
  table.append(head, body);
  return table;
}

/**
 * The graph as two tables, nodes and relationships: the same neighbourhood for keyboards and screen readers,
 * and for reading exact values.
 */
export function graphList(
  data: { nodes: EntityRef[]; edges: GraphEdge[]; aggregates: AggregateNode[] },
  facts: Map<string, NodeFacts>,
  actions: { open(id: string): void; openGroup(id: string): void },
): HTMLElement {
  const names = new Map(data.nodes.map((n) => [n.id, n.name]));
  data.aggregates.forEach((a) => names.set(a.id, a.label));
  const nodes = sortableTable<EntityRef>(
    `${data.nodes.length} entities`,
    'list-nodes',
    [
      {
        title: 'Name',
        value: (n) => n.name,
        cell: (n) => button(n.name, () => actions.open(n.id), { class: 'link', 'data-id': n.id }),
      },
      { title: 'Kind', value: (n) => typeLabel(n.__typename) },
      { title: 'Relationship', value: (n) => facts.get(n.id)?.relationship ?? '' },
      { title: 'Date', value: (n) => facts.get(n.id)?.date ?? '' },
      { title: 'Connections', value: (n) => facts.get(n.id)?.degree ?? 0 },
    ],
    data.nodes,
  );
  const groups = data.aggregates.length
    ? sortableTable<AggregateNode>(
        `${data.aggregates.length} groups not drawn in full`,
        'list-groups',
        [
          {
            title: 'Group',
            value: (a) => a.label,
            cell: (a) =>
              button(a.label, () => actions.openGroup(a.id), { class: 'link', 'data-group': a.id }),
          },
          { title: 'Of', value: (a) => names.get(a.anchor) ?? a.anchor },
          { title: 'Members', value: (a) => a.count },
        ],
        data.aggregates,
      )
    : null;
  const edges = sortableTable<GraphEdge>(
    `${data.edges.length} relationships`,
    'list-edges',
    [
      { title: 'From', value: (e) => names.get(e.from) ?? e.from },
      { title: 'Relationship', value: (e) => words(e.kind) },
      { title: 'To', value: (e) => names.get(e.to) ?? e.to },
      { title: 'Role or title', value: (e) => e.title ?? (e.role ? words(e.role) : '') },
      { title: 'Since', value: (e) => e.since ?? '' },
    ],
    data.edges,
  );
  return h('div', {}, nodes, groups, edges);
}
