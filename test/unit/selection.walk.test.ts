import { Kind, parse, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { prefetchSteps } from '../../src/graphql/prefetch.plan';
import { SelectionWalk } from '../../src/graphql/selection.walk';

const operationOf = (document: DocumentNode): OperationDefinitionNode =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

/** Fields, fragment spreads and inline fragments: the selections a document has. */
function selectionsIn(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Field: () => void (count += 1),
    FragmentSpread: () => void (count += 1),
    InlineFragment: () => void (count += 1),
  });
  return count;
}

/** Fragments F0 ... F(levels-1), each spreading the next twice (with `spread` after it), the last `leaf`. */
function doubling(levels: number, leaf: string, spread = ''): string {
  return Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { ${leaf} }`
      : `fragment F${i} on Query { ...F${i + 1} ${spread} ...F${i + 1} ${spread} }`,
  ).join('\n');
}

const names = (walk: SelectionWalk, document: DocumentNode): string[] =>
  walk.fields([operationOf(document).selectionSet]).map((f) => f.alias?.value ?? f.name.value);

describe('walks of a selection', () => {
  it.each([
    ['spread twice at every level', ''],
    ['skipped twice at every level', '@skip(if: $skip)'],
  ])(
    'visit each selection of a fragment %s once: visits grow with the document, not with 2^levels',
    (_, spread) => {
      const visitsFor = (levels: number) => {
        const document = parse(
          `query ($skip: Boolean) { ...F0 }\n${doubling(levels, 'about { name }', spread)}`,
        );
        const walk = SelectionWalk.ofDocument(document, { skip: false });
        expect(names(walk, document)).toEqual(['about']);
        walk.reachableFields([operationOf(document).selectionSet]);
        return { visits: walk.visits, selections: selectionsIn(document) };
      };
      const ten = visitsFor(10);
      const twenty = visitsFor(20);
      // Each of the two walks visits every selection at most once.
      expect(twenty.visits).toBeLessThanOrEqual(2 * twenty.selections);
      expect(twenty.visits).toBeLessThan(3 * ten.visits);
    },
  );

  it('honours @skip and @include, literal or from variables, as execution does', () => {
    const document = parse(`query ($yes: Boolean!, $no: Boolean!) {
      a: about @skip(if: true) { name }
      b: about @include(if: false) { name }
      c: about @include(if: $yes) { name }
      d: about @skip(if: $no) { name }
      e: about @skip(if: $yes) { name }
      ...F @include(if: $no)
      ... on Query @skip(if: $yes) { f: about { name } }
      ... on Query @skip(if: $no) { g: about { name } }
    }
    fragment F on Query { h: about { name } }`);
    expect(names(SelectionWalk.ofDocument(document, { yes: true, no: false }), document)).toEqual([
      'c',
      'd',
      'g',
    ]);
    // A condition that is not a boolean (not given yet) leaves the selection in: walks never see less.
    expect(names(SelectionWalk.ofDocument(document, {}), document)).toEqual(['c', 'd', 'e', 'h', 'f', 'g']);
  });

  it('reads ahead nothing that is skipped, and a bounded plan from fragments doubled under relationships', () => {
    const skipped = parse(`query ($deep: Boolean = false) { institution(id: "x") {
      parent @include(if: $deep) { name } subUnits { name } } }`);
    const root = operationOf(skipped).selectionSet.selections[0]!;
    const plan = (variables: Record<string, unknown>) =>
      root.kind === Kind.FIELD
        ? prefetchSteps([root.selectionSet], SelectionWalk.ofDocument(skipped, variables)).map((s) => s.read)
        : [];
    expect(plan({ deep: false })).toEqual(['parts']);
    expect(plan({ deep: true })).toEqual(['parent', 'parts']);

    const visitsFor = (levels: number) => {
      const fragments = Array.from({ length: levels }, (_, i) =>
        i === levels - 1
          ? `fragment G${i} on Institution { name }`
          : `fragment G${i} on Institution { subUnits { ...G${i + 1} ...G${i + 1} } parent { ...G${i + 1} }
             people { person { positions { institution { ...G${i + 1} } } } } ...G${i + 1} }`,
      ).join('\n');
      const document = parse(`{ institution(id: "x") { ...G0 } }\n${fragments}`);
      const field = operationOf(document).selectionSet.selections[0]!;
      const walk = SelectionWalk.ofDocument(document);
      const steps = field.kind === Kind.FIELD ? prefetchSteps([field.selectionSet], walk) : [];
      expect(steps.map((s) => s.read)).toEqual(['parts', 'parent', 'positionsAt']);
      return walk.visits;
    };
    expect(visitsFor(20)).toBeLessThan(3 * visitsFor(10));
  });
});
