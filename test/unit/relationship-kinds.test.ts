import { FACT_RELATIONSHIP_TYPES } from '../../src/db/identifier.whitelist';
import { LINK_RULES } from '../../src/ingest/link.rules';
import { explainEdge } from '../../src/traversal/hop.explanation';
import { RelationshipKind } from '../../src/traversal/traversal.type';
import { RELATIONSHIP_COLORS, RELATIONSHIP_KINDS } from '../../src/web/graph.kinds';

describe('the relationship kinds', () => {
  const facts = [...FACT_RELATIONSHIP_TYPES].sort();

  it("are the whitelist's facts everywhere: the schema enum, the link rules and the explorer's filter", () => {
    expect(Object.values(RelationshipKind).sort()).toEqual(facts);
    expect(Object.keys(LINK_RULES).sort()).toEqual(facts);
    expect([...RELATIONSHIP_KINDS].sort()).toEqual(facts);
    expect(Object.keys(RELATIONSHIP_COLORS).sort()).toEqual(facts);
  });

  it.each(FACT_RELATIONSHIP_TYPES)('%s reads as a sentence in a path', (kind) => {
    const sentence = explainEdge(
      { id: 'e', kind, from: 'a', to: 'b', sourceIds: [] },
      { __typename: 'Ministry', id: 'a', labels: [], name: 'Alpha' },
      { __typename: 'Ministry', id: 'b', labels: [], name: 'Beta' },
    );
    expect(sentence).toMatch(/^Alpha .+/);
  });
});
