import { VOOROPLEIDING_SOORTEN, type DossierFeit, type VooropleidingSoort } from '@bron/cascade';
import { EventTypes, type AanmeldingBijgewerkt, type DiplomaBijgewerkt, type InschrijvingBijgewerkt, type PersoonGewijzigd, type VooropleidingGeregistreerd } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, type OntvangenBericht } from '@bron/infra';

export const DOSSIER_FEITEN: readonly string[] = [EventTypes.InschrijvingBijgewerkt, EventTypes.DiplomaBijgewerkt, EventTypes.AanmeldingBijgewerkt, EventTypes.PersoonGewijzigd, EventTypes.VooropleidingGeregistreerd];

/** Maps an integration event to the fact the pure dossier understands (the edge of the domain). */
export function naarDossierFeit(bericht: OntvangenBericht): { persoonsnummer: string; feit: DossierFeit } {
  switch (bericht.metadata.eventType) {
    case EventTypes.InschrijvingBijgewerkt: {
      const i = bericht.value as InschrijvingBijgewerkt;
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
      const d = bericht.value as DiplomaBijgewerkt;
      return { persoonsnummer: d.persoonsnummer, feit: { type: 'DiplomaBijgewerkt', diploma: { ...d, versie: Number(d.versie) } } };
    }
    case EventTypes.AanmeldingBijgewerkt: {
      const a = bericht.value as AanmeldingBijgewerkt;
      return { persoonsnummer: a.persoonsnummer, feit: { type: 'AanmeldingBijgewerkt', aanmelding: { instelling: a.instelling, aanmeldingId: a.aanmeldingId, crebo: a.crebo, datum: a.datum, verwijderd: a.verwijderd } } };
    }
    case EventTypes.PersoonGewijzigd: {
      const p = bericht.value as PersoonGewijzigd;
      return {
        persoonsnummer: p.persoonsnummer,
        feit: { type: 'PersoonGewijzigd', geboortedatum: p.geboortedatum, nationaliteit: p.nationaliteit, officieleVoornamen: p.officieleVoornamen, verblijfsstatus: p.verblijfsstatus, tijdstip: bericht.metadata.eventTime },
      };
    }
    case EventTypes.VooropleidingGeregistreerd: {
      const v = bericht.value as VooropleidingGeregistreerd;
      if (!(VOOROPLEIDING_SOORTEN as readonly string[]).includes(v.soort)) {
        throw new OnverwerkbaarBerichtFout(`vooropleiding ${v.soort} onbekend (bekend: ${VOOROPLEIDING_SOORTEN.join(', ')})`);
      }
      return { persoonsnummer: v.persoonsnummer, feit: { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: v.soort as VooropleidingSoort, diploma: v.diploma, datum: v.datum } } };
    }
    default:
      throw new OnverwerkbaarBerichtFout(`geen dossierfeit: ${bericht.metadata.eventType}`);
  }
}
