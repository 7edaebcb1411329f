import { formatState, parseState, type ExplorerState } from './url.state';

type Listener = (state: ExplorerState) => void;

/** The state, kept in the address: each change is a history entry, so Back undoes it and a reload restores it. */
export class ExplorerStore {
  private current: ExplorerState = parseState(window.location.search);
  private readonly listeners: Listener[] = [];

  constructor() {
    window.addEventListener('popstate', () => {
      this.current = parseState(window.location.search);
      this.emit();
    });
  }

  get state(): ExplorerState {
    return this.current;
  }

  update(patch: Partial<ExplorerState>): void {
    this.current = { ...this.current, ...patch };
    window.history.pushState(null, '', formatState(this.current) || window.location.pathname);
    this.emit();
  }

  /** Shows an entity's card and adds its neighbourhood to the graph. */
  open(id: string, patch: Partial<ExplorerState> = {}): void {
    const { expanded } = this.current;
    this.update({ ...patch, id, expanded: expanded.includes(id) ? expanded : [...expanded, id] });
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  emit(): void {
    this.listeners.forEach((listener) => listener(this.current));
  }
}
