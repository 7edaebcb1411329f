import {
  eventToldTwice,
  initialsCompatible,
  resolveMention,
  type Candidate,
  type Mention,
  type ToldBefore,
} from '../../src/ingest/entity.resolution';
import { localKey, normalizeName, numbersDiffer } from '../../src/ingest/resolution.names';

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

  it('matches the same name with organisations named on neither side, or one in common', () => {
    expect(resolveMention(mention(['s.munkhbat']), [{ ...munkhbat, context: [] }])).toEqual({
      outcome: 'MATCHED',
      id: 'person:s-munkhbat',
      reason: 'same name',
    });
    expect(
      resolveMention(mention(['S. Munkhbat'], ['institution:policy-department']), [munkhbat]),
    ).toMatchObject({ outcome: 'MATCHED', reason: 'same name, same organisation' });
  });

  it('only reports the same name when one side names an organisation and the other none', () => {
    const pairs: [Mention, Candidate][] = [
      [mention(['s.munkhbat']), munkhbat],
      [mention(['S. Munkhbat'], ['institution:policy-department']), { ...munkhbat, context: [] }],
    ];
    for (const [ours, theirs] of pairs) {
      expect(resolveMention(ours, [theirs])).toEqual({
        outcome: 'UNCERTAIN',
        candidates: [
          {
            id: 'person:s-munkhbat',
            score: 1,
            reason: 'same name, a person whose organisation only one side names',
          },
        ],
      });
    }
  });

  it('does not match the same name when the organisations differ', () => {
    expect(resolveMention(mention(['S. Munkhbat'], ['institution:elsewhere']), [munkhbat])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'person:s-munkhbat', score: 0.8, reason: 'same name, different organisation' }],
    });
  });

  it('never merges between two candidates of the same name', () => {
    const twin = { ...munkhbat, id: 'person:s-munkhbat-2', context: [] };
    expect(resolveMention(mention(['S. Munkhbat']), [munkhbat, twin])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [
        {
          id: 'person:s-munkhbat',
          score: 1,
          reason: 'same name, a person whose organisation only one side names',
        },
        { id: 'person:s-munkhbat-2', score: 1, reason: 'same name, as another candidate' },
      ],
    });
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

/** An institution in the graph, found by `names`, stated by source a. */
const institution = (id: string, names: string[], more: Partial<Candidate> = {}): Candidate => ({
  id,
  labels: ['Entity', 'Institution'],
  names,
  context: [],
  sourceIds: ['source:a'],
  ...more,
});

/** An institution mentioned by `names` in source b. */
const named = (names: string[], more: Partial<Mention> = {}): Mention => ({
  category: 'Institution',
  names,
  context: [],
  sourceId: 'source:b',
  ...more,
});

describe('institution names in other words', () => {
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
      candidates: [{ id: 'institution:ningxia-st', reason: 'same name, different parent, country or kind' }],
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

describe('what decides an institution besides its name', () => {
  const casttc = institution('institution:casttc', ['China-Arab States Technology Transfer Center'], {
    acronym: 'CASTTC',
  });

  it('merges a whole name in other words when both sides state the same acronym, with nothing around it', () => {
    const aboutUs = named(['China Arab countries technology transfer center'], { acronym: 'CASTTC' });
    expect(resolveMention(aboutUs, [casttc])).toEqual({
      outcome: 'MATCHED',
      id: 'institution:casttc',
      reason: 'same name but for word order or spelling, same acronym',
    });
  });

  it('only reports it without the acronym on both sides, or with another acronym', () => {
    const bare = named(['China Arab countries technology transfer center']);
    expect(resolveMention(bare, [casttc])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [{ score: 0.95 }],
    });
    const other = named(['China Arab countries technology transfer center'], { acronym: 'CACTTC' });
    expect(resolveMention(other, [casttc]).outcome).toBe('UNCERTAIN');
    const policy = institution('institution:mn-policy', ['Science and Technology Policy Department'], {
      parent: 'institution:mn-mecss',
    });
    expect(resolveMention(named(['Department of Science and Technology Policy']), [policy]).outcome).toBe(
      'UNCERTAIN',
    );
  });

  it('does not count an acronym when the names agree only once a qualifier is dropped', () => {
    const most = institution('institution:cn-most', ['Ministry of Science and Technology of China'], {
      acronym: 'MOST',
    });
    expect(
      resolveMention(named(['Ministry of Science and Technology'], { acronym: 'MOST' }), [most]),
    ).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [{ reason: 'same name but for word order, qualifiers or spelling' }],
    });
    const group = institution(
      'institution:nstd-group',
      ['Ningxia Science and Technology Development Group'],
      {
        acronym: 'NSTD',
      },
    );
    const company = named(['Ningxia Science and Technology Development'], { acronym: 'NSTD' });
    expect(resolveMention(company, [group]).outcome).toBe('UNCERTAIN');
  });

  it('keeps institutions of another kind apart: a science park and the company that operates it', () => {
    const park = institution('institution:mn-st-park', ['Mongolian Science and Technology Park'], {
      country: 'MN',
      kind: 'SCIENCE_PARK',
    });
    const company = named(['Mongolian Science and Technology Park Co., Ltd.'], {
      country: 'MN',
      kind: 'ENTERPRISE',
    });
    expect(resolveMention(company, [park])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [
        { reason: 'same name but for word order, qualifiers or spelling, different parent, country or kind' },
      ],
    });
    expect(resolveMention({ ...company, kind: 'SCIENCE_PARK' }, [park]).outcome).toBe('MATCHED');
  });

  it('does not take a group for its company, though a dropped legal form still matches', () => {
    const group = institution('institution:naaas', ['Qatar NAAAS Group'], { country: 'QA' });
    expect(resolveMention(named(['Qatar NAAAS Co., Ltd.'], { country: 'QA' }), [group]).outcome).not.toBe(
      'MATCHED',
    );
    expect(resolveMention(named(['Qatar NAAAS'], { country: 'QA' }), [group])).toMatchObject({
      outcome: 'MATCHED',
      id: 'institution:naaas',
    });
  });

  it('does not match a name nothing confirms when the graph holds that name in another country', () => {
    const countryless = institution('institution:most', ['Ministry of Science and Technology'], {
      acronym: 'MOST',
    });
    const chinese = institution('institution:cn-most', ['Ministry of Science and Technology of China'], {
      acronym: 'MOST',
      country: 'CN',
    });
    const vietnamese = named(['Ministry of Science and Technology'], { acronym: 'MOST', country: 'VN' });
    expect(resolveMention(vietnamese, [countryless, chinese])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [
        {
          id: 'institution:most',
          score: 1,
          reason: 'same name, a name another bears in another parent, country or kind',
        },
        {
          id: 'institution:cn-most',
          reason: 'same name but for word order, qualifiers or spelling, different parent, country or kind',
        },
      ],
    });
    // Without the namesake abroad, the same name with nothing against it is matched, as before.
    expect(resolveMention(vietnamese, [countryless])).toMatchObject({
      outcome: 'MATCHED',
      id: 'institution:most',
    });
  });
});

describe('a unit of a parent', () => {
  const department = (more: Partial<Candidate> = {}) =>
    institution('institution:vn-most-cooperation', ['Department of International Cooperation'], {
      kind: 'GOVERNMENT_DEPARTMENT',
      ...more,
    });
  const mentioned = (more: Partial<Mention> = {}) =>
    named(['Department of International Cooperation'], { kind: 'GOVERNMENT_DEPARTMENT', ...more });

  it('is only reported when one side names its parent and the other does not, however exact the name', () => {
    for (const [ours, theirs] of [
      [mentioned(), department({ parent: 'institution:vn-most' })],
      [mentioned({ parent: 'institution:vn-most' }), department()],
    ] as const) {
      expect(resolveMention(ours, [theirs])).toEqual({
        outcome: 'UNCERTAIN',
        candidates: [
          {
            id: 'institution:vn-most-cooperation',
            score: 1,
            reason: 'same name, a unit whose parent only one side names',
          },
        ],
      });
    }
  });

  it('merges with the same parent on both sides, or with neither naming one', () => {
    const parent = { parent: 'institution:vn-most' };
    expect(resolveMention(mentioned(parent), [department(parent)])).toMatchObject({ outcome: 'MATCHED' });
    expect(resolveMention(mentioned(), [department()])).toMatchObject({ outcome: 'MATCHED' });
  });

  it('leaves bodies named on their own as they were: an exact name decides', () => {
    const university = institution('institution:ningxia-university', ['Ningxia University'], {
      kind: 'UNIVERSITY',
      parent: 'institution:ningxia-government',
    });
    expect(resolveMention(named(['Ningxia University'], { kind: 'UNIVERSITY' }), [university])).toMatchObject(
      {
        outcome: 'MATCHED',
      },
    );
  });
});

describe('a name that leaves out part of its place', () => {
  const ningxia = 'place:ningxia-hui-autonomous-region';
  const government: Candidate = {
    id: 'institution:ningxia-government',
    labels: ['Entity', 'Institution', 'Government'],
    names: ["People's Government of Ningxia Hui Autonomous Region", 'Ningxia district government'],
    context: [],
    sourceIds: ['source:a'],
    country: 'CN',
    place: ningxia,
    placeNames: ['Ningxia Hui Autonomous Region', 'Ningxia'],
  };
  const at = (names: string[], place: string, more: Partial<Mention> = {}): Mention => ({
    category: 'Institution',
    names,
    context: [],
    sourceId: 'source:b',
    country: 'CN',
    place,
    placeNames: ['Ningxia Hui Autonomous Region'],
    ...more,
  });

  it('reads what the name says besides its place', () => {
    expect(localKey('government of Hui Autonomous Region', ['Ningxia Hui Autonomous Region'])).toBe(
      'government',
    );
    expect(localKey('Ningxia district government', ['Ningxia Hui Autonomous Region'])).toBe('government');
    expect(localKey('Ningxia Medical University', ['Ningxia'])).toBe('medical university');
  });

  it('has nothing to say for a name without its place, or with nothing but its place', () => {
    expect(localKey('Government', ['Ningxia Hui Autonomous Region'])).toBeUndefined();
    expect(localKey('Ningxia Hui Autonomous Region', ['Ningxia Hui Autonomous Region'])).toBeUndefined();
  });

  it('matches an institution of the same place whose name says the same besides the place', () => {
    expect(resolveMention(at(['government of Hui Autonomous Region'], ningxia), [government])).toEqual({
      outcome: 'MATCHED',
      id: 'institution:ningxia-government',
      reason: 'same name once its place is read as where it is located, same parent, country or place',
    });
  });

  it('does not match it in another place, without a place, or when the rest of the name differs', () => {
    const elsewhere = at(['government of Hui Autonomous Region'], 'place:another-hui-region');
    expect(resolveMention(elsewhere, [government]).outcome).not.toBe('MATCHED');
    const unplaced = at(['government of Hui Autonomous Region'], ningxia, { place: undefined });
    expect(resolveMention(unplaced, [government]).outcome).not.toBe('MATCHED');
    expect(resolveMention(at(['Government'], ningxia), [government]).outcome).not.toBe('MATCHED');
    expect(resolveMention(at(['Yinchuan government'], ningxia), [government]).outcome).not.toBe('MATCHED');
    const university = { ...government, id: 'institution:ningxia-university', names: ['Ningxia University'] };
    expect(resolveMention(at(['Ningxia Medical University'], ningxia), [university]).outcome).not.toBe(
      'MATCHED',
    );
  });

  it('does not match it when the country contradicts', () => {
    const abroad = at(['government of Hui Autonomous Region'], ningxia, { country: 'MN' });
    expect(resolveMention(abroad, [government]).outcome).toBe('UNCERTAIN');
  });
});

describe('events', () => {
  const expo: Candidate = {
    id: 'event:undated-aaaa-5th-china-arab-states-expo',
    labels: ['Entity', 'Event', 'Conference'],
    names: ['5th China-Arab States Expo'],
    context: [],
    sourceIds: ['source:a'],
  };
  const event = (names: string[], more: Partial<Mention> = {}): Mention => ({
    category: 'Event',
    names,
    context: [],
    kindLabel: 'Conference',
    sourceId: 'source:b',
    ...more,
  });

  it('reports an undated event of the same name with its ordinal in words, never merging it', () => {
    expect(resolveMention(event(['Fifth China-Arab States Expo']), [expo])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [
        {
          id: expo.id,
          score: 0.95,
          reason: 'same name but for word order, qualifiers or spelling, no date to tell',
        },
      ],
    });
    expect(resolveMention(event(['5th China-Arab States Expo']), [expo]).outcome).toBe('UNCERTAIN');
  });

  it('matches one of the same date and kind whose name differs only in its spelling', () => {
    const dated = { ...expo, id: 'event:2021-08-19-5th-china-arab-states-expo', date: '2021-08-19' };
    expect(resolveMention(event(['Fifth China-Arab States Expo'], { date: '2021-08-19' }), [dated])).toEqual({
      outcome: 'MATCHED',
      id: dated.id,
      reason: 'same name but for word order, qualifiers or spelling, same date',
    });
  });

  it('keeps apart events of another date, another kind, another parent or another ordinal', () => {
    const dated = { ...expo, date: '2021-08-19' };
    expect(
      resolveMention(event(['5th China-Arab States Expo'], { date: '2019-09-05' }), [dated]).outcome,
    ).toBe('NEW');
    expect(
      resolveMention(event(['Fifth China-Arab States Expo'], { kindLabel: 'Meeting' }), [expo]).outcome,
    ).toBe('NEW');
    expect(resolveMention(event(['Fourth China-Arab States Expo']), [expo]).outcome).not.toBe('MATCHED');
    const ceremony = { ...expo, id: 'event:opening', names: ['Opening ceremony'], parent: 'event:expo-4' };
    expect(resolveMention(event(['Opening ceremony'], { parent: 'event:expo-5' }), [ceremony])).toMatchObject(
      { outcome: 'UNCERTAIN', candidates: [{ reason: 'same name, part of another event' }] },
    );
  });
});

describe('eventToldTwice', () => {
  const told = (id: string, shared: number, theirs = 3, ours = 3, names = ['Talks']): ToldBefore => ({
    id,
    names,
    shared,
    theirs,
    ours,
  });
  const talks = ['Talks on cooperation'];

  it('is one event when exactly one of the same kind and date shares two participants and half of them', () => {
    expect(eventToldTwice(talks, [told('event:a', 2)])).toEqual({
      outcome: 'MATCHED',
      id: 'event:a',
      reason: 'same kind and date, 2 participants in common',
    });
  });

  it('is reported when the names state different numbers, or another event of the document claims it too', () => {
    const meeting = (n: number) => [`Cooperation meeting ${n}`];
    expect(eventToldTwice(meeting(1), [told('event:a', 2, 3, 3, meeting(2))]).outcome).toBe('UNCERTAIN');
    expect(
      eventToldTwice(['Fifth round of talks'], [told('event:a', 2, 3, 3, ['5th round of talks'])]),
    ).toMatchObject({
      outcome: 'MATCHED',
    });
    expect(eventToldTwice(talks, [told('event:a', 2)], new Set(['event:a'])).outcome).toBe('UNCERTAIN');
  });

  it('is reported when one participant is shared, when little of a large event is, or when two events qualify', () => {
    expect(eventToldTwice(talks, [told('event:a', 1)])).toEqual({
      outcome: 'UNCERTAIN',
      candidates: [{ id: 'event:a', score: 0.8, reason: 'same kind and date, 1 participant in common' }],
    });
    expect(eventToldTwice(talks, [told('event:a', 2, 10, 3)]).outcome).toBe('UNCERTAIN');
    expect(eventToldTwice(talks, [told('event:a', 2), told('event:b', 3)])).toMatchObject({
      outcome: 'UNCERTAIN',
      candidates: [
        { id: 'event:a', reason: 'same kind and date, 2 participants in common, as another event' },
        { id: 'event:b', reason: 'same kind and date, 3 participants in common, as another event' },
      ],
    });
  });
});

describe('numbersDiffer', () => {
  it.each([
    [['Meeting 1'], ['Meeting 2'], true],
    [['4th China-Arab States Expo'], ['Fifth China-Arab States Expo'], true],
    [['5th China-Arab States Expo'], ['Fifth China-Arab States Expo'], false],
    [['Talks'], ['Talks 2'], false],
    [['2019 Forum'], ['2019 Forum, 3rd session'], true],
  ])('%p and %p: %p', (a, b, expected) => {
    expect(numbersDiffer(a, b)).toBe(expected);
  });
});
