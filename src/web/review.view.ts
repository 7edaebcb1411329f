import { errorMessage, graphql } from './api.client';
import { button, byId, h } from './dom.helpers';
import type { ExplorerStore } from './explorer.store';
import { CONFIRM_MATCH, REJECT_MATCH, REVIEW, type PairSide, type ReviewPair } from './explorer.queries';
import { PanelLoader } from './panel.loader';
import type { ExplorerState } from './url.state';

interface ReviewList {
  totalCount: number;
  nodes: ReviewPair[];
}

/** The review: open candidate pairs side by side, each confirmed (merged) or rejected with one click. */
export class ReviewView {
  private readonly loader: PanelLoader<ReviewList>;
  private readonly el = byId('review-body');
  private readonly status = byId('review-status');
  private loads = 0;

  constructor(private readonly store: ExplorerStore) {
    this.loader = new PanelLoader(this.el, 'the pairs to review', (list) => this.render(list));
  }

  update(state: ExplorerState): void {
    if (state.view === 'review') this.load();
  }

  invalidate(): void {
    this.loader.invalidate();
  }

  private load(fresh = false): void {
    if (fresh) this.loads++;
    this.loader.load(`review-${this.loads}`, async () => {
      return (await graphql<{ resolutionCandidates: ReviewList }>(REVIEW)).resolutionCandidates;
    });
  }

  private render(list: ReviewList): void {
    if (list.nodes.length === 0) {
      this.el.append(h('p', { class: 'empty' }, 'No open pairs: resolution has nothing left to ask.'));
      return;
    }
    this.el.append(
      h(
        'p',
        { class: 'hint' },
        `${list.totalCount} open pair${list.totalCount === 1 ? '' : 's'}, most likely first.`,
      ),
      h('ol', { class: 'pairs' }, ...list.nodes.map((pair) => this.pair(pair))),
    );
  }

  private pair(pair: ReviewPair): HTMLElement {
    const decide = (what: string, run: () => Promise<unknown>) => async () => {
      this.status.textContent = `${what}…`;
      try {
        await run();
        this.status.textContent = `${what}: done.`;
        this.load(true);
      } catch (error) {
        this.status.textContent = `${what} failed: ${errorMessage(error)}`;
      }
    };
    const keep = (side: PairSide) =>
      button(
        `Confirm, keep ${side.name}`,
        () =>
          void decide(`Merging into ${side.name}`, () =>
            graphql(CONFIRM_MATCH, { id: pair.id, keepId: side.id }),
          )(),
        { class: 'confirm', 'data-keep': side.id },
      );
    return h(
      'li',
      { class: 'pair', 'data-id': pair.id },
      h(
        'div',
        { class: 'pair-head' },
        h('strong', { class: 'score' }, `Score ${pair.score.toFixed(2)}`),
        h('span', { class: 'reasons' }, pair.reasons.join('; ')),
      ),
      h('div', { class: 'sides' }, this.side(pair.a), this.side(pair.b)),
      h(
        'div',
        { class: 'actions' },
        keep(pair.a),
        keep(pair.b),
        button('Reject', () => void decide('Rejecting', () => graphql(REJECT_MATCH, { id: pair.id }))(), {
          class: 'reject',
        }),
      ),
    );
  }

  private side(side: PairSide): HTMLElement {
    const row = (label: string, value: string | null | undefined) =>
      value ? h('div', {}, h('dt', {}, label), h('dd', {}, value)) : null;
    const open = button(side.name, () => this.store.open(side.id, { view: 'explore' }), { class: 'link' });
    return h(
      'section',
      { class: 'side', 'data-entity': side.id },
      h('h3', {}, open),
      h(
        'dl',
        {},
        row('Kind', side.__typename),
        row('Id', side.id),
        row('Also', side.aliases.join(', ')),
        row('Parent', side.parent?.name),
        row('Place', [side.place?.name, side.country?.name].filter(Boolean).join(', ')),
        row('Sources', side.sources.map((source) => source.title).join('; ')),
      ),
    );
  }
}
