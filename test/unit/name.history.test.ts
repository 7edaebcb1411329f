import { nameAsOf, namesOf, type DatedName } from '../../src/modules/institution/name.history';

const OLD = 'Ministry of Education and Science';
const NEW = 'Ministry of Education, Culture and Science';
const history: DatedName[] = [
  { lang: 'en', value: OLD, until: '2016-07-01' },
  { lang: 'en', value: NEW, since: '2016-07-01' },
  { lang: 'mn', value: 'Боловсрол, соёл, шинжлэх ухааны яам' },
];

describe('nameAsOf', () => {
  it('gives the name borne on the date, a rename taking effect on its since', () => {
    expect(nameAsOf(NEW, history, '2015-01-01')).toBe(OLD);
    expect(nameAsOf(NEW, history, '2016-06-30')).toBe(OLD);
    expect(nameAsOf(OLD, history, '2016-07-01')).toBe(NEW);
  });

  it('falls back to the display name where no dated name holds, and never to a translation', () => {
    expect(nameAsOf(NEW, [history[0] as DatedName], '2020-01-01')).toBe(NEW);
    expect(nameAsOf('Display', [{ lang: 'mn', value: 'Яам' }], '2020-01-01')).toBe('Display');
  });

  it('prefers English, then the latest since, among names that hold at once', () => {
    const names: DatedName[] = [
      { lang: 'fr', value: 'Ministère', since: '2010-01-01' },
      { lang: 'en', value: 'First', since: '2010-01-01' },
      { lang: 'en', value: 'Second', since: '2012-01-01' },
    ];
    expect(nameAsOf('x', names, '2013-01-01')).toBe('Second');
    expect(nameAsOf('x', names, '2011-01-01')).toBe('First');
  });
});

describe('namesOf', () => {
  it('reads the stored lists, a missing or empty date as none', () => {
    expect(
      namesOf({
        nameLangs: ['en', 'en', 'zh'],
        nameValues: [OLD, NEW, '部'],
        nameSince: ['', '2016-07-01'],
        nameUntil: ['2016-07-01', ''],
      }),
    ).toEqual([
      { lang: 'en', value: OLD, until: '2016-07-01' },
      { lang: 'en', value: NEW, since: '2016-07-01' },
      { lang: 'zh', value: '部' },
    ]);
    expect(namesOf({})).toEqual([]);
  });
});
