import { pakketten } from './pakketten';

describe('pakketten', () => {
  it('splits by count and by bytes, keeps the order, and lets an oversized message go alone', () => {
    expect([...pakketten([1, 2, 3, 4, 5], () => 1, 100, 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...pakketten([40, 40, 40, 200, 10], (n) => n, 100)]).toEqual([[40, 40], [40], [200], [10]]);
    expect([...pakketten([], () => 1)]).toEqual([]);
  });
});
