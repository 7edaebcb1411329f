import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { prefetchSteps, type PrefetchStep } from '../../src/graphql/prefetch.plan';
import { SelectionWalk } from '../../src/graphql/selection.walk';
import { treeParameters, treesCypher } from '../../src/modules/entity/entity.repository';

/**
 * The look-ahead's Cypher for representative selections, as snapshots (like @neo4j/graphql's TCK): a change to
 * the compiler shows here as a diff of the query sent, without a Neo4j. The per-node keys are asserted beside
 * each: they are parameters, not part of the text.
 */

/** The look-ahead of the first root field of `query`, as the root resolver would plan and send it. */
function lookAhead(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.selectionSet.selections[0];
  const walk = SelectionWalk.ofDocument(document, variables);
  const steps = root?.kind === Kind.FIELD ? prefetchSteps([root.selectionSet], walk) : [];
  const { firsts, filters, keys, institutionKeys, placeKeys, relKeys } = treeParameters(steps);
  return {
    plan: plan(steps),
    cypher: steps.length > 0 ? layout(treesCypher(steps)) : null,
    firsts: firsts.map((first) => first.toNumber()),
    filters,
    keys,
    institutionKeys,
    placeKeys,
    relKeys,
  };
}

/** One clause a line, subqueries indented (a map's braces stay on their line), for a readable diff. */
function layout(cypher: string): string {
  const flat = cypher.replace(/\s+/g, ' ').trim();
  const blocks: boolean[] = [];
  let out = '';
  const newline = (): void => {
    out = `${out.trimEnd()}\n${'  '.repeat(blocks.filter(Boolean).length)}`;
  };
  for (let i = 0; i < flat.length; i += 1) {
    const rest = flat.slice(i);
    if (/^(MATCH|ORDER BY|RETURN|WITH|UNION ALL|CALL|WHERE) /.test(rest) && /[ {]$/.test(out)) newline();
    const char = flat[i] as string;
    if (char === '{') {
      const block = /(COLLECT|COUNT|\)) $/.test(out);
      blocks.push(block);
      out += char;
      if (block) newline();
    } else if (char === '}') {
      if (blocks.pop()) {
        newline();
      }
      out += char;
    } else out += char;
  }
  return out.trim();
}

/** Each step as read[first](any keys | institution keys), depth first. */
function plan(steps: PrefetchStep[]): string[] {
  return steps.flatMap((step) => [
    `${step.read}[${step.first}] ${step.keys.any.join(',')} | ${step.keys.institution.join(',')}`,
    ...plan(step.next).map((line) => `  ${line}`),
  ]);
}

const DETAILED = ['id', 'name', 'nameLangs', 'nameValues', 'nameSince', 'nameUntil'];

describe('look-ahead Cypher', () => {
  it('institution detail (the bench query): names only where selected, a date for events', () => {
    const read = lookAhead(`query Detail($id: ID!) { institution(id: $id) { id name kind
      people { title since until person { id name } }
      events { role event { id name date participants { role participant { id name } } } } } }`);
    expect(read.plan).toEqual([
      `positionsAt[100] id,name | ${DETAILED.join(',')}`,
      `involvements[100] id,name,date | ${[...DETAILED, 'date'].join(',')}`,
      `  participants[20] id,name | ${DETAILED.join(',')}`,
    ]);
    // Of the relationships, what the link objects select: a position's dates and title, a participation's role.
    expect(read.relKeys).toEqual([['title', 'since', 'until'], ['role'], ['role']]);
    expect(read).toMatchSnapshot();
  });

  it('a node selected for its id only reads id and name, and a count alone reads no items', () => {
    const read = lookAhead(`{ institution(id: "x") { peopleCount subUnits { id } } }`);
    expect(read.plan).toEqual(['positionsAt[0] id,name | id,name', 'parts[100] id,name | id,name']);
    expect(read.relKeys).toEqual([[], []]);
    expect(read).toMatchSnapshot();
  });

  it('nested fragments: each node reads what its fragments select, and one read asked twice reads both', () => {
    const read = lookAhead(`{ institution(id: "x") { ...Outer } }
      fragment Outer on Institution { subUnits { ...Inner } a: people { person { name } } }
      fragment Inner on Institution { acronym ...Deeper }
      fragment Deeper on Institution { kind place { name } }
      fragment Email on Person { email }
      query Other { institution(id: "y") { people { person { ...Email } } } }`);
    expect(read.plan).toEqual([
      `parts[100] id,name,acronym,kind | id,name,acronym,kind`,
      `  place[1] id,name | ${DETAILED.join(',')}`,
      `positionsAt[100] id,name | ${DETAILED.join(',')}`,
    ]);
    // A place is read with its kind: it may be what names its type.
    expect(read.placeKeys[1]).toEqual(['id', 'name', 'kind']);
    expect(read).toMatchSnapshot();
  });

  it('type conditions: a list of entities reads the properties of each type it names', () => {
    const read = lookAhead(`{ node(id: "x") {
      ... on Event { participants { participant { ... on Person { gender } ... on Institution { acronym } } } }
      ... on Institution { events { event { ... on Meeting { date } } } } } }`);
    expect(read.plan).toEqual([
      'participants[20] id,name,gender,acronym | id,name,gender,acronym',
      'involvements[100] id,name,date | id,name,date',
    ]);
    expect(read).toMatchSnapshot();
  });

  it('@skip and @include: a field left out reads nothing, with literals and with variables', () => {
    const read = lookAhead(
      `query ($skip: Boolean!, $with: Boolean!) { institution(id: "x") {
        subUnits { acronym @skip(if: $skip) kind @include(if: $with) }
        people @skip(if: true) { person { name } }
        events @include(if: $with) { event { date @include(if: false) } } } }`,
      { skip: true, with: true },
    );
    expect(read.plan).toEqual([
      'parts[100] id,name,kind | id,name,kind',
      'involvements[100] id,name | id,name',
    ]);
    expect(read).toMatchSnapshot();
  });

  it('filters: asOf and roles are parameters of their own steps, one step per value', () => {
    const read = lookAhead(
      `query ($d: Date) { institution(id: "x") {
        then: people(asOf: "2019-01-01", first: 5) { person { name } }
        now: people(asOf: $d) { since person { id } }
        events { event { participants(roles: [HOST]) { participant { id } } } } } }`,
      { d: '2021-06-30' },
    );
    expect(read.filters).toEqual([
      { asOf: '2019-01-01', roles: null },
      { asOf: '2021-06-30', roles: null },
      { asOf: null, roles: null },
      { asOf: null, roles: ['HOST'] },
    ]);
    expect(read.firsts).toEqual([5, 100, 100, 20]);
    expect(read).toMatchSnapshot();
  });
});
