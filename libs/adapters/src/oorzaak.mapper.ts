import type { Oorzaak as OorzaakContract } from '@bron/contracts';
import type { Oorzaak } from '@bron/domein';

/** The cause of a recomputation between the domain and the BasissetBerekend contract. */
export const oorzaakMapper = {
  naarContract(oorzaak: Oorzaak, eventId: string): OorzaakContract {
    return oorzaak.soort === 'AANLEVERING'
      ? { soort: oorzaak.soort, instelling: oorzaak.instelling, bron: null, eventId }
      : { soort: oorzaak.soort, instelling: null, bron: oorzaak.bron, eventId };
  },

  naarDomein(oorzaak: OorzaakContract): Oorzaak {
    if (oorzaak.soort === 'AANLEVERING') return { soort: 'AANLEVERING', instelling: oorzaak.instelling ?? '' };
    return { soort: oorzaak.soort, bron: oorzaak.bron ?? 'onbekend' };
  },
};
