import { heldOn } from '../../src/modules/entity/relationship.service';

describe('heldOn: whether a position was held on a date', () => {
  const deputy = { since: '2015-03-01', until: '2019-12-31' };

  it.each([
    [undefined, true],
    ['2015-03-01', true],
    ['2019-12-31', true],
    ['2015-02-28', false],
    ['2020-01-01', false],
  ])('as of %p: %p', (asOf, held) => {
    expect(heldOn(deputy, asOf)).toBe(held);
  });

  it('treats a missing start or end as open', () => {
    expect(heldOn({}, '1900-01-01')).toBe(true);
    expect(heldOn({ since: '2020-01-01' }, '2099-01-01')).toBe(true);
    expect(heldOn({ until: '2020-01-01' }, '2020-01-02')).toBe(false);
  });
});
