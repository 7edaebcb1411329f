import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { NESTED_LISTS } from '../../src/graphql/list.bounds';
import { prefetchSteps, type PrefetchStep } from '../../src/graphql/prefetch.plan';
import { SelectionWalk } from '../../src/graphql/selection.walk';

/** The steps under the first root field of `query`. */
function stepsOf(query: string, variables: Record<string, unknown> = {}): PrefetchStep[] {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.selectionSet.selections[0];
  const walk = SelectionWalk.ofDocument(document, variables);
  return root?.kind === Kind.FIELD ? prefetchSteps([root.selectionSet], walk) : [];
}

/** The steps written as read(next...) for reading. */
function plan(query: string, variables: Record<string, unknown> = {}): string[] {
  const show = (steps: PrefetchStep[]): string[] =>
    steps.map((s) => `${s.read}${s.next.length ? `(${show(s.next).join(' ')})` : ''}`);
  return show(stepsOf(query, variables));
}

/** The steps' sizes, depth first. */
function firsts(query: string, variables: Record<string, unknown> = {}): number[] {
  const flat = (steps: PrefetchStep[]): number[] => steps.flatMap((s) => [s.first, ...flat(s.next)]);
  return flat(stepsOf(query, variables));
}

describe('look-ahead plans', () => {
  it('follows link objects to their far node and continues from there', () => {
    expect(
      plan(
        `{ institution(id: "x") { name people { title person { positions { institution { name } } } } } }`,
      ),
    ).toEqual(['positionsAt(positionsOfPerson)']);
  });

  it('reads each field as its read (two relationships for events), through fragments and type conditions', () => {
    expect(
      plan(`{ node(id: "x") { ... on Institution { ...Where events { event { name } } } } }
            fragment Where on Institution { place { name } }`),
    ).toEqual(['place', 'involvements']);
  });

  it('merges the same read asked twice, and plans nothing for plain fields', () => {
    expect(
      plan(
        `{ institution(id: "x") { a: people { person { name } } b: people { person { events { role } } } } }`,
      ),
    ).toEqual(['positionsAt(involvements)']);
    expect(plan(`{ institution(id: "x") { id name kind country { code } } }`)).toEqual([]);
  });

  it('stops at a fixed depth and survives fragment cycles', () => {
    const deep = plan(
      `{ person(id: "x") { positions { institution { people { person { positions { institution { people { person { name } } } } } } } } } }`,
    );
    expect(deep).toEqual(['positionsOfPerson(positionsAt(positionsOfPerson(positionsAt)))']);
    expect(
      plan(
        `{ node(id: "x") { ...A } } fragment A on Institution { ...B } fragment B on Institution { ...A parent { name } }`,
      ),
    ).toEqual(['parent']);
  });

  it("reads a list to its first (the table's default when absent, the largest of the fields merged), a count alone to 0", () => {
    const events = NESTED_LISTS['Institution.events'].default;
    const participants = NESTED_LISTS['Event.participants'].default;
    expect(firsts(`{ institution(id: "x") { events { event { participants { role } } } } }`)).toEqual([
      events,
      participants,
    ]);
    expect(
      firsts(
        `query ($n: Int) { institution(id: "x") { parent { name } a: people(first: 2) { title } b: people(first: $n) { title } } }`,
        { n: 7 },
      ),
    ).toEqual([1, 7]);
    expect(firsts(`{ institution(id: "x") { people(first: 100000) { title } } }`)).toEqual([
      NESTED_LISTS['Institution.people'].max,
    ]);
    expect(firsts(`{ institution(id: "x") { eventsCount events(first: 3) { role } peopleCount } }`)).toEqual([
      3, 0,
    ]);
  });

  it("reads a filtered list with its field's filter, a step per filter value", () => {
    const steps = stepsOf(
      `query ($d: Date) { institution(id: "x") { people(asOf: "2019-01-01") { title } old: people(asOf: $d) { title }
         events { event { participants(roles: [HOST]) { role } participantsCount(roles: HOST) } } } }`,
      { d: '2001-02-03' },
    );
    expect(steps.map((s) => [s.read, s.params])).toEqual([
      ['positionsAt', { asOf: '2019-01-01' }],
      ['positionsAt', { asOf: '2001-02-03' }],
      ['involvements', {}],
    ]);
    expect(steps[2]?.next.map((s) => [s.read, s.params, s.first])).toEqual([
      ['participants', { roles: ['HOST'] }, NESTED_LISTS['Event.participants'].default],
    ]);
  });

  it("reads of each node the properties its own selection reads, not a link's own fields or a relationship's", () => {
    const steps = stepsOf(`{ institution(id: "x") { kind people { title since person { name } }
      events { role event { date participants { role capacity participant { id } } } } } }`);
    const keys = (step: PrefetchStep | undefined) => step && [step.keys.any, step.keys.institution];
    expect(keys(steps[0])).toEqual([
      ['id', 'name'],
      ['id', 'name', 'nameLangs', 'nameValues', 'nameSince', 'nameUntil'],
    ]);
    expect(keys(steps[1])).toEqual([
      ['id', 'name', 'date'],
      ['id', 'name', 'date'],
    ]);
    expect(keys(steps[1]?.next[0])).toEqual([
      ['id', 'name'],
      ['id', 'name'],
    ]);
  });
});
