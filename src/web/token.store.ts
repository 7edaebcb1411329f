// sessionStorage: the token lives as long as the tab, and never goes into the URL (addresses are shared).
const KEY = 'institution-graph.token';

export const readToken = (): string => sessionStorage.getItem(KEY) ?? '';

export function saveToken(token: string): void {
  const trimmed = token.trim();
  if (trimmed) sessionStorage.setItem(KEY, trimmed);
  else sessionStorage.removeItem(KEY);
}
