import { AnalyticsView } from './analytics.view';
import { CardView } from './card.view';
import { byId } from './dom.helpers';
import { ExplorerStore } from './explorer.store';
import { FiltersView } from './filters.view';
import { GraphController } from './graph.controller';
import { PathView } from './path.view';
import { QueryCache } from './query.cache';
import { ReviewView } from './review.view';
import { SearchView } from './search.view';
import { StatsView } from './stats.view';
import { TimelineView } from './timeline.view';
import { readToken, saveToken } from './token.store';
import { VIEWS, type ExplorerState, type View } from './url.state';

const store = new ExplorerStore();
const cache = new QueryCache();
const graph = new GraphController(store, cache);
const views = [
  new SearchView(store),
  new CardView(store, cache),
  new TimelineView(store),
  new PathView(store, cache),
  new StatsView(store),
  new ReviewView(store),
  graph,
  new AnalyticsView(store, graph.canvas, byId('analytics')),
];
const filters = new FiltersView(store);

const explore = byId('explore');
const TITLES: Record<View, string> = { explore: 'Explorer', dashboard: 'Dashboard', review: 'Review' };
const tabs = VIEWS.map((view) => ({ view, tab: byId(`tab-${view}`), main: byId(view) }));
tabs.forEach(({ view, tab }) => tab.addEventListener('click', () => store.update({ view })));

function render(state: ExplorerState): void {
  const wasHidden = explore.hidden;
  tabs.forEach(({ view, tab, main }) => {
    main.hidden = state.view !== view;
    tab.setAttribute('aria-current', String(state.view === view));
  });
  document.title = `${TITLES[state.view]} · institution-graph`;
  filters.update(state);
  views.forEach((view) => view.update(state));
  if (wasHidden && !explore.hidden) graph.shown();
}

const tokenInput = byId<HTMLInputElement>('token');
const tokenStatus = byId('token-status');
function showToken(): void {
  const token = readToken();
  tokenInput.value = token;
  tokenStatus.textContent = token ? 'Token set (sent as Bearer)' : 'No token';
}
byId<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveToken(tokenInput.value);
  showToken();
  // Whatever was loaded (or refused) with the old token is loaded again with the new one.
  cache.clear();
  views.forEach((view) => view.invalidate());
  render(store.state);
});
byId('token-clear').addEventListener('click', () => {
  tokenInput.value = '';
  byId<HTMLFormElement>('token-form').requestSubmit();
});

showToken();
store.subscribe(render);
render(store.state);
