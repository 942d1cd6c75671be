import { isSignaal } from '@bron/cascade';
import type { BasissetBerekend } from '@bron/contracts';
import type { Basissetversie, FotoSignaal, InschrijvingSignaal } from '@bron/domein';

/** A reason as the contract names it. */
interface ContractReden {
  readonly code: string;
  readonly tekst: string;
  readonly regel: string;
}

/**
 * The signalen of a foto (docs/foto.md): the reasons of the bekostiging that have a funding
 * consequence the instelling must look at (`isSignaal`), numbered in their order, with the rule
 * they apply as their parameter.
 */
function signalenVan(redenen: readonly ContractReden[]): FotoSignaal[] {
  return redenen
    .filter((r) => isSignaal(r.code))
    .map((r, i) => ({ volgnummer: i + 1, code: r.code, omschrijving: r.tekst, parameters: [{ naam: 'regel', waarde: r.regel }] }));
}

/**
 * A BasissetBerekend as the foto service keeps it: one `Basissetversie` without its `bekendSinds`,
 * which is the foto service's own moment of recording it (the database's clock), not the sender's. What the platform does not
 * receive is stated, not guessed: the intake has no geplande uitschrijfdatum, no leerroutefase and
 * no distinction between BSN and onderwijsnummer (every persoonsnummer is written as BSN), and an
 * inschrijving is asked to be bekostigd unless the student is an examendeelnemer (docs/foto.md).
 */
export function basissetversieVan(b: BasissetBerekend): Omit<Basissetversie, 'bekendSinds'> {
  const s = b.basisset;
  const signalen: InschrijvingSignaal[] = signalenVan(s.redenen).map((signaal) => ({ ...signaal, teldatum: 'EEN_OKTOBER' }));
  return {
    persoonsnummer: b.persoonsnummer,
    persoonsnummerSoort: 'BSN',
    instelling: b.instelling,
    inschrijvingId: b.inschrijvingId,
    versie: Number(b.versie),
    teldatum: b.teldatum,
    actief: b.actief,
    crebo: b.crebo,
    leerweg: b.leerweg,
    intensiteit: b.intensiteit,
    niveau: b.niveau,
    datumInschrijving: b.datumInschrijving ?? '',
    datumUitschrijvingGepland: null,
    datumUitschrijvingWerkelijk: b.datumUitschrijving,
    leeftijdOpEenAugustus: b.leeftijdOpEenAugustus,
    indicatieBekostigbaar: b.intensiteit !== 'EX',
    inschrijvingVoorCorrectiefactor: b.inschrijvingVoorCorrectiefactor,
    leerroutefase: null,
    basisset: {
      bekostigingsjaar: b.bekostigingsjaar,
      prognose: b.prognose,
      hoogsteVooropleiding: s.hoogsteVooropleiding === null ? null : { code: s.hoogsteVooropleiding.code, overgangsbewijs: s.hoogsteVooropleiding.overgangsbewijs },
      verblijfsjarenEntree: s.verblijfsjarenEntree,
      verblijfsjarenNiveau2tot4: s.verblijfsjarenNiveau2tot4,
      bekostigdeDiplomas: s.bekostigdeDiplomas.map((d) => ({ crebo: d.crebo, niveau: d.niveau, datum: d.datum, diplomawaarde: d.diplomawaarde, specialist: null })),
      verblijfsjaar: s.verblijfsjaar,
      prijsfactor: s.prijsfactor,
      diplomawaardeOpleiding: s.diplomawaardeOpleiding,
      bekostigd: s.bekostigd,
      redenen: s.redenen.map((r) => ({ code: r.code, tekst: r.tekst, regel: r.regel })),
      leerwegfactor: s.leerwegfactor,
      verblijfsjaarfactor: s.verblijfsjaarfactor,
      bijdrage: s.bijdrage,
    },
    signalen,
    verblijfsstatusRechtmatig: s.verblijfsstatusRechtmatig,
    officieleVoornamen: b.officieleVoornamen,
    codeLeerbedrijf: b.codeLeerbedrijf,
    bpv: b.bpv.map((p, i) => ({
      volgnummer: i + 1, afsluitdatum: p.afgesloten, datumBegin: p.begin, datumEindGepland: null, datumEindWerkelijk: p.einde, crebo: b.crebo, codeLeerbedrijf: p.leerbedrijf,
    })),
    diplomas: b.diplomas.map((d, i) => ({
      resultaatvolgnummer: i + 1, crebo: d.crebo, datumBehaald: d.datum, niveau: d.niveau, specialist: false, bekostigd: d.bekostigd,
      diplomawaarde: d.bekostigd ? d.diplomawaarde : 0, signalen: signalenVan(d.redenen),
    })),
  };
}
