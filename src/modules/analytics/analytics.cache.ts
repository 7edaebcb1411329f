/** Tells which state of the graph an answer was computed on: answers are reused only while it stays the same. */
export interface GenerationSource {
  current(): Promise<string>;
}

/** Analytics answers keyed by the question and the graph's generation; the oldest go first beyond `size`. */
export class AnalyticsCache {
  private readonly entries = new Map<string, { generation: string; value: Promise<unknown> }>();

  constructor(
    private readonly generation: GenerationSource,
    private readonly size: number,
  ) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = await this.generation.current();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      // Most recently used last, so that the first is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { generation, value });
    // A failure is not an answer to keep.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
