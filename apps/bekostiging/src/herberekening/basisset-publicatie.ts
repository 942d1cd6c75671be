import { basissetsVanDossier, berekenBekostiging, redenTekst, type InschrijvingBasisset, type Kwalificatietabel, type Studentdossier } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics, type Basisset, type BasissetBerekend } from '@bron/contracts';
import { oorzaakVanOrigin, wijzigingenTussen } from '@bron/domein';
import { nieuwBericht, type OntvangenBericht, type UitgaandBericht } from '@bron/infra';

/** The last published basisset of each inschrijving of a student, by `<instelling>:<inschrijvingId>`. */
export type VorigeBasissets = Map<string, { versie: number; basisset: BasissetBerekend }>;

/**
 * Recomputes the basisset of every inschrijving of one student and says what to publish: what
 * changed, with the cause, to the DUO-internal topic and to the student's own instelling only
 * (D7). `vorige` is updated in place with what is published, so a run of facts of one student
 * can be recomputed in memory one after the other and written once.
 */
export class BasissetPublicatie {
  constructor(private readonly peildatum: () => string) {}

  herbereken(dossier: Studentdossier, tabel: Kwalificatietabel, vorige: VorigeBasissets, oorzaakBericht: OntvangenBericht): UitgaandBericht[] {
    const oorzaak = oorzaakVanOrigin(oorzaakBericht.metadata.origin);
    const berichten: UitgaandBericht[] = [];
    for (const uitkomst of basissetsVanDossier(dossier, this.peildatum(), tabel, berekenBekostiging)) {
      const sleutel = `${uitkomst.instelling}:${uitkomst.inschrijvingId}`;
      const eerder = vorige.get(sleutel);
      const basisset = naarAvroBasisset(uitkomst);
      const wijzigingen = wijzigingenTussen(eerder ? { ...eerder.basisset.basisset, actief: eerder.basisset.actief } : null, { ...basisset, actief: uitkomst.actief });
      // Unchanged: nothing to say. The first basisset is always published (the status right after an inschrijving).
      if (eerder && wijzigingen.length === 0) continue;
      const versie = (eerder?.versie ?? 0) + 1;
      const value: BasissetBerekend = {
        persoonsnummer: dossier.persoonsnummer, instelling: uitkomst.instelling, inschrijvingId: uitkomst.inschrijvingId,
        crebo: uitkomst.crebo, leerweg: uitkomst.leerweg, niveau: uitkomst.niveau, versie,
        bekostigingsjaar: uitkomst.bekostigingsjaar, teldatum: uitkomst.teldatum, regime: uitkomst.regime, prognose: uitkomst.prognose, actief: uitkomst.actief,
        basisset, wijzigingen,
        oorzaak: {
          soort: oorzaak.soort, instelling: oorzaak.soort === 'AANLEVERING' ? oorzaak.instelling : null,
          bron: oorzaak.soort === 'AANLEVERING' ? null : oorzaak.bron, eventId: oorzaakBericht.metadata.eventId,
        },
      };
      vorige.set(sleutel, { versie, basisset: value });
      const eventId = `basisset:${dossier.persoonsnummer}:${sleutel}:${versie}`;
      berichten.push(
        nieuwBericht({ topic: Topics.basisset, key: dossier.persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId }, oorzaakBericht),
        nieuwBericht({ topic: InstellingTopics.bekostigingsstatus(uitkomst.instelling), key: dossier.persoonsnummer, type: EventTypes.BasissetBerekend, value, eventId: `${eventId}:status` }, oorzaakBericht),
      );
    }
    return berichten;
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
