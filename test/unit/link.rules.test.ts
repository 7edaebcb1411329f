import { syntheticDocuments } from '../../seed/synthetic/synthetic.generator';
import { planDocument, type WritePlan } from '../../src/ingest/document.plan';
import type { IngestDocument } from '../../src/ingest/document.types';
import { checkPlanLinks, type GraphFacts } from '../../src/ingest/link.rules';
import { readSeedDocuments } from '../../src/ingest/seed.loader';

/** What the graph would know after the given plans were written: every declared id with its category. */
function factsAfter(plans: WritePlan[]): GraphFacts {
  const facts: GraphFacts = { resolved: new Map(), categories: new Map() };
  for (const row of plans.flatMap((plan) => plan.nodes.flatMap((group) => group.rows))) {
    const id = row.explicitId ?? row.generatedId;
    facts.resolved.set(id, id);
    facts.categories.set(id, row.category);
  }
  return facts;
}

const plansOf = (documents: IngestDocument[]): WritePlan[] => documents.map(planDocument);

describe('the link rules', () => {
  it.each([
    ['the seed documents', () => plansOf(readSeedDocuments().map((d) => d.document))],
    ['the synthetic generator (1k)', () => plansOf([...syntheticDocuments({ tier: '1k', batchSize: 200 })])],
  ])('accept every relationship in %s', (_, plans) => {
    const all = plans();
    const facts = factsAfter(all);
    for (const plan of all) expect(() => checkPlanLinks(plan, facts)).not.toThrow();
  });

  it('name the field that refers to the wrong end, and what the relationship may join', () => {
    const plan = planDocument({
      source: { id: 's', publisher: 'p', title: 't' },
      people: [{ ref: 'p', name: 'Someone' }],
      institutions: [{ ref: 'i', kind: 'MINISTRY', name: 'A Ministry', partOf: 'p' }],
    });
    expect(() => checkPlanLinks(plan, factsAfter([]))).toThrow(
      'institutions[0].partOf: PART_OF links an institution to an institution or an event to an event, not an institution to a person',
    );
  });

  it('refuse a cycle within the document, and take a long chain in linear time', () => {
    const source = { id: 's', publisher: 'p', title: 't' };
    const chain = (n: number, closing?: string) =>
      planDocument({
        source,
        institutions: Array.from({ length: n }, (_, i) => ({
          ref: `u${i}`,
          kind: 'COMMITTEE' as const,
          name: `Unit ${i}`,
          partOf: i + 1 < n ? `u${i + 1}` : closing,
        })),
      });
    const long = chain(5_000);
    const started = Date.now();
    expect(() => checkPlanLinks(long, factsAfter([]))).not.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(() => checkPlanLinks(chain(3, 'u0'), factsAfter([]))).toThrow(
      'institutions[0].partOf: PART_OF would make a cycle: u0 -> u1 -> u2 -> u0',
    );
  });
});
