import {
  initialsCompatible,
  normalizeName,
  resolveMention,
  type Candidate,
  type Mention,
} from '../../src/ingest/entity.resolution';

const munkhbat: Candidate = {
  id: 'person:s-munkhbat',
  labels: ['Entity', 'Person'],
  names: ['S. Munkhbat', 'S.Munkhbat', 'Munkhbat'],
  context: ['institution:policy-department'],
  sourceIds: ['source:a'],
};

const mention = (names: string[], context: string[] = [], sourceId = 'source:b'): Mention => ({
  category: 'Person',
  names,
  context,
  sourceId,
});

describe('normalizeName', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normalizeName('S.Munkhbat')).toBe('s munkhbat');
    expect(normalizeName('  s. MUNKHBAT ')).toBe('s munkhbat');
    expect(normalizeName('China-Arab States (CASTTC)')).toBe('china arab states casttc');
  });
});

describe('initialsCompatible', () => {
  it.each([
    ['S. Munkhbat', 'Sonomdarjaa Munkhbat', true],
    ['S.Munkhbat', 'sonomdarjaa munkhbat', true],
    ['B. Munkhbat', 'Sonomdarjaa Munkhbat', false],
    ['S. B.', 'Sonomdarjaa Batulzii', false],
    ['Munkhbat', 'Sonomdarjaa Munkhbat', false],
  ])('%p and %p: %p', (a, b, expected) => {
    expect(initialsCompatible(a, b)).toBe(expected);
  });
});

describe('resolveMention', () => {
  it('matches a person whose name differs by initials only when an organisation is shared', () => {
    expect(
      resolveMention(mention(['Sonomdarjaa Munkhbat'], ['institution:policy-department']), [munkhbat]),
    ).toEqual({
      outcome: 'MATCHED',
      id: 'person:s-munkhbat',
      reason: 'name by initials, same organisation',
    });
    expect(resolveMention(mention(['Sonomdarjaa Munkhbat']), [munkhbat])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [
        { id: 'person:s-munkhbat', reason: 'name differs by initials, no organisation in common' },
      ],
    });
  });

  it('matches the same name when nothing contradicts it, and not when the organisations differ', () => {
    expect(resolveMention(mention(['s.munkhbat']), [munkhbat])).toMatchObject({
      outcome: 'MATCHED',
      reason: 'same name',
    });
    expect(resolveMention(mention(['S. Munkhbat'], ['institution:elsewhere']), [munkhbat])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'person:s-munkhbat', reason: 'same name, different organisation' }],
    });
  });

  it('never merges between two candidates of the same name', () => {
    const twin = { ...munkhbat, id: 'person:s-munkhbat-2', context: [] };
    expect(resolveMention(mention(['S. Munkhbat']), [munkhbat, twin]).outcome).toBe('UNCERTAIN');
    expect(
      resolveMention(mention(['S. Munkhbat'], ['institution:policy-department']), [munkhbat, twin]),
    ).toMatchObject({
      outcome: 'MATCHED',
      id: 'person:s-munkhbat',
    });
  });

  it('finds again what the same document created before, so re-ingest changes nothing', () => {
    const created = { ...munkhbat, id: 'person:s-munkhbat-1a2b3c4d', sourceIds: ['source:b'], context: [] };
    expect(
      resolveMention(mention(['S. Munkhbat'], ['institution:elsewhere']), [munkhbat, created]),
    ).toMatchObject({
      outcome: 'MATCHED',
      id: 'person:s-munkhbat-1a2b3c4d',
    });
  });

  it('keeps to its category and, for places, to its kind', () => {
    const place: Candidate = {
      id: 'place:yinchuan',
      labels: ['Entity', 'Place', 'City'],
      names: ['Yinchuan'],
      context: [],
      sourceIds: [],
    };
    expect(
      resolveMention({ category: 'Institution', names: ['Yinchuan'], context: [], sourceId: 's' }, [place])
        .outcome,
    ).toBe('NEW');
    expect(
      resolveMention(
        { category: 'Place', names: ['Yinchuan'], context: [], kindLabel: 'Region', sourceId: 's' },
        [place],
      ).outcome,
    ).toBe('NEW');
    expect(
      resolveMention(
        { category: 'Place', names: ['yinchuan'], context: [], kindLabel: 'City', sourceId: 's' },
        [place],
      ),
    ).toMatchObject({ outcome: 'MATCHED', id: 'place:yinchuan' });
  });
});
