/** BRIN of an instelling: 2 digits followed by 2 letters or digits (e.g. 25LX). */
export type Brin = string & { readonly __brand: 'Brin' };

const BRIN = /^[0-9]{2}[A-Z0-9]{2}$/;

export function isGeldigeBrin(waarde: string): waarde is Brin {
  return BRIN.test(waarde);
}
