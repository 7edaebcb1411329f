import { errorMessage } from './api.client';
import { button, h } from './dom.helpers';

/**
 * One panel's data: fetched when its key (what it shows) changes, with a loading state, an error that says
 * what went wrong (and a retry), and answers to superseded requests dropped.
 */
export class PanelLoader<T> {
  private key: string | null = null;
  private seq = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly what: string,
    private readonly render: (data: T) => void,
  ) {}

  load(key: string, fetcher: () => Promise<T>): void {
    if (key === this.key) return;
    this.key = key;
    const seq = ++this.seq;
    this.el.setAttribute('aria-busy', 'true');
    this.el.replaceChildren(h('p', { class: 'loading' }, `Loading ${this.what}…`));
    fetcher().then(
      (data) => {
        if (seq !== this.seq) return;
        this.el.removeAttribute('aria-busy');
        this.el.replaceChildren();
        this.render(data);
      },
      (error: unknown) => {
        if (seq !== this.seq) return;
        this.el.removeAttribute('aria-busy');
        this.el.replaceChildren(
          h('p', { class: 'error', role: 'alert' }, `Could not load ${this.what}: ${errorMessage(error)}`),
          button('Retry', () => {
            this.key = null;
            this.load(key, fetcher);
          }),
        );
      },
    );
  }

  /** Shows fixed content (nothing selected, say), cancelling any request in flight. */
  show(...content: Node[]): void {
    this.key = null;
    this.seq++;
    this.el.removeAttribute('aria-busy');
    this.el.replaceChildren(...content);
  }

  /** The next load fetches again, even for the same key: the token changed. */
  invalidate(): void {
    this.key = null;
  }
}
