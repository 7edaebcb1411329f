import { errorMessage, graphql } from './api.client';
import { button, byId, h, shownOf, words } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { TIMELINE, TIMELINE_PAGE_SIZE, type TimelineEntry, type TimelinePage } from './explorer.queries';
import { typeLabel } from './graph.kinds';
import { PanelLoader } from './panel.loader';
import type { ExplorerState } from './url.state';

/** The entries shown so far, and where the next page starts. */
interface Shown {
  /** The entity and dates shown: update() forgets what was shown when they change. */
  key: string;
  entries: TimelineEntry[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The open entity's events in date order, within the date filter, a page at a time ("Show more"). */
export class TimelineView {
  private readonly loader: PanelLoader<Shown>;
  private readonly el = byId('timeline');
  private shown: Shown | null = null;

  constructor(private readonly store: ExplorerStore) {
    this.loader = new PanelLoader(this.el, 'the timeline', (shown) => this.render(shown));
  }

  update(state: ExplorerState): void {
    const { id, from, to } = state;
    const key = JSON.stringify([id, from, to]);
    // A page still loading for what was shown before is dropped when it arrives (more()).
    if (this.shown?.key !== key) this.shown = null;
    if (!id) {
      this.loader.show(h('p', { class: 'hint' }, 'The open entity’s events appear here, in date order.'));
      return;
    }
    this.loader.load(key, async () => {
      const page = await this.page(state, null);
      return { key, entries: page.nodes, totalCount: page.totalCount, ...page.pageInfo };
    });
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private async page(state: ExplorerState, after: string | null): Promise<TimelinePage> {
    const { id, from, to } = state;
    const variables = { id, from, to, first: TIMELINE_PAGE_SIZE, after };
    return (await graphql<{ timelinePage: TimelinePage }>(TIMELINE, variables)).timelinePage;
  }

  /** Adds the next page below the entries shown, unless the open entity or the dates changed meanwhile. */
  private async more(shown: Shown, status: HTMLElement, control: HTMLButtonElement): Promise<void> {
    const focused = document.activeElement === control;
    control.disabled = true;
    status.textContent = 'Loading more…';
    this.el.setAttribute('aria-busy', 'true');
    try {
      const page = await this.page(this.store.state, shown.endCursor);
      if (this.shown !== shown) return;
      this.el.removeAttribute('aria-busy');
      this.el.replaceChildren();
      this.render({
        ...shown,
        entries: [...shown.entries, ...page.nodes],
        totalCount: page.totalCount,
        ...page.pageInfo,
      });
      // From the keyboard, focus stays where the list goes on: the next "Show more", or the count.
      if (focused)
        (
          this.el.querySelector<HTMLElement>('#timeline-more') ??
          this.el.querySelector<HTMLElement>('#timeline-count')
        )?.focus();
    } catch (error) {
      if (this.shown !== shown) return;
      this.el.removeAttribute('aria-busy');
      status.textContent = `Could not load more: ${errorMessage(error)}`;
      control.disabled = false;
    }
  }

  private render(shown: Shown): void {
    this.shown = shown;
    const { id, from, to } = this.store.state;
    if (shown.entries.length === 0) {
      const within = from || to ? ' within the date range' : '';
      this.el.append(h('p', { class: 'empty' }, `No events${within}.`));
      return;
    }
    // Once more pages were added, the count says the list is now whole.
    const count =
      shown.entries.length > TIMELINE_PAGE_SIZE && !shown.hasNextPage
        ? `All ${shown.totalCount.toLocaleString('en')} shown`
        : shownOf(shown.entries.length, shown.totalCount);
    const status = h(
      'p',
      { class: 'count', id: 'timeline-count', 'aria-live': 'polite', tabindex: -1 },
      count,
    );
    this.el.append(
      h(
        'ol',
        { class: 'timeline' },
        ...shown.entries.map((entry) =>
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
      status,
    );
    if (shown.hasNextPage) {
      const control = button(
        `Show ${TIMELINE_PAGE_SIZE} more`,
        () => void this.more(shown, status, control),
        {
          id: 'timeline-more',
        },
      );
      this.el.append(control);
    }
  }
}
