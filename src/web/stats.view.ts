import { graphql } from './api.client';
import { byId, h } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { STATS, type Stats } from './explorer.queries';
import { CATEGORY_STYLES, type Category, typeLabel } from './graph.kinds';
import { PanelLoader } from './panel.loader';
import { barChart, columnChart } from './svg.chart';
import type { ExplorerState } from './url.state';

const PLURAL: Record<string, string> = {
  Institution: 'institutions',
  Person: 'people',
  Event: 'events',
  Place: 'places',
  Agreement: 'agreements',
  Commitment: 'commitments',
  Framework: 'frameworks',
};

const color = (category: string): string => CATEGORY_STYLES[category as Category]?.color ?? '#555';

/** The dashboard: the `stats` query as totals and charts. */
export class StatsView {
  private readonly loader: PanelLoader<Stats>;
  private readonly el = byId('dashboard-body');

  constructor(private readonly store: ExplorerStore) {
    this.loader = new PanelLoader(this.el, 'the statistics', (stats) => this.render(stats));
  }

  update(state: ExplorerState): void {
    if (state.view === 'dashboard')
      this.loader.load('stats', async () => (await graphql<{ stats: Stats }>(STATS)).stats);
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private section(id: string, title: string, ...content: Node[]): HTMLElement {
    return h('section', { class: 'chart-card', id }, h('h2', {}, title), ...content);
  }

  private render(stats: Stats): void {
    if (stats.entitiesByKind.length === 0) {
      this.el.append(
        h(
          'p',
          { class: 'empty' },
          'The graph is empty: load documents (npm run seed, npm run ingest) first.',
        ),
      );
      return;
    }
    this.el.append(
      this.totals(stats),
      h(
        'div',
        { class: 'charts' },
        this.countries(stats),
        this.section(
          'chart-years',
          'Events per year',
          columnChart(
            stats.eventsPerYear.map((p) => ({ key: p.period, label: p.period, values: [p.count] })),
            color('Event'),
          ),
        ),
        this.mostConnected(stats),
        this.cooperation(stats),
        this.section(
          'chart-kinds',
          'Entities by kind',
          barChart(
            stats.entitiesByKind.map((k) => ({
              key: k.kind,
              label: typeLabel(k.kind),
              values: [k.count],
              color: color(k.category),
            })),
            [{ name: 'entities', color: '#2471a3' }],
          ),
        ),
      ),
    );
  }

  /** A tile per category, in a fixed order, so that the tiles stay in place from one load to the next. */
  private totals(stats: Stats): HTMLElement {
    const counted = new Set(stats.entitiesByKind.map((k) => k.category));
    const totals = new Map<string, number>(
      Object.keys(PLURAL)
        .filter((category) => counted.has(category))
        .map((category) => [category, 0]),
    );
    stats.entitiesByKind.forEach((k) => totals.set(k.category, (totals.get(k.category) ?? 0) + k.count));
    return h(
      'div',
      { class: 'tiles', id: 'totals' },
      ...[...totals].map(([category, count]) =>
        h(
          'div',
          { class: 'tile', 'data-category': category, style: `border-color:${color(category)}` },
          h('strong', {}, String(count)),
          h('span', {}, PLURAL[category] ?? category),
        ),
      ),
    );
  }

  private countries(stats: Stats): HTMLElement {
    return this.section(
      'chart-countries',
      'Institutions by country',
      barChart(
        stats.institutionsByCountry.map((c) => ({
          key: c.code ?? 'none',
          label: c.code ? (c.name ? `${c.code} ${c.name}` : c.code) : 'No known country',
          values: [c.count],
        })),
        [{ name: 'institutions', color: color('Institution') }],
      ),
    );
  }

  private mostConnected(stats: Stats): HTMLElement {
    return this.section(
      'chart-top',
      'Most connected entities',
      barChart(
        stats.topEntities.map((t) => ({
          key: t.node.id,
          label: t.node.name.length > 30 ? `${t.node.name.slice(0, 29)}…` : t.node.name,
          values: [t.degree],
          onClick: () => this.store.open(t.node.id, { view: 'explore' }),
        })),
        [{ name: 'relationships', color: '#566573' }],
        230,
      ),
      h('p', { class: 'hint' }, 'Click one to explore it.'),
    );
  }

  private cooperation(stats: Stats): HTMLElement {
    return this.section(
      'chart-cooperation',
      'Cooperation between countries',
      stats.countryCooperation.length === 0
        ? h('p', { class: 'empty' }, 'No events or agreements join two countries yet.')
        : barChart(
            stats.countryCooperation.map((p) => ({
              key: `${p.a}-${p.b}`,
              label: `${p.a} – ${p.b}`,
              values: [p.events, p.agreements],
            })),
            [
              { name: 'events', color: color('Event') },
              { name: 'agreements', color: color('Agreement') },
            ],
            90,
          ),
      h(
        'p',
        { class: 'legend' },
        h('span', { class: 'swatch', style: `background:${color('Event')}` }),
        'events with participants from both ',
        h('span', { class: 'swatch', style: `background:${color('Agreement')}` }),
        'agreements with parties from both',
      ),
    );
  }
}
