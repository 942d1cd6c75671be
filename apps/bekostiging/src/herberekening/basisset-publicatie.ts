import { basissetsVanDossier, berekenBekostiging, redenTekst, type InschrijvingBasisset, type Kwalificatietabel, type Studentdossier } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics, type Basisset, type BasissetBerekend } from '@bron/contracts';
import { oorzaakVanOrigin, wijzigingenTussen } from '@bron/domein';
import { nieuwBericht, type OntvangenBericht, type Outbox, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';

/**
 * Recomputes the basisset of every inschrijving of one student and publishes what changed, with
 * the cause, to the DUO-internal topic and to the student's own instelling only (D7).
 */
export class BasissetPublicatie {
  constructor(
    private readonly outbox: Outbox,
    private readonly peildatum: () => string,
  ) {}

  async herbereken(manager: EntityManager, dossier: Studentdossier, tabel: Kwalificatietabel, oorzaakBericht: OntvangenBericht): Promise<void> {
    const oorzaak = oorzaakVanOrigin(oorzaakBericht.metadata.origin);
    const vorige = new Map<string, { versie: string; basisset: BasissetBerekend }>(
      (await manager.query(`SELECT instelling, inschrijving_id, versie, basisset FROM bekostiging.basisset WHERE persoonsnummer = $1`, [dossier.persoonsnummer]))
        .map((r: { instelling: string; inschrijving_id: string; versie: string; basisset: BasissetBerekend }) => [`${r.instelling}:${r.inschrijving_id}`, r]),
    );
    const berichten: UitgaandBericht[] = [];
    for (const uitkomst of basissetsVanDossier(dossier, this.peildatum(), tabel, berekenBekostiging)) {
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
