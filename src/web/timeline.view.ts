import { graphql } from './api.client';
import { button, byId, h, words } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { TIMELINE, type TimelineEntry } from './explorer.queries';
import { typeLabel } from './graph.kinds';
import { PanelLoader } from './panel.loader';
import type { ExplorerState } from './url.state';

/** The open entity's events in date order, within the date filter. */
export class TimelineView {
  private readonly loader: PanelLoader<TimelineEntry[]>;
  private readonly el = byId('timeline');

  constructor(private readonly store: ExplorerStore) {
    this.loader = new PanelLoader(this.el, 'the timeline', (entries) => this.render(entries));
  }

  update(state: ExplorerState): void {
    const { id, from, to } = state;
    if (!id) {
      this.loader.show(h('p', { class: 'hint' }, 'The open entity’s events appear here, in date order.'));
      return;
    }
    this.loader.load(
      JSON.stringify([id, from, to]),
      async () => (await graphql<{ timeline: TimelineEntry[] }>(TIMELINE, { id, from, to })).timeline,
    );
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private render(entries: TimelineEntry[]): void {
    const { id, from, to } = this.store.state;
    if (entries.length === 0) {
      const within = from || to ? ' within the date range' : '';
      this.el.append(h('p', { class: 'empty' }, `No events${within}.`));
      return;
    }
    this.el.append(
      h(
        'ol',
        { class: 'timeline' },
        ...entries.map((entry) =>
          h(
            'li',
            { 'data-id': entry.event.id },
            h('time', {}, entry.date ?? 'undated'),
            button(entry.event.name, () => this.store.open(entry.event.id), { class: 'link' }),
            h(
              'span',
              { class: 'role' },
              ` ${typeLabel(entry.event.__typename).toLowerCase()}, ${words(entry.role)}`,
              entry.via.id !== id ? `, via ${entry.via.name}` : '',
            ),
          ),
        ),
      ),
    );
  }
}
