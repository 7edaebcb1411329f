type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

const present = (children: Child[]): (Node | string)[] =>
  children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);

/** An HTML element with attributes and children; text is always text, never parsed as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...present(children));
  return el;
}

/** An SVG element, for the hand-made charts. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  el.append(...present(children));
  return el;
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const el = h('button', { type: 'button', ...attrs }, label);
  el.addEventListener('click', onClick);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** "DELEGATION_LEAD" as a person would write it: "delegation lead". */
export const words = (constant: string): string => constant.toLowerCase().replace(/_/g, ' ');

/** A date span as the card and the path show it: "since 2019-01-01", "2018-05-02 – 2020-01-01". */
export function dateSpan(since: string | null, until: string | null): string {
  if (since && until) return `${since} – ${until}`;
  if (since) return `since ${since}`;
  if (until) return `until ${until}`;
  return '';
}

/** "20 of 1,553 shown" beside a list cut to its first page; nothing when the list is whole. */
export function shownOf(shown: number, total: number | undefined): string {
  return total !== undefined && total > shown
    ? `${shown.toLocaleString('en')} of ${total.toLocaleString('en')} shown`
    : '';
}
