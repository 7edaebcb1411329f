/**
 * Answers kept by what was asked, for the graph's neighbourhoods, the path and cards: expanding one more node
 * fetches one neighbourhood, not all of them again. A failed request is forgotten, so a retry asks again.
 */
export class QueryCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) return known as Promise<T>;
    const promise = fetcher();
    this.entries.set(key, promise);
    promise.catch(() => this.entries.delete(key));
    return promise;
  }

  /** A new token may see different data, or none. */
  clear(): void {
    this.entries.clear();
  }
}
