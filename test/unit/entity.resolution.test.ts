import {
  initialsCompatible,
  resolveMention,
  type Candidate,
  type Mention,
} from '../../src/ingest/entity.resolution';
import { normalizeName } from '../../src/ingest/resolution.names';

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
        {
          id: 'person:s-munkhbat',
          score: 0.9,
          reason: 'name differs by initials, no organisation in common',
        },
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
      candidates: [{ id: 'person:s-munkhbat', score: 0.8, reason: 'same name, different organisation' }],
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

describe('institution names in other words', () => {
  const institution = (id: string, names: string[], more: Partial<Candidate> = {}): Candidate => ({
    id,
    labels: ['Entity', 'Institution'],
    names,
    context: [],
    sourceIds: ['source:a'],
    ...more,
  });
  const named = (names: string[], more: Partial<Mention> = {}): Mention => ({
    category: 'Institution',
    names,
    context: [],
    sourceId: 'source:b',
    ...more,
  });
  const department = institution('institution:ningxia-st', ['Science and Technology Department of Ningxia'], {
    country: 'CN',
  });

  it.each([
    ['word order', 'Ningxia Science and Technology Department'],
    ['a regional qualifier', 'Science and Technology Department of Ningxia Hui Autonomous Region'],
    ['a plural', 'Science and Technology Departments of Ningxia'],
  ])('matches a name differing by %s when the country agrees', (_, name) => {
    expect(resolveMention(named([name], { country: 'CN' }), [department])).toMatchObject({
      outcome: 'MATCHED',
      id: 'institution:ningxia-st',
    });
  });

  it('only reports such a name when nothing around it agrees, and never merges across countries', () => {
    const silent = resolveMention(named(['Ningxia Science and Technology Department']), [department]);
    expect(silent).toMatchObject({ outcome: 'UNCERTAIN', candidates: [{ score: 0.95 }] });
    const abroad = resolveMention(
      named(['Science and Technology Department of Ningxia'], { country: 'MN' }),
      [department],
    );
    expect(abroad).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'institution:ningxia-st', reason: 'same name, different parent or country' }],
    });
  });

  it('keeps same-named sub-units of different parents apart', () => {
    const division = institution('institution:cooperation-a', ['International Cooperation Division'], {
      parent: 'institution:ministry-a',
    });
    expect(
      resolveMention(named(['International Cooperation Division'], { parent: 'institution:ministry-b' }), [
        division,
      ]).outcome,
    ).toBe('UNCERTAIN');
    expect(
      resolveMention(named(['International Cooperation Division'], { parent: 'institution:ministry-a' }), [
        division,
      ]),
    ).toMatchObject({ outcome: 'MATCHED', id: 'institution:cooperation-a' });
  });

  it('reports acronyms and poor translations as candidates, never as matches', () => {
    const most = institution('institution:cn-most', ['Ministry of Science and Technology of China'], {
      acronym: 'MOST',
    });
    expect(resolveMention(named(['MOST']), [most])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'institution:cn-most', reason: 'acronym agrees' }],
    });
    const secretariat = institution('institution:las-secretariat', ['Secretariat of the Arab League']);
    expect(resolveMention(named(['Arabia State Secretariat of the League']), [secretariat])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'institution:las-secretariat' }],
    });
  });

  it('does not offer bodies that only share common words', () => {
    expect(resolveMention(named(['Ningxia Technology Market']), [department]).outcome).toBe('NEW');
    expect(
      resolveMention(named(['Ministry of Commerce']), [
        institution('institution:cn-most', ['Ministry of Science and Technology']),
      ]).outcome,
    ).toBe('NEW');
  });

  it('matches people whose names are transliterated differently only with an organisation in common', () => {
    const jabar: Candidate = {
      ...munkhbat,
      id: 'person:al-jabar',
      names: ['Nasser Hassan Al Jabar'],
      context: ['org:a'],
    };
    expect(resolveMention(mention(['Nasser Hassan Al-Jabbar'], ['org:a']), [jabar])).toMatchObject({
      outcome: 'MATCHED',
      id: 'person:al-jabar',
    });
    expect(resolveMention(mention(['Nasser Hassan Al-Jabbar']), [jabar]).outcome).toBe('UNCERTAIN');
  });
});
