import { VOOROPLEIDING_SOORTEN, type DossierFeit, type VooropleidingSoort } from '@bron/cascade';
import { EventTypes } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, type Ontvangen } from '@bron/infra';

/** The messages about one student that the bekostiging service handles as a run (in order, one transaction). */
export const STUDENTBERICHTEN = [
  EventTypes.InschrijvingBijgewerkt, EventTypes.DiplomaBijgewerkt, EventTypes.AanmeldingBijgewerkt, EventTypes.PersoonGewijzigd, EventTypes.VooropleidingGeregistreerd,
  EventTypes.HerberekeningGevraagd,
] as const;

export type Studentbericht = Ontvangen<(typeof STUDENTBERICHTEN)[number]>;

const isVooropleidingSoort = (soort: string): soort is VooropleidingSoort => VOOROPLEIDING_SOORTEN.some((s) => s === soort);

/**
 * The student a message is about and, for a fact, the fact as the pure dossier understands it (the
 * edge of the domain); a recompute request has no fact. A value the dossier cannot hold is
 * unprocessable.
 */
export function leesStudentbericht(bericht: Studentbericht): { persoonsnummer: string; feit: DossierFeit | null } {
  switch (bericht.type) {
    case EventTypes.InschrijvingBijgewerkt: {
      const i = bericht.value;
      if (i.leerweg !== 'BOL' && i.leerweg !== 'BBL') throw new OnverwerkbaarBerichtFout(`leerweg ${i.leerweg} onbekend`);
      if (i.intensiteit !== 'VT' && i.intensiteit !== 'DT' && i.intensiteit !== 'EX') throw new OnverwerkbaarBerichtFout(`intensiteit ${i.intensiteit} onbekend`);
      return {
        persoonsnummer: i.persoonsnummer,
        feit: {
          type: 'InschrijvingBijgewerkt',
          inschrijving: {
            instelling: i.instelling, inschrijvingId: i.inschrijvingId, versie: Number(i.versie), verwijderd: i.verwijderd, crebo: i.crebo,
            leerweg: i.leerweg, intensiteit: i.intensiteit, begin: i.begin, einde: i.einde,
            bpv: i.bpv.map((b) => ({ afgesloten: b.afgesloten, begin: b.begin, einde: b.einde, leerbedrijf: b.leerbedrijf ?? undefined })),
          },
        },
      };
    }
    case EventTypes.DiplomaBijgewerkt: {
      const d = bericht.value;
      return { persoonsnummer: d.persoonsnummer, feit: { type: 'DiplomaBijgewerkt', diploma: { ...d, versie: Number(d.versie) } } };
    }
    case EventTypes.AanmeldingBijgewerkt: {
      const a = bericht.value;
      return { persoonsnummer: a.persoonsnummer, feit: { type: 'AanmeldingBijgewerkt', aanmelding: { instelling: a.instelling, aanmeldingId: a.aanmeldingId, crebo: a.crebo, datum: a.datum, verwijderd: a.verwijderd } } };
    }
    case EventTypes.PersoonGewijzigd: {
      const p = bericht.value;
      return {
        persoonsnummer: p.persoonsnummer,
        feit: { type: 'PersoonGewijzigd', geboortedatum: p.geboortedatum, nationaliteit: p.nationaliteit, officieleVoornamen: p.officieleVoornamen, verblijfsstatus: p.verblijfsstatus, tijdstip: bericht.metadata.eventTime },
      };
    }
    case EventTypes.VooropleidingGeregistreerd: {
      const v = bericht.value;
      if (!isVooropleidingSoort(v.soort)) throw new OnverwerkbaarBerichtFout(`vooropleiding ${v.soort} onbekend (bekend: ${VOOROPLEIDING_SOORTEN.join(', ')})`);
      return { persoonsnummer: v.persoonsnummer, feit: { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: v.soort, diploma: v.diploma, datum: v.datum } } };
    }
    case EventTypes.HerberekeningGevraagd:
      return { persoonsnummer: bericht.value.persoonsnummer, feit: null };
    default: {
      const onbekend: never = bericht;
      throw new OnverwerkbaarBerichtFout(`geen studentbericht: ${JSON.stringify(onbekend)}`);
    }
  }
}
