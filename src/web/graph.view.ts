import cytoscape from 'cytoscape';
import { CATEGORY_STYLES, RELATIONSHIP_COLORS, RELATIONSHIP_KINDS, categoryOf } from './graph.kinds';
import type { EntityRef, GraphEdge } from './explorer.queries';
import { words } from './dom.helpers';

/** A node standing for a group of neighbours: "312 events, 2016–2023", opened page by page. */
export interface AggregateNode {
  id: string;
  label: string;
  /** The entity it hangs from. */
  anchor: string;
  count: number;
}

export interface GraphData {
  nodes: EntityRef[];
  edges: GraphEdge[];
  aggregates: AggregateNode[];
}

/** The most node labels shown at once: more is unreadable, and slow to draw. */
export const MAX_LABELS = 150;
/** Below this zoom, only the nodes that matter now (selected, hovered, focused, groups) are labelled. */
const LABEL_ZOOM = 1;

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
  /** Where a node is in the model: unchanged by a later expansion. */
  position(id: string): { x: number; y: number } | null;
  /** How many node labels are visible now. */
  labelCount(): number;
  /** The node with keyboard focus. */
  focused(): string | null;
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
  { selector: 'node.labelled', style: { label: 'data(name)' } },
  {
    selector: 'node.aggregate',
    style: {
      shape: 'round-rectangle',
      width: 'label',
      height: 22,
      padding: '6px',
      label: 'data(name)',
      'text-valign': 'center',
      'text-margin-y': 0,
      'text-max-width': '220px',
      'background-color': '#f4f6f6',
      'border-width': 2,
      'border-style': 'dashed',
      'border-color': '#566573',
      'text-background-opacity': 0,
    },
  },
  {
    selector: 'node.focused',
    style: { 'overlay-color': '#2e86c1', 'overlay-opacity': 0.25, 'overlay-padding': 6 },
  },
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

/** Places new nodes on rings around the node they hang from, leaving every node already placed where it is. */
function ringPositions(
  center: { x: number; y: number },
  count: number,
  from = 0,
): { x: number; y: number }[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const ring = Math.floor(i / 16);
    const slots = 16 + ring * 8;
    const angle = ((i % 16) / slots) * 2 * Math.PI + ring * 0.4;
    const radius = 110 + ring * 60;
    return { x: center.x + Math.cos(angle) * radius, y: center.y + Math.sin(angle) * radius };
  });
}

export interface GraphEvents {
  select(id: string): void;
  expand(id: string): void;
  /** An aggregate node was opened (or asked for more). */
  openGroup(id: string): void;
}

/**
 * The graph canvas: cytoscape, a force-directed layout (cose) only for a first drawing, then new nodes placed
 * around the node they hang from, so that nothing already drawn moves. Labels show by zoom, never more than
 * MAX_LABELS; the canvas is reachable from the keyboard (arrows or Tab move the focus, Enter opens or expands).
 */
export class GraphView {
  private readonly cy: cytoscape.Core;
  private focus: string | null = null;
  private hovered: string | null = null;
  private marks: GraphMarks = { selected: null, expanded: [], pathNodes: [], pathEdges: [] };

  constructor(
    private readonly container: HTMLElement,
    private readonly events: GraphEvents,
  ) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3 });
    const target = (event: cytoscape.EventObject) => event.target as cytoscape.NodeSingular;
    this.cy.on('tap', 'node', (event) => this.activate(target(event).id(), false));
    this.cy.on('dbltap', 'node', (event) => this.activate(target(event).id(), true));
    this.cy.on('mouseover', 'node', (event) => this.hover(target(event).id()));
    this.cy.on('mouseout', 'node', () => this.hover(null));
    this.cy.on('zoom', () => this.label());
    container.tabIndex = 0;
    container.setAttribute('role', 'application');
    container.setAttribute('aria-roledescription', 'graph');
    container.addEventListener('keydown', (event) => this.key(event));
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
      position: (id) => {
        const node = this.cy.getElementById(id);
        return node.empty() ? null : { ...node.position() };
      },
      labelCount: () => this.cy.nodes('.labelled, .aggregate').length,
      focused: () => this.focus,
    };
  }

  /** The canvas, for views that mark its nodes (analytics) or export it. */
  get core(): cytoscape.Core {
    return this.cy;
  }

  draw(data: GraphData, marks: GraphMarks): void {
    const cy = this.cy;
    const nodeIds = new Set([...data.nodes.map((n) => n.id), ...data.aggregates.map((a) => a.id)]);
    const edges = data.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
    const edgeIds = new Set(edges.map((e) => e.id));
    const firstDrawing = cy.nodes().empty();
    let added: cytoscape.NodeSingular[] = [];
    cy.batch(() => {
      cy.elements()
        .filter((el) => (el.isNode() ? !nodeIds.has(el.id()) : !edgeIds.has(el.id())))
        .remove();
      added = this.addNodes(data, edges);
      for (const edge of edges) {
        if (cy.getElementById(edge.id).nonempty()) continue;
        cy.add({
          group: 'edges',
          data: { id: edge.id, source: edge.from, target: edge.to, kind: edge.kind, label: edgeLabel(edge) },
        });
      }
    });
    this.marks = marks;
    this.mark();
    this.arrange(firstDrawing, added.length);
    if (this.focus && cy.getElementById(this.focus).empty()) this.focus = null;
    this.label();
  }

  /**
   * Adds the nodes and groups not drawn yet (renaming those that are), each placed beside a drawn neighbour (a
   * group beside its anchor) so that what grew out of a node appears around it.
   */
  private addNodes(data: GraphData, edges: GraphData['edges']): cytoscape.NodeSingular[] {
    const cy = this.cy;
    const added: cytoscape.NodeSingular[] = [];
    // Each node's neighbours, once: looking them up per node through every edge would be quadratic on a hub.
    const neighbours = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    };
    for (const e of edges) {
      link(e.from, e.to);
      link(e.to, e.from);
    }
    const placed = new Map<string, number>();
    const place = (id: string, anchor: string | undefined): { x: number; y: number } => {
      const base = anchor ? cy.getElementById(anchor) : cy.collection();
      if (base.empty()) {
        const { dx, dy } = jitter(id);
        return { x: dx, y: dy };
      }
      const n = placed.get(anchor as string) ?? base.neighborhood('node').length;
      placed.set(anchor as string, n + 1);
      return ringPositions(base.position(), 1, n)[0] as { x: number; y: number };
    };
    const drawn = (id: string, name: string): boolean => {
      const existing = cy.getElementById(id);
      if (existing.nonempty()) existing.data('name', name);
      return existing.nonempty();
    };
    for (const node of data.nodes) {
      if (drawn(node.id, node.name)) continue;
      const neighbour = neighbours.get(node.id)?.find((id) => cy.getElementById(id).nonempty());
      const data = {
        id: node.id,
        name: node.name,
        category: categoryOf(node.__typename),
        type: node.__typename,
      };
      added.push(cy.add({ group: 'nodes', data, position: place(node.id, neighbour) }));
    }
    for (const aggregate of data.aggregates) {
      if (drawn(aggregate.id, aggregate.label)) continue;
      added.push(
        cy.add({
          group: 'nodes',
          classes: 'aggregate',
          data: { id: aggregate.id, name: aggregate.label, category: 'Group', anchor: aggregate.anchor },
          position: place(aggregate.id, aggregate.anchor),
        }),
      );
    }
    return added;
  }

  /** A first drawing of several nodes is laid out; later additions only bring everything into view. */
  private arrange(firstDrawing: boolean, added: number): void {
    if (firstDrawing && added > 1) {
      this.cy
        .layout({
          name: 'cose',
          animate: false,
          randomize: false,
          fit: true,
          padding: 40,
          idealEdgeLength: () => 90,
          nodeRepulsion: () => 12000,
          numIter: 400,
        })
        .run();
    } else if (added > 0) {
      this.cy.fit(undefined, 40);
    }
  }

  private mark(): void {
    const cy = this.cy;
    const marks = this.marks;
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

  /**
   * Labels what matters now (selected, hovered, focused, expanded, on the path) always; every node only when
   * zoomed in enough that labels can be read, and then only those in view, never more than MAX_LABELS in all.
   */
  private label(): void {
    const cy = this.cy;
    const always = new Set(
      [this.marks.selected, this.hovered, this.focus, ...this.marks.expanded, ...this.marks.pathNodes].filter(
        (id): id is string => id !== null,
      ),
    );
    const extent = cy.extent();
    const inView = (n: cytoscape.NodeSingular): boolean => {
      const p = n.position();
      return p.x >= extent.x1 && p.x <= extent.x2 && p.y >= extent.y1 && p.y <= extent.y2;
    };
    const room = MAX_LABELS - cy.nodes('.aggregate').length;
    const wanted = cy.nodes(':not(.aggregate)').filter((n) => always.has(n.id()));
    const more =
      cy.zoom() >= LABEL_ZOOM
        ? cy.nodes(':not(.aggregate)').filter((n) => !always.has(n.id()) && inView(n))
        : cy.collection();
    const shown = new Set([...wanted.map((n) => n.id()), ...more.map((n) => n.id())].slice(0, room));
    cy.batch(() => {
      cy.nodes(':not(.aggregate)').forEach((n) => {
        if (shown.has(n.id())) n.addClass('labelled');
        else n.removeClass('labelled');
      });
    });
  }

  private hover(id: string | null): void {
    this.hovered = id;
    this.label();
  }

  /** A click (or Enter): a group opens; an entity opens its card, and with `expand` its neighbourhood too. */
  private activate(id: string, expand: boolean): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.setFocus(id);
    if (node.hasClass('aggregate')) this.events.openGroup(id);
    else if (expand) this.events.expand(id);
    else this.events.select(id);
  }

  private setFocus(id: string | null): void {
    this.cy.nodes('.focused').removeClass('focused');
    this.focus = id;
    if (id) {
      const node = this.cy.getElementById(id);
      node.addClass('focused');
      this.container.setAttribute('aria-label', `Graph: ${String(node.data('name'))} focused`);
    }
    this.label();
  }

  /** Nodes in reading order (left to right, top to bottom): what the arrows and Tab walk through. */
  private order(): string[] {
    return this.cy
      .nodes()
      .sort((a, b) => a.position().y - b.position().y || a.position().x - b.position().x)
      .map((n) => n.id());
  }

  private key(event: KeyboardEvent): void {
    const ids = this.order();
    if (ids.length === 0) return;
    const at = this.focus ? ids.indexOf(this.focus) : -1;
    const step = (by: number) => ids[(at + by + ids.length) % ids.length] ?? null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown' || (event.key === 'Tab' && !event.shiftKey)) {
      // Tab leaves the canvas after the last node, as it would leave any list.
      if (event.key === 'Tab' && at === ids.length - 1) return;
      this.setFocus(step(1));
    } else if (
      event.key === 'ArrowLeft' ||
      event.key === 'ArrowUp' ||
      (event.key === 'Tab' && event.shiftKey)
    ) {
      if (event.key === 'Tab' && at <= 0) return;
      this.setFocus(step(-1));
    } else if (event.key === 'Enter' && this.focus) {
      this.activate(this.focus, !event.shiftKey);
    } else if (event.key === ' ' && this.focus) {
      this.activate(this.focus, false);
    } else if (event.key === 'Escape') {
      this.setFocus(null);
    } else if (event.key === '+' || event.key === '=' || event.key === '-') {
      const factor = event.key === '-' ? 1 / 1.25 : 1.25;
      this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: this.centre() });
    } else return;
    event.preventDefault();
    if (this.focus) this.reveal(this.focus);
  }

  private centre(): { x: number; y: number } {
    return { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 };
  }

  /** Pans so that the focused node is in view. */
  private reveal(id: string): void {
    const node = this.cy.getElementById(id);
    const p = node.renderedPosition();
    if (
      p.x < 20 ||
      p.y < 20 ||
      p.x > this.container.clientWidth - 20 ||
      p.y > this.container.clientHeight - 20
    )
      this.cy.center(node);
  }

  /** Draw again at the container's size: the canvas was hidden (the dashboard was showing). */
  resize(): void {
    this.cy.resize();
    this.cy.fit(undefined, 40);
    this.label();
  }
}
