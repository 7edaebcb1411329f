import {
  categoryOfField,
  fieldsWithGivenId,
  formatPairs,
  formatTable,
  regressions,
  scoreResolution,
  type LabelFile,
  type ReportedDocument,
} from '../../src/ingest/resolution.eval';

const labels: LabelFile = {
  entities: { most: 'the ministry', dept: 'the department', chen: 'Chen Fang', other: 'another ministry' },
  mentions: {
    'a.json': { 'institutions[0]': 'most', 'institutions[1]': 'dept', 'people[0]': 'chen' },
    'b.json': {
      'institutions[0]': { label: 'most', note: 'named without its country' },
      'people[0]': 'chen',
    },
    'c.json': { 'institutions[0]': 'most', 'institutions[1]': 'dept', 'institutions[2]': 'other' },
  },
};

const doc = (
  document: string,
  ids: Record<string, string>,
  uncertain: ReportedDocument['uncertain'] = [],
  givenIds: string[] = [],
): ReportedDocument => ({
  document,
  givenIds,
  entities: Object.entries(ids).map(([field, id]) => ({ field, id })),
  uncertain,
});

describe('scoreResolution', () => {
  it('counts each same-entity pair across documents once: auto-merged, reported or missed', () => {
    const result = scoreResolution(labels, [
      doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' }),
      doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen-2' }, [
        {
          field: 'people[0]',
          id: 'p:chen-2',
          candidates: [{ id: 'p:chen', score: 0.9, reason: 'name by initials, no organisation in common' }],
        },
      ]),
      doc('c.json', {
        'institutions[0]': 'i:most-3',
        'institutions[1]': 'i:dept',
        'institutions[2]': 'i:other',
      }),
    ]);
    const institution = result.categories.find((row) => row.category === 'Institution');
    // most: a-b merged, a-c and b-c missed; dept: a-c merged.
    expect(institution).toMatchObject({ mentions: 6, pairs: 4, autoMerged: 2, reported: 0, missed: 2 });
    expect(institution?.recall).toBe(0.5);
    const person = result.categories.find((row) => row.category === 'Person');
    expect(person).toMatchObject({ mentions: 2, pairs: 1, autoMerged: 0, reported: 1, missed: 0, recall: 1 });
    expect(result.reported).toEqual([
      {
        category: 'Person',
        a: { document: 'a.json', field: 'people[0]', label: 'chen', id: 'p:chen' },
        b: { document: 'b.json', field: 'people[0]', label: 'chen', id: 'p:chen-2' },
        score: 0.9,
        reasons: ['name by initials, no organisation in common'],
      },
    ]);
    expect(person?.autoMergeRecall).toBe(0);
    expect(result.total).toMatchObject({ mentions: 8, pairs: 5, autoMerged: 2, reported: 1, missed: 2 });
    expect(result.missed.map((p) => [p.a.document, p.b.document])).toEqual([
      ['a.json', 'c.json'],
      ['b.json', 'c.json'],
    ]);
    expect(result.total.falseMerges).toBe(0);
  });

  it('counts a reported pair through a candidate node, and a shared id of two labels as a false merge', () => {
    const result = scoreResolution(
      labels,
      [
        doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' }),
        doc('b.json', { 'institutions[0]': 'i:most-2', 'people[0]': 'p:chen' }),
        doc('c.json', {
          'institutions[0]': 'i:most',
          'institutions[1]': 'i:dept',
          'institutions[2]': 'i:most',
        }),
      ],
      [{ a: 'i:most', b: 'i:most-2', score: 0.8, reasons: ['acronym agrees'] }],
    );
    const institution = result.categories.find((row) => row.category === 'Institution');
    expect(institution).toMatchObject({ pairs: 4, autoMerged: 2, reported: 2, missed: 0, falseMerges: 2 });
    // Each reported pair says which mentions it joins and why it was not merged.
    expect(result.reported.map((p) => [p.a.document, p.b.document, p.score, p.reasons])).toEqual([
      ['a.json', 'b.json', 0.8, ['acronym agrees']],
      ['b.json', 'c.json', 0.8, ['acronym agrees']],
    ]);
    expect(formatPairs(result)).toContain(
      'reported Institution most: a.json institutions[0] (i:most) / b.json institutions[0] (i:most-2): 0.80 acronym agrees',
    );
    expect(result.falseMerges.map((p) => [p.a.label, p.b.label].sort())).toEqual([
      ['most', 'other'],
      ['most', 'other'],
    ]);
  });

  it('sets apart the pairs both documents identified by id: they test the author, not resolution', () => {
    const given = ['institutions[0]'];
    const result = scoreResolution(labels, [
      doc(
        'a.json',
        { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' },
        [],
        given,
      ),
      doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen' }, [], given),
      doc('c.json', {
        'institutions[0]': 'i:most',
        'institutions[1]': 'i:dept',
        'institutions[2]': 'i:other',
      }),
    ]);
    const institution = result.categories.find((row) => row.category === 'Institution');
    expect(institution).toMatchObject({ pairs: 3, pairsById: 1, autoMerged: 3 });
  });

  it('refuses labels and reports that disagree, naming each mention', () => {
    expect(() =>
      scoreResolution(labels, [
        doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'places[0]': 'place:x' }),
        doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen' }),
      ]),
    ).toThrow(
      /c\.json: labelled but not evaluated\n *a\.json places\[0\]: no label\n *a\.json people\[0\]: labelled, but the document has no such mention\n *label other: described but names no mention$/,
    );
  });

  it('ignores nested records such as commitments', () => {
    expect(categoryOfField('agreements[0].commitments[1]')).toBeUndefined();
    expect(categoryOfField('people[12]')).toBe('Person');
  });
});

describe('fieldsWithGivenId', () => {
  it('lists records with an id of their own, and countries (their id comes from the ISO code)', () => {
    expect(
      fieldsWithGivenId({
        places: [
          { ref: 'cn', kind: 'COUNTRY', code: 'CN' },
          { ref: 'nx', kind: 'REGION' },
        ],
        institutions: [{ ref: 'a' }, { id: 'institution:b' }],
        people: [{ id: 'person:c' }],
      }),
    ).toEqual(['institutions[1]', 'people[0]', 'places[0]']);
  });
});

describe('regressions', () => {
  const run = (ids: Record<string, string>) =>
    scoreResolution(labels, [
      doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' }),
      doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen' }),
      doc('c.json', ids),
    ]);
  const good = run({
    'institutions[0]': 'i:most',
    'institutions[1]': 'i:dept',
    'institutions[2]': 'i:other',
  });

  it('holds when recall is as good and nothing is falsely merged', () => {
    expect(regressions(good, good)).toEqual([]);
  });

  it('fails on a recall below the baseline, per category and overall', () => {
    const worse = run({
      'institutions[0]': 'i:most-3',
      'institutions[1]': 'i:dept',
      'institutions[2]': 'i:other',
    });
    expect(regressions(worse, good)).toEqual([
      "Institution: recall 50.0% is below the baseline's 100.0%",
      "Institution: auto-merge recall 50.0% is below the baseline's 100.0%",
      "All: recall 60.0% is below the baseline's 100.0%",
      "All: auto-merge recall 60.0% is below the baseline's 100.0%",
    ]);
  });

  it('fails when a merged pair is now only reported for review: recall holds, auto-merge recall does not', () => {
    const reported = scoreResolution(labels, [
      doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' }),
      doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen' }),
      doc(
        'c.json',
        { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept-2', 'institutions[2]': 'i:other' },
        [{ field: 'institutions[1]', id: 'i:dept-2', candidates: [{ id: 'i:dept' }] }],
      ),
    ]);
    expect(regressions(reported, good)).toEqual([
      "Institution: auto-merge recall 75.0% is below the baseline's 100.0%",
      "All: auto-merge recall 80.0% is below the baseline's 100.0%",
    ]);
  });

  it('fails on any false merge, even with recall at the baseline', () => {
    const merged = run({
      'institutions[0]': 'i:most',
      'institutions[1]': 'i:dept',
      'institutions[2]': 'i:dept',
    });
    expect(regressions(merged, good)).toEqual(['2 false merges (must be 0)']);
  });
});

describe('formatTable', () => {
  it('prints a row per category and a total, recall as a percentage', () => {
    const table = formatTable(
      scoreResolution(labels, [
        doc('a.json', { 'institutions[0]': 'i:most', 'institutions[1]': 'i:dept', 'people[0]': 'p:chen' }),
        doc('b.json', { 'institutions[0]': 'i:most', 'people[0]': 'p:chen' }),
        doc('c.json', {
          'institutions[0]': 'i:x',
          'institutions[1]': 'i:dept',
          'institutions[2]': 'i:other',
        }),
      ]),
    ).split('\n');
    expect(table[0]).toMatch(
      /^\| category +\| mentions \| pairs \| auto-merged \| reported \| missed \| recall \|/,
    );
    expect(table.find((line) => line.startsWith('| Institution'))).toMatch(
      /\| +50\.0% \| +50\.0% \| +0 \| +0 \|$/,
    );
    expect(table.find((line) => line.startsWith('| Agreement'))).toMatch(/\| +- \| +- \|/);
    expect(table.at(-1)).toMatch(/^\| All /);
  });
});
