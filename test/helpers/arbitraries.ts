import fc from 'fast-check';

/** One fixed seed for every property run, so that a failure is the same failure again; FC_SEED tries another. */
export const FC_SEED = Number(process.env.FC_SEED ?? 20261202);

/** Letters of the scripts documents come in, and the odd spaces real text carries. */
const SCRIPTS: [number, number][] = [
  [0x41, 0x5a], // Latin
  [0x61, 0x7a],
  [0x4e00, 0x9fff], // CJK
  [0x0621, 0x064a], // Arabic
  [0x0410, 0x044f], // Cyrillic, as Mongolian writes it (with Ө ө Ү ү below)
];
const ODD = [' ', ' ', '\u00a0', '\u3000', '\t', '\u200b', 'Ө', 'ө', 'Ү', 'ү', '-', '.', ',', '(', ')', '’'];

const letter = fc.oneof(
  ...SCRIPTS.map(([from, to]) =>
    fc.integer({ min: from, max: to }).map((code) => String.fromCodePoint(code)),
  ),
  fc.constantFrom(...ODD),
);

/** A name in any of those scripts, within the document format's 500 characters, mostly short, sometimes long. */
export const nameArb = fc
  .oneof(
    { weight: 5, arbitrary: fc.array(letter, { minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.array(letter, { minLength: 400, maxLength: 500 }) },
  )
  .map((chars) => chars.join(''))
  .filter((name) => name.length <= 500);

const dateArb = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const KINDS = ['MINISTRY', 'SCIENCE_PARK', 'UNIVERSITY', 'ENTERPRISE', 'GOVERNMENT_DEPARTMENT'] as const;

/**
 * A valid ingest document: institutions (some part of the one before), people holding positions at them, and
 * events they took part in, all by ref, named in any script. `sourceId`: its source's id.
 */
export const documentArb = (sourceId: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      source: sourceId,
      institutions: fc.array(
        fc.record({
          kind: fc.constantFrom(...KINDS),
          name: nameArb,
          aliases: fc.array(nameArb, { maxLength: 2 }),
          partOfPrevious: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      people: fc.array(
        fc.record({ name: nameArb, at: fc.nat(), title: nameArb, since: fc.option(dateArb) }),
        { maxLength: 3 },
      ),
      events: fc.array(
        fc.record({ name: nameArb, date: dateArb, who: fc.array(fc.nat(), { maxLength: 3 }) }),
        {
          maxLength: 2,
        },
      ),
    })
    .map(({ source, institutions, people, events }) => ({
      source: { id: source, publisher: 'property test', title: 'a generated document' },
      institutions: institutions.map((inst, i) => ({
        ref: `i${i}`,
        kind: inst.kind,
        name: inst.name,
        ...(inst.aliases.length > 0 ? { aliases: inst.aliases } : {}),
        ...(i > 0 && inst.partOfPrevious ? { partOf: `i${i - 1}` } : {}),
      })),
      people: people.map((person, i) => ({
        ref: `p${i}`,
        name: person.name,
        positions: [
          {
            institution: `i${person.at % institutions.length}`,
            title: person.title,
            ...(person.since ? { since: person.since } : {}),
          },
        ],
      })),
      events: events.map((event, i) => ({
        ref: `e${i}`,
        kind: 'MEETING',
        name: event.name,
        date: event.date,
        // One participation per participant: a role is what tells two apart.
        participants: [...new Set(event.who.map((n) => n % institutions.length))].map((n) => ({
          entity: `i${n}`,
          role: 'ATTENDEE',
        })),
      })),
    }));

/** Ways to spoil a valid document, each of which the format or its checks refuse. */
const SPOILERS: [string, (doc: Record<string, unknown>) => void][] = [
  ['an impossible date', (doc) => setEvent(doc, '2025-02-30')],
  ['a missing name', (doc) => delete first(doc, 'institutions').name],
  ['an unknown kind', (doc) => (first(doc, 'institutions').kind = 'CASTLE')],
  ['a reference to nothing', (doc) => (first(doc, 'institutions').partOf = 'nowhere')],
  ['a script address', (doc) => ((doc.source as Record<string, unknown>).url = 'javascript:alert(1)')],
  ['an unknown property', (doc) => (first(doc, 'institutions').colour = 'red')],
  ['a name too long', (doc) => (first(doc, 'institutions').name = 'x'.repeat(501))],
  ['a part of itself', (doc) => (first(doc, 'institutions').partOf = 'i0')],
];

function first(doc: Record<string, unknown>, section: string): Record<string, unknown> {
  return (doc[section] as Record<string, unknown>[])[0] as Record<string, unknown>;
}

function setEvent(doc: Record<string, unknown>, date: string): void {
  doc.events = [{ ref: 'bad-date', kind: 'MEETING', name: 'A meeting', date }];
}

/** A valid document spoiled in one way: [how, the document]. */
export const invalidDocumentArb = (
  sourceId: fc.Arbitrary<string>,
): fc.Arbitrary<[string, Record<string, unknown>]> =>
  fc.tuple(documentArb(sourceId), fc.constantFrom(...SPOILERS)).map(([doc, [how, spoil]]) => {
    const copy = structuredClone(doc);
    spoil(copy);
    return [how, copy];
  });

/**
 * A read operation within the limits: aliased fields, nested selections, inline and named fragments (spread
 * more than once), @skip and @include, over an entity and its relationship lists.
 */
export const operationArb: fc.Arbitrary<string> = fc
  .record({
    fields: fc.array(
      fc.record({
        alias: fc.option(fc.constantFrom('a', 'b', 'c')),
        root: fc.constantFrom(
          'institution(id: "institution:casttc")',
          'node(id: "person:chen-fang")',
          'search(query: "中国 Монгол")',
          'institutions(first: 3)',
        ),
        directive: fc.constantFrom(
          '',
          ' @skip(if: true)',
          ' @skip(if: false)',
          ' @include(if: false)',
          ' @include(if: true)',
        ),
        depth: fc.integer({ min: 0, max: 3 }),
        spreads: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ fields }) => {
    const entity = (depth: number, spreads: number): string => {
      const inner =
        depth === 0
          ? 'id'
          : `id name parent { ${entity(depth - 1, spreads)} } subUnits { ${entity(depth - 1, 0)} }`;
      return `${inner} ${'...Names '.repeat(spreads)} ... on Institution @include(if: true) { acronym }`;
    };
    const selection = (root: string, depth: number, spreads: number): string => {
      const body = entity(depth, spreads);
      if (root.startsWith('search')) return `{ score node { ... on Institution { ${body} } } }`;
      if (root.startsWith('institutions')) return `{ totalCount nodes { ${body} } }`;
      return root.startsWith('node') ? `{ ... on Institution { ${body} } id }` : `{ ${body} }`;
    };
    // Aliases must not clash: a field named twice under one name with other arguments is invalid GraphQL.
    const used = new Set<string>();
    const lines = fields.map((f, i) => {
      const alias = f.alias && !used.has(f.alias) ? f.alias : `f${i}`;
      used.add(alias);
      return `${alias}: ${f.root}${f.directive} ${selection(f.root, f.depth, f.spreads)}`;
    });
    return `query Generated { ${lines.join('\n')} }
fragment Names on Institution { name aliases ...More }
fragment More on Institution { kind sources { url } }`;
  });
