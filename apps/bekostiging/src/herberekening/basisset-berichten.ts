import { basissetMapper, voorInstelling } from '@bron/adapters';
import type { BekostigingEvent } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics, type BasissetBerekend } from '@bron/contracts';
import { nieuwBericht, type Oorzaakbericht, type UitgaandBericht } from '@bron/infra';

/**
 * What the decider's events say to the world: every new basisset versie to the DUO-internal topic
 * with its whole cause, and to the student's own instelling only, in the form that names no other
 * instelling (D7, `voorInstelling`). The event ids name the versie, so a repeated effect is
 * recognisable as the same event. A new dossier is not published.
 */
export function basissetBerichten(events: readonly BekostigingEvent[], oorzaak: Oorzaakbericht): UitgaandBericht<BasissetBerekend>[] {
  return events.flatMap((event) => {
    if (event.type !== 'BasissetGewijzigd') return [];
    const value = basissetMapper.naarContract(event.data);
    const { persoonsnummer, instelling, inschrijvingId, versie } = value;
    const eventId = `basisset:${persoonsnummer}:${instelling}:${inschrijvingId}:${versie}`;
    return [
      nieuwBericht({ topic: Topics.basisset, key: persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId }, oorzaak),
      voorInstelling(nieuwBericht({ topic: InstellingTopics.bekostigingsstatus(instelling), key: persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId: `${eventId}:status` }, oorzaak)),
    ];
  });
}
