import {
  basissetsVanDossier, berekenBekostiging, evolve, leegDossier, redenTekst, VOOROPLEIDING_SOORTEN,
  type DossierFeit, type InschrijvingBasisset, type Kwalificatietabel, type Studentdossier, type VooropleidingSoort,
} from '@bron/cascade';
import {
  EventTypes, InstellingTopics, Topics,
  type Basisset, type BasissetBerekend, type DiplomaBijgewerkt, type InschrijvingBijgewerkt, type PersoonGewijzigd, type VooropleidingGeregistreerd,
} from '@bron/contracts';
import { oorzaakVanOrigin, wijzigingenTussen } from '@bron/domein';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';

/**
 * Keeps each student's history across instellingen and recomputes the basisset of every
 * inschrijving whenever any fact in it changes, publishing what changed with its cause.
 */
export class StudentfeitHandler implements BerichtHandler {
  readonly topics = [Topics.studentfeit, Topics.persoon, Topics.vooropleiding];

  constructor(
    private readonly outbox: Outbox,
    private readonly kwalificaties: () => Kwalificatietabel,
    private readonly peildatum: () => string,
  ) {}

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    const { persoonsnummer, feit } = naarDossierFeit(bericht);
    await manager.query(`INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [persoonsnummer, JSON.stringify(leegDossier(persoonsnummer))]);
    const [{ dossier: oud }] = await manager.query(`SELECT dossier FROM bekostiging.studentdossier WHERE persoonsnummer = $1 FOR UPDATE`, [persoonsnummer]);
    const nieuw = evolve(oud as Studentdossier, feit);
    if (JSON.stringify(nieuw) === JSON.stringify(oud)) return;
    await manager.query(`UPDATE bekostiging.studentdossier SET dossier = $2, bijgewerkt_op = now() WHERE persoonsnummer = $1`, [persoonsnummer, JSON.stringify(nieuw)]);
    await this.herbereken(manager, nieuw, bericht);
  }

  private async herbereken(manager: EntityManager, dossier: Studentdossier, oorzaakBericht: OntvangenBericht): Promise<void> {
    const oorzaak = oorzaakVanOrigin(oorzaakBericht.metadata.origin);
    const vorige = new Map<string, { versie: string; basisset: BasissetBerekend }>(
      (await manager.query(`SELECT instelling, inschrijving_id, versie, basisset FROM bekostiging.basisset WHERE persoonsnummer = $1`, [dossier.persoonsnummer]))
        .map((r: { instelling: string; inschrijving_id: string; versie: string; basisset: BasissetBerekend }) => [`${r.instelling}:${r.inschrijving_id}`, r]),
    );
    const berichten: UitgaandBericht[] = [];
    for (const uitkomst of basissetsVanDossier(dossier, this.peildatum(), this.kwalificaties(), berekenBekostiging)) {
      const eerder = vorige.get(`${uitkomst.instelling}:${uitkomst.inschrijvingId}`);
      const basisset = naarAvroBasisset(uitkomst);
      const wijzigingen = wijzigingenTussen(eerder ? { ...eerder.basisset.basisset, actief: eerder.basisset.actief } : null, { ...basisset, actief: uitkomst.actief });
      // Unchanged: nothing to say. The first basisset is always published (the status right after an inschrijving).
      if (eerder && wijzigingen.length === 0) continue;
      const versie = Number(eerder?.versie ?? 0) + 1;
      const value: BasissetBerekend = {
        persoonsnummer: dossier.persoonsnummer, instelling: uitkomst.instelling, inschrijvingId: uitkomst.inschrijvingId,
        crebo: uitkomst.crebo, leerweg: uitkomst.leerweg, niveau: uitkomst.niveau, versie,
        bekostigingsjaar: uitkomst.bekostigingsjaar, teldatum: uitkomst.teldatum, regime: uitkomst.regime, actief: uitkomst.actief,
        basisset, wijzigingen,
        oorzaak: {
          soort: oorzaak.soort, instelling: oorzaak.soort === 'AANLEVERING' ? oorzaak.instelling : null,
          bron: oorzaak.soort === 'AANLEVERING' ? null : oorzaak.bron, eventId: oorzaakBericht.metadata.eventId,
        },
      };
      await manager.query(
        `INSERT INTO bekostiging.basisset (persoonsnummer, instelling, inschrijving_id, versie, basisset) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (persoonsnummer, instelling, inschrijving_id) DO UPDATE SET versie = EXCLUDED.versie, basisset = EXCLUDED.basisset, berekend_op = now()`,
        [dossier.persoonsnummer, uitkomst.instelling, uitkomst.inschrijvingId, versie, JSON.stringify(value)],
      );
      const eventId = `basisset:${dossier.persoonsnummer}:${uitkomst.instelling}:${uitkomst.inschrijvingId}:${versie}`;
      berichten.push(
        nieuwBericht({ topic: Topics.basisset, key: dossier.persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId }, oorzaakBericht),
        // Only the student's own instelling gets its status (D7).
        nieuwBericht({ topic: InstellingTopics.bekostigingsstatus(uitkomst.instelling), key: dossier.persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId: `${eventId}:status` }, oorzaakBericht),
      );
    }
    await this.outbox.add(manager, berichten);
  }
}

function naarAvroBasisset(u: InschrijvingBasisset): Basisset {
  return {
    bekostigd: u.bekostigd,
    redenen: u.redenen.map((r) => ({ code: r.code, tekst: redenTekst(r.code), regel: r.regel })),
    hoogsteVooropleiding: u.hoogsteVooropleiding === 'ONBEKEND' ? null : { code: u.hoogsteVooropleiding, overgangsbewijs: u.hoogsteVooropleidingBewijs === 'OVERGANGSBEWIJS_HAVO_VWO_3_4' },
    verblijfsjarenEntree: u.verblijfsjarenEntree,
    verblijfsjarenNiveau2tot4: u.verblijfsjarenNiveau2tot4,
    bekostigdeDiplomas: u.bekostigdeDiplomas.map((d) => ({ crebo: d.crebo, niveau: d.niveau, datum: d.datum, diplomawaarde: d.diplomawaarde })),
    verblijfsjaar: u.verblijfsjaar,
    verblijfsjaarfactor: u.verblijfsjaarfactor,
    leerwegfactor: u.leerwegfactor,
    prijsfactor: u.prijsfactor,
    diplomawaardeOpleiding: u.diplomawaardeOpleiding,
    bijdrage: u.bijdrage,
    verblijfsstatusRechtmatig: u.verblijfsstatusRechtmatig,
  };
}

function naarDossierFeit(bericht: OntvangenBericht): { persoonsnummer: string; feit: DossierFeit } {
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
    case EventTypes.PersoonGewijzigd: {
      const p = bericht.value as PersoonGewijzigd;
      return {
        persoonsnummer: p.persoonsnummer,
        feit: { type: 'PersoonGewijzigd', geboortedatum: p.geboortedatum, nationaliteit: p.nationaliteit, officieleVoornamen: p.officieleVoornamen, verblijfsstatus: p.verblijfsstatus, tijdstip: bericht.metadata.eventTime },
      };
    }
    case EventTypes.VooropleidingGeregistreerd: {
      const v = bericht.value as VooropleidingGeregistreerd;
      if (!(VOOROPLEIDING_SOORTEN as readonly string[]).includes(v.soort)) throw new OnverwerkbaarBerichtFout(`vooropleiding ${v.soort} onbekend`);
      return { persoonsnummer: v.persoonsnummer, feit: { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: v.soort as VooropleidingSoort, diploma: v.diploma, datum: v.datum } } };
    }
    default:
      throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
  }
}
