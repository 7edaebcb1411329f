import type cytoscape from 'cytoscape';
import { errorMessage, graphql } from './api.client';
import {
  BROKERS,
  CENTRALITY,
  COMMUNITIES,
  type BrokerHop,
  type Brokers,
  type BrokerSideInput,
  type Centrality,
  type Communities,
  type Measure,
  type Scope,
} from './analytics.queries';
import { button, byId, h } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import type { SourceRef } from './explorer.queries';
import { readToken } from './token.store';
import type { ExplorerState } from './url.state';

/** The API's MAX_ANALYTICS_RESULTS by default: the most a ranking or a list of communities is asked for. */
const MAX_RESULTS = 100;
const BROKERS_SHOWN = 10;
/** Node sizes by score: the lowest drawn score to the highest. */
const SIZE = { min: 16, max: 64 };
/** Colour-blind-safe (Okabe-Ito and Tol's), one per community by rank; the rest share the last. */
const PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#882255'];
const OTHER = '#9e9e9e';
const ENTITY_CATEGORIES = ['Institution', 'Person'];
const FORMATS = [
  ['graphml', 'GraphML'],
  ['gexf', 'GEXF'],
  ['csv', 'CSV'],
] as const;

/** Read-only access for the browser tests: what a node looks like now. */
export interface AnalyticsProbe {
  size(id: string): number | null;
  colour(id: string): string | null;
}

declare global {
  interface Window {
    explorerAnalytics?: AnalyticsProbe;
  }
}

const communityColour = (rank: number): string => PALETTE[rank - 1] ?? OTHER;

/** Reads a file as a data: address, so that a download names no other origin (not even blob:). */
function download(name: string, data: Blob | string): Promise<void> {
  const link = (href: string) => {
    const a = h('a', { href, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
  };
  if (typeof data === 'string') return Promise.resolve(link(data));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(link(reader.result as string));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(data);
  });
}

/** "CN, MN" is countries; anything else is entity ids. */
function side(text: string): BrokerSideInput | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return null;
  return parts.every((p) => /^[A-Za-z]{2}$/.test(p))
    ? { countries: parts.map((p) => p.toUpperCase()) }
    : { ids: parts };
}

function sourceLinks(sources: SourceRef[]): Node[] {
  return sources.map((source) =>
    source.url && /^https?:\/\//.test(source.url)
      ? h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)
      : h('span', {}, source.title),
  );
}

/**
 * Analytics on the graph view: size the drawn entities by a centrality, colour them by community (with a
 * legend), find the brokers between two sides, and export what is drawn. Asks only about what is drawn: a
 * ranking or a list of communities no longer than the entities on the canvas.
 */
export class AnalyticsView {
  private readonly measure: HTMLSelectElement;
  private readonly colour: HTMLInputElement;
  private readonly legend = h('div', {
    id: 'community-legend',
    class: 'legend-nodes',
    'aria-live': 'polite',
  });
  private readonly status = h('p', { id: 'analytics-status', class: 'status', 'aria-live': 'polite' });
  private readonly brokersResult = h('div', { id: 'brokers-result', 'aria-live': 'polite' });
  private scope: Scope = { from: null, to: null };
  private openId: string | null = null;
  private key = '';
  private seq = 0;
  private pending = false;

  constructor(
    private readonly store: ExplorerStore,
    private readonly cy: cytoscape.Core,
    host: HTMLElement,
  ) {
    this.measure = h(
      'select',
      { id: 'size-by' },
      h('option', { value: '' }, 'Same size'),
      h('option', { value: 'PAGERANK' }, 'PageRank'),
      h('option', { value: 'BETWEENNESS' }, 'Betweenness'),
      h('option', { value: 'DEGREE' }, 'Degree'),
    );
    this.colour = h('input', { id: 'colour-communities', type: 'checkbox' });
    this.measure.addEventListener('change', () => this.refresh());
    this.colour.addEventListener('change', () => this.refresh());
    cy.style()
      .selector('node[asize]')
      .style({ width: 'data(asize)', height: 'data(asize)' })
      .selector('node[acolour]')
      .style({ 'background-color': 'data(acolour)' })
      .update();
    // A drawing adds and removes nodes: the marks follow, once per drawing.
    cy.on('add remove', 'node', () => this.soon());
    host.append(this.controls(), this.brokersForm(), this.brokersResult);
    window.explorerAnalytics = {
      size: (id) => (cy.getElementById(id).empty() ? null : cy.getElementById(id).width()),
      colour: (id) => {
        const node = cy.getElementById(id);
        return node.empty() ? null : ((node.data('acolour') as string | undefined) ?? null);
      },
    };
  }

  private controls(): HTMLElement {
    return h(
      'div',
      { class: 'tools analytics-tools' },
      h('label', { for: 'size-by' }, 'Size by '),
      this.measure,
      h('label', {}, this.colour, ' Colour by community'),
      h(
        'span',
        { role: 'group', 'aria-label': 'Export this view' },
        'Export this view: ',
        ...FORMATS.map(([format, label]) =>
          button(label, () => void this.exportFile(format), { id: `export-${format}` }),
        ),
        button('PNG', () => void this.exportPng(), { id: 'export-png' }),
      ),
      this.legend,
      this.status,
    );
  }

  update(state: ExplorerState): void {
    this.openId = state.id;
    if (state.from === this.scope.from && state.to === this.scope.to) return;
    this.scope = { from: state.from, to: state.to };
    this.refresh();
  }

  invalidate(): void {
    this.key = '';
  }

  private soon(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.refresh();
    });
  }

  private entityIds(): string[] {
    return this.cy
      .nodes(':not(.aggregate)')
      .filter((n) => ENTITY_CATEGORIES.includes(n.data('category') as string))
      .map((n) => n.id());
  }

  private scopeArg(): Record<string, string> {
    const scope: Record<string, string> = {};
    if (this.scope.from) scope.from = this.scope.from;
    if (this.scope.to) scope.to = this.scope.to;
    return scope;
  }

  /** Sizes and colours for the entities drawn now, asked for again only when something they depend on changed. */
  private refresh(): void {
    const ids = this.entityIds();
    const measure = this.measure.value as Measure | '';
    const colour = this.colour.checked;
    const key = JSON.stringify([ids, measure, colour, this.scope]);
    if (key === this.key) return;
    this.key = key;
    const seq = ++this.seq;
    const first = Math.min(ids.length, MAX_RESULTS);
    const scope = this.scopeArg();
    const ask = <T>(query: string, variables: Record<string, unknown>, on: boolean): Promise<T | null> =>
      on && first > 0 ? graphql<T>(query, { ...variables, scope, first }) : Promise.resolve(null);
    this.status.replaceChildren(measure || colour ? 'Computing…' : '');
    Promise.all([
      ask<Centrality>(CENTRALITY, { measure }, measure !== ''),
      ask<Communities>(COMMUNITIES, {}, colour),
    ]).then(
      ([centrality, communities]) => {
        if (seq !== this.seq) return;
        this.paint(centrality, communities);
        this.status.replaceChildren();
      },
      (error: unknown) => {
        if (seq === this.seq) this.status.replaceChildren(`Could not compute: ${errorMessage(error)}`);
      },
    );
  }

  private paint(centrality: Centrality | null, communities: Communities | null): void {
    const scores = new Map(centrality?.centrality.ranked.map((r) => [r.node.id, r.score]) ?? []);
    const top = Math.max(0, ...scores.values());
    const community = new Map<string, number>();
    for (const c of communities?.communities.communities ?? [])
      for (const member of c.members) community.set(member.id, c.rank);
    const drawn = new Map<number, number>();
    this.cy.batch(() => {
      for (const id of this.entityIds()) {
        const node = this.cy.getElementById(id);
        const score = scores.get(id);
        if (!centrality) node.removeData('asize');
        // Below the ranking asked for: the smallest size.
        else node.data('asize', SIZE.min + (top > 0 ? ((score ?? 0) / top) * (SIZE.max - SIZE.min) : 0));
        const rank = community.get(id);
        if (!communities || rank === undefined) node.removeData('acolour');
        else {
          node.data('acolour', communityColour(rank));
          drawn.set(rank, (drawn.get(rank) ?? 0) + 1);
        }
      }
    });
    const sizes = new Map(communities?.communities.communities.map((c) => [c.rank, c.size]) ?? []);
    this.legend.replaceChildren(
      ...[...drawn.entries()]
        .sort(([a], [b]) => a - b)
        .map(([rank, count]) =>
          h(
            'span',
            { 'data-community': rank },
            h('span', { class: 'swatch', style: `background:${communityColour(rank)}` }),
            `Community ${rank} (${count} drawn of ${sizes.get(rank) ?? count})`,
          ),
        ),
    );
  }

  private async exportFile(format: string): Promise<void> {
    const ids = this.cy.nodes(':not(.aggregate)').map((n) => n.id());
    if (ids.length === 0) {
      this.status.replaceChildren('Nothing drawn to export.');
      return;
    }
    this.status.replaceChildren(`Exporting ${ids.length} entities as ${format}…`);
    const token = readToken();
    try {
      const response = await fetch(`/export?format=${format}&ids=${ids.map(encodeURIComponent).join(',')}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
        throw new Error(`HTTP ${response.status}: ${body.errors?.[0]?.message ?? response.statusText}`);
      }
      await download(`institution-graph-view.${format}`, await response.blob());
      this.status.replaceChildren(`Exported ${ids.length} entities as ${format}.`);
    } catch (error) {
      this.status.replaceChildren(`Could not export: ${errorMessage(error)}`);
    }
  }

  private async exportPng(): Promise<void> {
    const png = this.cy.png({ full: true, bg: '#ffffff', scale: 2 });
    await download('institution-graph-view.png', png);
  }

  private brokersForm(): HTMLElement {
    const input = (id: string, label: string) => {
      const field = h('input', {
        id,
        type: 'text',
        placeholder: 'Countries (CN, MN) or entity ids',
        spellcheck: 'false',
      });
      const pick = button('Use the open entity', () => {
        if (this.openId) field.value = [field.value.trim(), this.openId].filter(Boolean).join(', ');
      });
      return h('div', {}, h('label', { for: id }, label), field, pick);
    };
    const form = h(
      'form',
      { id: 'brokers-form', class: 'brokers', 'aria-labelledby': 'brokers-title' },
      h('h2', { id: 'brokers-title' }, 'Brokers'),
      input('brokers-a', 'Side A '),
      input('brokers-b', 'Side B '),
      h('button', { type: 'submit' }, 'Find brokers'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.findBrokers(
        byId<HTMLInputElement>('brokers-a').value,
        byId<HTMLInputElement>('brokers-b').value,
      );
    });
    return form;
  }

  private async findBrokers(aText: string, bText: string): Promise<void> {
    const a = side(aText);
    const b = side(bText);
    if (!a || !b) {
      this.brokersResult.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Give both sides.'));
      return;
    }
    this.brokersResult.setAttribute('aria-busy', 'true');
    this.brokersResult.replaceChildren(h('p', { class: 'loading' }, 'Finding brokers…'));
    try {
      const { brokers } = await graphql<Brokers>(BROKERS, {
        a,
        b,
        scope: this.scopeArg(),
        first: BROKERS_SHOWN,
      });
      this.brokersResult.replaceChildren(
        h('p', {}, `${brokers.pathCount} shortest paths between the sides.`),
        brokers.brokers.length === 0
          ? h('p', {}, 'No entity lies between them.')
          : h(
              'ol',
              { id: 'brokers-list' },
              ...brokers.brokers.map((broker) =>
                h(
                  'li',
                  {},
                  button(broker.node.name, () => this.store.open(broker.node.id), {
                    class: 'broker',
                    'data-id': broker.node.id,
                  }),
                  ` on ${broker.paths} paths (${Math.round(broker.share * 100)}%)`,
                  ...broker.routes.map((route) => h('ol', { class: 'route' }, ...route.hops.map(hopItem))),
                ),
              ),
            ),
      );
    } catch (error) {
      this.brokersResult.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, `Could not find brokers: ${errorMessage(error)}`),
      );
    } finally {
      this.brokersResult.removeAttribute('aria-busy');
    }
  }
}

/** "A → B, via Meeting X (source, source)": one hop of a broker's path with what joins it and who says so. */
function hopItem(hop: BrokerHop): HTMLElement {
  const links = hop.links.map((link) => {
    const sources = [...new Map(link.edges.flatMap((e) => e.sources).map((s) => [s.id, s])).values()];
    return h(
      'span',
      { class: 'hop-link' },
      link.via ? `via ${link.via.name}` : `by ${link.edges.map((e) => e.kind.toLowerCase()).join(', ')}`,
      sources.length ? ' (' : '',
      ...sourceLinks(sources).flatMap((node, i) => (i === 0 ? [node] : [', ', node])),
      sources.length ? ')' : '',
    );
  });
  return h(
    'li',
    { class: 'hop' },
    `${hop.from.name} → ${hop.to.name}`,
    ...links.flatMap((link) => [' ', link]),
  );
}
