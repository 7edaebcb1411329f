import { planDocument } from '../../src/ingest/document.plan';
import { checkDocument } from '../../src/ingest/ingest.service';

const MAX_DOCUMENT_BYTES = 1_000_000;

/** The largest document the default limit lets through: a thousand people at twenty events each. */
function largestDocument(): unknown {
  const people = Array.from({ length: 1000 }, (_, i) => ({ ref: `p${i}`, name: `Person ${i}` }));
  const events = Array.from({ length: 20 }, (_, e) => ({
    ref: `e${e}`,
    kind: 'MEETING',
    name: `Meeting ${e}`,
    date: '2020-01-01',
    participants: people.map((p) => ({ entity: p.ref, role: 'ATTENDEE' })),
  }));
  return { source: { id: 'source:large', publisher: 'test', title: 'large' }, people, events };
}

describe('planning a document', () => {
  it('is linear in its size: the largest document allowed plans in well under a second', () => {
    const document = checkDocument(largestDocument(), MAX_DOCUMENT_BYTES);
    const started = performance.now();
    const plan = planDocument(document);
    const elapsed = performance.now() - started;
    expect(plan.relationships.find((r) => r.type === 'PARTICIPATED_IN')?.rows).toHaveLength(20_000);
    // A backstop against quadratic work (seconds before appends stopped copying the list), not a speed goal.
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses an id that belongs to another kind', () => {
    const document = checkDocument(
      {
        source: { id: 'source:claim', publisher: 'test', title: 'claim' },
        institutions: [{ id: 'event:2030-01-01-future-summit', kind: 'MINISTRY', name: 'Squatter' }],
      },
      MAX_DOCUMENT_BYTES,
    );
    let error: unknown;
    try {
      planDocument(document);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'institutions[0].id' },
      message: 'institutions[0].id: "event:2030-01-01-future-summit" starts as ids of the kind Event do',
    });
  });
});
