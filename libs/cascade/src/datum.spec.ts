import { bekostigingsjaarVoorPeildatum, isGeldigeDatum, teldatumVoor, verjaardag } from './datum';

describe('time reference (fact 7, D2)', () => {
  it('given bekostigingsjaar 2017, then the teldatum is 1 October 2015', () => {
    expect(teldatumVoor(2017)).toBe('2015-10-01');
    expect(teldatumVoor(2022)).toBe('2020-10-01');
  });

  it.each([
    ['2015-08-01', 2017],
    ['2015-10-01', 2017],
    ['2016-07-31', 2017],
    ['2016-08-01', 2018],
    ['2016-01-15', 2017],
  ])('given peildatum %s, then the running studiejaar feeds bekostigingsjaar %i', (datum, jaar) => {
    expect(bekostigingsjaarVoorPeildatum(datum)).toBe(jaar);
  });
});

describe('ISO dates', () => {
  it.each(['2016-02-29', '2000-02-29', '2015-12-31', '1998-05-01'])('accepts %s', (d) => expect(isGeldigeDatum(d)).toBe(true));
  it.each(['2015-02-29', '1900-02-29', '2015-13-01', '2015-04-31', '2015-1-01', '01-10-2015', '', 20150101, null])('rejects %p', (d) =>
    expect(isGeldigeDatum(d)).toBe(false),
  );

  it('given a 29 February birthday, then the 18th birthday in a common year sorts after 28 February', () => {
    expect(verjaardag('2000-02-29', 18)).toBe('2018-02-29');
    expect('2018-02-28' < verjaardag('2000-02-29', 18)).toBe(true);
    expect('2018-03-01' >= verjaardag('2000-02-29', 18)).toBe(true);
  });
});
