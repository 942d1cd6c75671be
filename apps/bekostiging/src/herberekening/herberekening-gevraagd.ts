import { originVan, type Oorzaak } from '@bron/domein';
import { EventTypes, Topics, type HerberekeningGevraagd } from '@bron/contracts';
import { nieuwBericht, type Oorzaakbericht, type UitgaandBericht } from '@bron/infra';

/**
 * The service asks itself to recompute one student (something outside the student's history
 * changed). The cause is the message that made it (its origin is inherited), or, without one, the
 * oorzaak given.
 */
export function herberekeningGevraagd(persoonsnummer: string, reden: string, oorzaak: Oorzaakbericht | Oorzaak): UitgaandBericht<HerberekeningGevraagd> {
  const bericht = { topic: Topics.herberekening, key: persoonsnummer, type: EventTypes.HerberekeningGevraagd, value: { persoonsnummer, reden } };
  return 'soort' in oorzaak ? nieuwBericht({ ...bericht, origin: originVan(oorzaak) }) : nieuwBericht(bericht, oorzaak);
}
