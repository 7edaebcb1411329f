import cytoscape from 'cytoscape';
import { CATEGORY_STYLES, RELATIONSHIP_COLORS, RELATIONSHIP_KINDS, categoryOf } from './graph.kinds';
import type { EntityRef, GraphEdge } from './explorer.queries';
import { words } from './dom.helpers';

export interface GraphData {
  nodes: EntityRef[];
  edges: GraphEdge[];
}

/** What the graph marks: the open entity, the expanded ones, and the path. */
export interface GraphMarks {
  selected: string | null;
  expanded: string[];
  pathNodes: string[];
  pathEdges: string[];
}

/** Read-only access for the browser tests (and for anyone curious, from the console). */
export interface GraphProbe {
  nodeIds(selector?: string): string[];
  edgeIds(selector?: string): string[];
  /** Where a node is drawn, in page coordinates: where a user would click it. */
  clientPoint(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    explorerGraph?: GraphProbe;
  }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(name)',
      'font-size': 10,
      color: '#1c2833',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'ellipsis',
      'text-max-width': '130px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...Object.entries(CATEGORY_STYLES).map(([category, { color, shape }]) => ({
    selector: `node[category = "${category}"]`,
    style: { 'background-color': color, shape: shape as cytoscape.Css.NodeShape },
  })),
  {
    selector: 'node.expanded',
    style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#17202a' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.7,
      'font-size': 8,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
  ...RELATIONSHIP_KINDS.map((kind) => ({
    selector: `edge[kind = "${kind}"]`,
    style: { 'line-color': RELATIONSHIP_COLORS[kind], 'target-arrow-color': RELATIONSHIP_COLORS[kind] },
  })),
  { selector: 'edge.near', style: { label: 'data(label)', width: 2.5 } },
  {
    selector: 'node.path',
    style: {
      'border-width': 4,
      'border-color': '#e74c3c',
      'overlay-color': '#e74c3c',
      'overlay-opacity': 0.15,
    },
  },
  {
    selector: 'edge.path',
    style: {
      label: 'data(label)',
      width: 5,
      'line-color': '#e74c3c',
      'target-arrow-color': '#e74c3c',
      'z-index': 10,
    },
  },
  // Last, so that the open entity's marking wins over the path's.
  { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
];

/** A stable small offset per id, so that new nodes start near their neighbour and screenshots repeat. */
function jitter(id: string): { dx: number; dy: number } {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  const angle = ((hash >>> 0) % 360) * (Math.PI / 180);
  return { dx: Math.cos(angle) * 60, dy: Math.sin(angle) * 60 };
}

const edgeLabel = (edge: GraphEdge): string =>
  [words(edge.kind), edge.title ?? (edge.role ? words(edge.role) : '')].filter(Boolean).join(': ');

/** The graph canvas: cytoscape with its force-directed layout (cose), redrawn from the data it is given. */
export class GraphView {
  private readonly cy: cytoscape.Core;

  constructor(
    private readonly container: HTMLElement,
    events: { select(id: string): void; expand(id: string): void },
  ) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3 });
    this.cy.on('tap', 'node', (event) => events.select((event.target as cytoscape.NodeSingular).id()));
    this.cy.on('dbltap', 'node', (event) => events.expand((event.target as cytoscape.NodeSingular).id()));
    window.explorerGraph = {
      nodeIds: (selector = '') => this.cy.nodes(selector).map((n) => n.id()),
      edgeIds: (selector = '') => this.cy.edges(selector).map((e) => e.id()),
      clientPoint: (id) => {
        const node = this.cy.getElementById(id);
        if (node.empty()) return null;
        const box = this.container.getBoundingClientRect();
        const at = node.renderedPosition();
        return { x: box.left + at.x, y: box.top + at.y };
      },
    };
  }

  draw(data: GraphData, marks: GraphMarks): void {
    const cy = this.cy;
    const nodeIds = new Set(data.nodes.map((n) => n.id));
    const edges = data.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
    const edgeIds = new Set(edges.map((e) => e.id));
    let changed = false;
    cy.batch(() => {
      const gone = cy
        .elements()
        .filter((el) => (el.isNode() ? !nodeIds.has(el.id()) : !edgeIds.has(el.id())));
      changed = gone.nonempty();
      gone.remove();
      for (const node of data.nodes) {
        if (cy.getElementById(node.id).nonempty()) continue;
        changed = true;
        const neighbour = edges
          .filter((e) => e.from === node.id || e.to === node.id)
          .map((e) => cy.getElementById(e.from === node.id ? e.to : e.from))
          .find((n) => n.nonempty());
        const base = neighbour?.position() ?? { x: 0, y: 0 };
        const { dx, dy } = jitter(node.id);
        cy.add({
          group: 'nodes',
          data: {
            id: node.id,
            name: node.name,
            category: categoryOf(node.__typename),
            type: node.__typename,
          },
          position: { x: base.x + dx, y: base.y + dy },
        });
      }
      for (const edge of edges) {
        if (cy.getElementById(edge.id).nonempty()) continue;
        changed = true;
        cy.add({
          group: 'edges',
          data: { id: edge.id, source: edge.from, target: edge.to, kind: edge.kind, label: edgeLabel(edge) },
        });
      }
    });
    this.mark(marks);
    if (changed && cy.nodes().nonempty()) {
      cy.layout({
        name: 'cose',
        animate: false,
        randomize: false,
        fit: true,
        padding: 40,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 90,
        nodeRepulsion: () => 12000,
      }).run();
    }
  }

  private mark(marks: GraphMarks): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('selected expanded path near');
      const pathNodes = new Set(marks.pathNodes);
      const pathEdges = new Set(marks.pathEdges);
      cy.nodes().forEach((n) => {
        if (n.id() === marks.selected) {
          n.addClass('selected');
          n.connectedEdges().addClass('near');
        }
        if (marks.expanded.includes(n.id())) n.addClass('expanded');
        if (pathNodes.has(n.id())) n.addClass('path');
      });
      cy.edges().forEach((e) => {
        if (pathEdges.has(e.id())) e.addClass('path');
      });
    });
  }

  /** Draw again at the container's size: the canvas was hidden (the dashboard was showing). */
  resize(): void {
    this.cy.resize();
    this.cy.fit(undefined, 40);
  }
}
