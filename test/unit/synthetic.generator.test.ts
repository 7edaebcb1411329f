import { createHash } from 'node:crypto';
import { random, syntheticDocuments, TIERS } from '../../seed/synthetic/synthetic.generator';

const digest = (seed: number): string =>
  createHash('sha256')
    .update(JSON.stringify([...syntheticDocuments({ tier: '1k', seed, batchSize: 200 })]))
    .digest('hex');

describe('the synthetic generator', () => {
  it('builds the same graph from the same seed, and another from another seed', () => {
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
    expect(random(1)()).toBe(random(1)());
  });

  it('makes as many entities as the tier, in documents of at most the batch size', () => {
    const documents = [...syntheticDocuments({ tier: '1k', batchSize: 200 })];
    const entities = documents.reduce(
      (n, d) =>
        n +
        (d.places?.length ?? 0) +
        (d.institutions?.length ?? 0) +
        (d.people?.length ?? 0) +
        (d.events?.length ?? 0) +
        (d.agreements?.length ?? 0),
      0,
    );
    expect(entities).toBe(TIERS['1k']);
    expect(
      documents.every(
        (d) =>
          [d.places, d.institutions, d.people, d.events, d.agreements].flat().filter(Boolean).length <= 200,
      ),
    ).toBe(true);
  });

  it('splits the 4,020 places of the 1m tier into documents of at most 1,000, each place in an earlier one', () => {
    const seen = new Set<string>();
    const sizes: number[] = [];
    for (const document of syntheticDocuments({ tier: '1m' })) {
      if (!document.places) break;
      sizes.push(document.places.length);
      for (const place of document.places) {
        if (place.in !== undefined) expect(seen.has(place.in)).toBe(true);
        seen.add(place.id as string);
      }
    }
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 20]);
  });

  it('gives hubs: a few institutions hold far more positions than the median', () => {
    const holders = new Map<string, number>();
    for (const document of syntheticDocuments({ tier: '10k' })) {
      for (const person of document.people ?? []) {
        for (const position of person.positions ?? [])
          holders.set(position.institution, (holders.get(position.institution) ?? 0) + 1);
      }
    }
    const counts = [...holders.values()].sort((a, b) => b - a);
    const median = counts[Math.floor(counts.length / 2)] as number;
    expect(counts[0]).toBeGreaterThan(20 * median);
  });
});
