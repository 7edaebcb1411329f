import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { NESTED_LISTS } from '../../src/graphql/list.bounds';
import { prefetchSteps, type PrefetchStep } from '../../src/graphql/prefetch.plan';
import { SelectionWalk } from '../../src/graphql/selection.walk';

/** The steps under the first root field of `query`, written as TYPE:DIRECTION(next...) for reading. */
function plan(query: string, variables: Record<string, unknown> = {}): string[] {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.selectionSet.selections[0];
  const show = (steps: PrefetchStep[]): string[] =>
    steps.map((s) => `${s.type}:${s.direction}${s.next.length ? `(${show(s.next).join(' ')})` : ''}`);
  const walk = SelectionWalk.ofDocument(document, variables);
  return show(root?.kind === Kind.FIELD ? prefetchSteps([root.selectionSet], walk) : []);
}

describe('look-ahead plans', () => {
  it('follows link objects to their far node and continues from there', () => {
    expect(
      plan(
        `{ institution(id: "x") { name people { title person { positions { institution { name } } } } } }`,
      ),
    ).toEqual(['HOLDS_POSITION:IN(HOLDS_POSITION:OUT)']);
  });

  it('reads both relationships of a field that has two, and through fragments and type conditions', () => {
    expect(
      plan(`{ node(id: "x") { ... on Institution { ...Where events { event { name } } } } }
            fragment Where on Institution { place { name } }`),
    ).toEqual(['LOCATED_IN:OUT', 'HELD_IN:OUT', 'PARTICIPATED_IN:OUT', 'AT_SITE:IN']);
  });

  it('merges the same relationship asked twice, and plans nothing for plain fields', () => {
    expect(
      plan(
        `{ institution(id: "x") { a: people { person { name } } b: people { person { events { role } } } } }`,
      ),
    ).toEqual(['HOLDS_POSITION:IN(PARTICIPATED_IN:OUT AT_SITE:IN)']);
    expect(plan(`{ institution(id: "x") { id name kind country { code } } }`)).toEqual([]);
  });

  it('stops at a fixed depth and survives fragment cycles', () => {
    const deep = plan(
      `{ person(id: "x") { positions { institution { people { person { positions { institution { people { person { name } } } } } } } } } }`,
    );
    expect(deep).toEqual(['HOLDS_POSITION:OUT(HOLDS_POSITION:IN(HOLDS_POSITION:OUT(HOLDS_POSITION:IN)))']);
    expect(
      plan(
        `{ node(id: "x") { ...A } } fragment A on Institution { ...B } fragment B on Institution { ...A parent { name } }`,
      ),
    ).toEqual(['PART_OF:OUT']);
  });

  it("reads a list ahead only up to its first (the table's default when absent), the largest of the fields merged", () => {
    const limits = (query: string, variables: Record<string, unknown> = {}): number[] => {
      const document = parse(query);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const root = operation.selectionSet.selections[0];
      const flat = (steps: PrefetchStep[]): number[] => steps.flatMap((s) => [s.limit, ...flat(s.next)]);
      const walk = SelectionWalk.ofDocument(document, variables);
      return flat(root?.kind === Kind.FIELD ? prefetchSteps([root.selectionSet], walk) : []);
    };
    const events = NESTED_LISTS['Institution.events'].default;
    const participants = NESTED_LISTS['Event.participants'].default;
    expect(limits(`{ institution(id: "x") { events { event { participants { role } } } } }`)).toEqual([
      events,
      participants,
      events,
      participants,
    ]);
    expect(
      limits(
        `query ($n: Int) { institution(id: "x") { parent { name } a: people(first: 2) { title } b: people(first: $n) { title } } }`,
        {
          n: 7,
        },
      ),
    ).toEqual([1, 7]);
    expect(limits(`{ institution(id: "x") { people(first: 100000) { title } } }`)).toEqual([
      NESTED_LISTS['Institution.people'].max,
    ]);
  });
});
