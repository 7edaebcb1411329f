import { formatState, parseState, type ExplorerState } from '../../src/web/url.state';

describe("the explorer's address", () => {
  const full: ExplorerState = {
    view: 'explore',
    q: 'Munkhbat & co',
    id: 'person:s-munkhbat',
    expanded: ['person:s-munkhbat', 'institution:mn-mecss-st-policy-department'],
    kinds: ['PARTICIPATED_IN', 'HOLDS_POSITION'],
    from: '2019-01-01',
    to: '2020-12-31',
    pathFrom: 'person:s-munkhbat',
    pathTo: 'person:li-guofeng',
  };

  it('holds every part of the state, and reads back what it wrote', () => {
    expect(parseState(formatState(full))).toEqual(full);
    expect(parseState(formatState({ ...full, view: 'dashboard' })).view).toBe('dashboard');
  });

  it('leaves defaults out, and ignores what it does not know', () => {
    const empty = parseState('');
    expect(formatState(empty)).toBe('');
    expect(parseState('?view=other&rel=NOT_A_KIND&rel=PART_OF&from=yesterday&x=a&x=a&id=%20')).toEqual({
      ...empty,
      kinds: ['PART_OF'],
      expanded: ['a'],
    });
  });
});
