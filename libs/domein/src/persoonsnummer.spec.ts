import { isGeldigPersoonsnummer } from './persoonsnummer';

describe('persoonsnummer (11-proef, D9)', () => {
  it.each(['123456782', '111222333', '999996356'])('accepts %s', (nummer) => {
    expect(isGeldigPersoonsnummer(nummer)).toBe(true);
  });

  it.each([
    ['123456789', 'fails the 11-proef'],
    ['12345678', 'has 8 digits'],
    ['1234567820', 'has 10 digits'],
    ['12345678a', 'has a letter'],
    ['000000000', 'is all zeros'],
    ['', 'is empty'],
  ])('rejects %s, which %s', (nummer) => {
    expect(isGeldigPersoonsnummer(nummer)).toBe(false);
  });
});
