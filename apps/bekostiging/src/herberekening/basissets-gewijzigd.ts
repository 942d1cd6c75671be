import { oorzaakMapper } from '@bron/adapters';
import type { BekostigingEvent } from '@bron/cascade';
import { EventTypes, Topics, type BasissetsGewijzigd } from '@bron/contracts';
import { nieuwBericht, type Oorzaakbericht, type UitgaandBericht } from '@bron/infra';

/**
 * One message per cause (D8): what it changed for each instelling that may be told, on the
 * DUO-internal topic only (it names every instelling involved and the real cause). Its id names the
 * student and the causing event, so a repeated effect is the same event.
 */
export function basissetwijzigingBerichten(events: readonly BekostigingEvent[], oorzaak: Oorzaakbericht): UitgaandBericht<BasissetsGewijzigd>[] {
  return events.flatMap((event) => {
    if (event.type !== 'BasissetsGewijzigd') return [];
    const { persoonsnummer, aanleiding, instellingen } = event.data;
    const value: BasissetsGewijzigd = {
      persoonsnummer,
      oorzaak: oorzaakMapper.naarContract(event.data.oorzaak, aanleiding),
      instellingen: instellingen.map((i) => ({
        instelling: i.instelling,
        onderdelen: i.onderdelen.map((o) => ({ soort: o.soort, id: o.id, crebo: o.crebo, wijzigingen: o.wijzigingen.map((w) => ({ veld: w.veld, oud: w.oud, nieuw: w.nieuw })) })),
      })),
    };
    const eventId = `basissetwijziging:${persoonsnummer}:${aanleiding}`;
    return [nieuwBericht({ topic: Topics.basissetwijziging, key: persoonsnummer, type: EventTypes.BasissetsGewijzigd, value, eventId }, oorzaak)];
  });
}
