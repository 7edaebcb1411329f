import { isRelationshipKind, type RelationshipKind } from './graph.kinds';

export const VIEWS = ['explore', 'dashboard', 'review'] as const;
export type View = (typeof VIEWS)[number];

/** Everything a view shows is derived from this, and all of it is in the address: reload or share it. */
export interface ExplorerState {
  view: View;
  /** The search box's text. */
  q: string;
  /** The entity whose card and timeline are open. */
  id: string | null;
  /** The entities whose neighbourhoods the graph shows. */
  expanded: string[];
  /** Relationship kinds the graph and the path keep; empty keeps all. */
  kinds: RelationshipKind[];
  from: string | null;
  to: string | null;
  pathFrom: string | null;
  pathTo: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const date = (value: string | null): string | null => (value && DATE.test(value) ? value : null);
const text = (value: string | null): string | null => (value && value.trim() ? value.trim() : null);

export function parseState(search: string): ExplorerState {
  const params = new URLSearchParams(search);
  return {
    view: VIEWS.find((view) => view === params.get('view')) ?? 'explore',
    q: params.get('q') ?? '',
    id: text(params.get('id')),
    expanded: [...new Set(params.getAll('x').filter((x) => x.trim()))],
    kinds: [...new Set(params.getAll('rel').filter(isRelationshipKind))],
    from: date(params.get('from')),
    to: date(params.get('to')),
    pathFrom: text(params.get('pfrom')),
    pathTo: text(params.get('pto')),
  };
}

/** The query string for a state; default values are left out, so addresses stay short. */
export function formatState(state: ExplorerState): string {
  const params = new URLSearchParams();
  if (state.view !== 'explore') params.set('view', state.view);
  if (state.q) params.set('q', state.q);
  if (state.id) params.set('id', state.id);
  state.expanded.forEach((x) => params.append('x', x));
  state.kinds.forEach((k) => params.append('rel', k));
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.pathFrom) params.set('pfrom', state.pathFrom);
  if (state.pathTo) params.set('pto', state.pathTo);
  const query = params.toString();
  return query ? `?${query}` : '';
}
