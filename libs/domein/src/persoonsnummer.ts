/**
 * Persoonsnummer: BSN or onderwijsnummer, 9 digits with leading zeros kept, passing the
 * 11-proef (docs/domein.md D9, fact 34). A bad one is an afkeuring, never a crash.
 */
export type Persoonsnummer = string & { readonly __brand: 'Persoonsnummer' };

const NEGEN_CIJFERS = /^[0-9]{9}$/;

/** The 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 and the number is not all zeros. */
export function isGeldigPersoonsnummer(waarde: string): waarde is Persoonsnummer {
  if (!NEGEN_CIJFERS.test(waarde) || waarde === '000000000') return false;
  let som = 0;
  for (let i = 0; i < 8; i++) som += (9 - i) * Number(waarde[i]);
  som -= Number(waarde[8]);
  return som % 11 === 0;
}
