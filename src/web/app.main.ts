import { CardView } from './card.view';
import { byId } from './dom.helpers';
import { ExplorerStore } from './explorer.store';
import { FiltersView } from './filters.view';
import { GraphController } from './graph.controller';
import { PathView } from './path.view';
import { QueryCache } from './query.cache';
import { SearchView } from './search.view';
import { StatsView } from './stats.view';
import { TimelineView } from './timeline.view';
import { readToken, saveToken } from './token.store';
import type { ExplorerState } from './url.state';

const store = new ExplorerStore();
const cache = new QueryCache();
const graph = new GraphController(store, cache);
const views = [
  new SearchView(store),
  new CardView(store, cache),
  new TimelineView(store),
  new PathView(store, cache),
  new StatsView(store),
  graph,
];
const filters = new FiltersView(store);

const explore = byId('explore');
const dashboard = byId('dashboard');
const tabs = { explore: byId('tab-explore'), dashboard: byId('tab-dashboard') };
tabs.explore.addEventListener('click', () => store.update({ view: 'explore' }));
tabs.dashboard.addEventListener('click', () => store.update({ view: 'dashboard' }));

function render(state: ExplorerState): void {
  const wasHidden = explore.hidden;
  explore.hidden = state.view !== 'explore';
  dashboard.hidden = state.view !== 'dashboard';
  tabs.explore.setAttribute('aria-current', String(state.view === 'explore'));
  tabs.dashboard.setAttribute('aria-current', String(state.view === 'dashboard'));
  document.title =
    state.view === 'dashboard' ? 'Dashboard · institution-graph' : 'Explorer · institution-graph';
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
