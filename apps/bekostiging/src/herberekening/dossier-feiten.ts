import { beoordeelPersoonsfeit, leesVooropleiding } from '@bron/aanlevering-domein';
import type { DossierFeit } from '@bron/cascade';
import { EventTypes } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, type Ontvangen } from '@bron/infra';

/** The messages about one student that the bekostiging service handles as a run (in order, one transaction). */
export const STUDENTBERICHTEN = [
  EventTypes.InschrijvingBijgewerkt, EventTypes.DiplomaBijgewerkt, EventTypes.AanmeldingBijgewerkt, EventTypes.PersoonGewijzigd, EventTypes.VooropleidingGeregistreerd,
  EventTypes.HerberekeningGevraagd,
] as const;

export type Studentbericht = Ontvangen<(typeof STUDENTBERICHTEN)[number]>;

/**
 * An external fact the intake refuses (its answer on extern.public.antwoord.v1 says why) changes no
 * dossier either: it is skipped, not dead-lettered.
 */
export function isGeweigerdExternFeit(bericht: Studentbericht): boolean {
  if (bericht.type === EventTypes.PersoonGewijzigd) return !beoordeelPersoonsfeit({ type: 'PersoonGewijzigd', ...bericht.value }).aanvaard;
  if (bericht.type === EventTypes.VooropleidingGeregistreerd) return !beoordeelPersoonsfeit({ type: 'VooropleidingGeregistreerd', ...bericht.value }).aanvaard;
  return false;
}

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
            bpv: i.bpv.map((b) => ({ bpvId: b.bpvId, afgesloten: b.afgesloten, begin: b.begin, einde: b.einde, leerbedrijf: b.leerbedrijf ?? undefined })),
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
      const vooropleiding = leesVooropleiding(v);
      if ('code' in vooropleiding) throw new OnverwerkbaarBerichtFout(vooropleiding.reden);
      return { persoonsnummer: v.persoonsnummer, feit: { type: 'VooropleidingGeregistreerd', vooropleiding } };
    }
    case EventTypes.HerberekeningGevraagd:
      return { persoonsnummer: bericht.value.persoonsnummer, feit: null };
    default: {
      const onbekend: never = bericht;
      throw new OnverwerkbaarBerichtFout(`geen studentbericht: ${JSON.stringify(onbekend)}`);
    }
  }
}
