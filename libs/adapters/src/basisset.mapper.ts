import {
  inschrijvingsgegevens, REDENEN, REGELSETS, zichtbareBasisset, type Basissetversie, type Intensiteit, type Leerweg, type Reden, type RedenCode, type RegimeId,
} from '@bron/cascade';
import type { BasissetBerekend, Reden as RedenContract } from '@bron/contracts';
import { OnverwerkbaarBerichtFout } from '@bron/infra';
import { oorzaakMapper } from './oorzaak.mapper';

const isLeerweg = (leerweg: string): leerweg is Leerweg => leerweg === 'BOL' || leerweg === 'BBL';
const isRegimeId = (regime: string): regime is RegimeId => REGELSETS.some((r) => r.id === regime);
const isIntensiteit = (intensiteit: string): intensiteit is Intensiteit => intensiteit === 'VT' || intensiteit === 'DT' || intensiteit === 'EX';
const isRedenCode = (code: string): code is RedenCode => Object.prototype.hasOwnProperty.call(REDENEN, code);

function redenNaarDomein({ code, regel }: RedenContract): Reden {
  if (!isRedenCode(code)) throw new OnverwerkbaarBerichtFout(`basisset met onbekende redencode ${code}`);
  return { code, regel };
}

/** The defaults of the contract's fields that a build before the inschrijving's facts did not write. */
const ZONDER_INSCHRIJVINGSGEGEVENS = {
  intensiteit: null, datumInschrijving: null, datumUitschrijving: null, leeftijdOpEenAugustus: null, inschrijvingVoorCorrectiefactor: false,
  officieleVoornamen: null, codeLeerbedrijf: null, bpv: [], diplomas: [],
} satisfies Partial<BasissetBerekend>;

/**
 * The basisset between the domain (`Basissetversie` of @bron/cascade) and the BasissetBerekend
 * contract: the only place that knows both shapes. The contract names each reden with its text.
 */
export const basissetMapper = {
  naarContract({ basisset: b, versie, wijzigingen, oorzaak, aanleiding }: Basissetversie): BasissetBerekend {
    return {
      persoonsnummer: b.persoonsnummer,
      instelling: b.instelling,
      inschrijvingId: b.inschrijvingId,
      crebo: b.crebo,
      leerweg: b.leerweg,
      niveau: b.niveau,
      versie,
      bekostigingsjaar: b.bekostigingsjaar,
      teldatum: b.teldatum,
      regime: b.regime,
      prognose: b.prognose,
      actief: b.actief,
      basisset: zichtbareBasisset(b),
      wijzigingen: wijzigingen.map((w) => ({ veld: w.veld, oud: w.oud, nieuw: w.nieuw })),
      oorzaak: oorzaakMapper.naarContract(oorzaak, aanleiding),
      ...inschrijvingsgegevens(b),
    };
  },

  /**
   * A value that no build of this platform could have written (an unknown leerweg, intensiteit,
   * regime or reden) is refused. A stored basisset of a build from before the inschrijving's facts
   * (intensiteit to diplomas) lacks them: they read as the contract's defaults.
   */
  naarDomein(opgeslagen: BasissetBerekend): Basissetversie {
    const c: BasissetBerekend = { ...ZONDER_INSCHRIJVINGSGEGEVENS, ...opgeslagen };
    const { leerweg, regime, intensiteit, basisset: b } = c;
    if (!isLeerweg(leerweg)) throw new OnverwerkbaarBerichtFout(`basisset met onbekende leerweg ${leerweg}`);
    if (!isRegimeId(regime)) throw new OnverwerkbaarBerichtFout(`basisset met onbekend regime ${regime}`);
    if (intensiteit !== null && !isIntensiteit(intensiteit)) throw new OnverwerkbaarBerichtFout(`basisset met onbekende intensiteit ${intensiteit}`);
    return {
      basisset: {
        persoonsnummer: c.persoonsnummer,
        instelling: c.instelling,
        inschrijvingId: c.inschrijvingId,
        crebo: c.crebo,
        leerweg,
        niveau: c.niveau,
        bekostigingsjaar: c.bekostigingsjaar,
        teldatum: c.teldatum,
        regime,
        prognose: c.prognose,
        actief: c.actief,
        bekostigd: b.bekostigd,
        redenen: b.redenen.map(redenNaarDomein),
        hoogsteVooropleiding: b.hoogsteVooropleiding === null ? null : { code: b.hoogsteVooropleiding.code, overgangsbewijs: b.hoogsteVooropleiding.overgangsbewijs },
        verblijfsjarenEntree: b.verblijfsjarenEntree,
        verblijfsjarenNiveau2tot4: b.verblijfsjarenNiveau2tot4,
        bekostigdeDiplomas: b.bekostigdeDiplomas.map((d) => ({ crebo: d.crebo, niveau: d.niveau, datum: d.datum, diplomawaarde: d.diplomawaarde })),
        verblijfsjaar: b.verblijfsjaar,
        verblijfsjaarfactor: b.verblijfsjaarfactor,
        leerwegfactor: b.leerwegfactor,
        prijsfactor: b.prijsfactor,
        diplomawaardeOpleiding: b.diplomawaardeOpleiding,
        bijdrage: b.bijdrage,
        verblijfsstatusRechtmatig: b.verblijfsstatusRechtmatig,
        intensiteit,
        datumInschrijving: c.datumInschrijving,
        datumUitschrijving: c.datumUitschrijving,
        leeftijdOpEenAugustus: c.leeftijdOpEenAugustus,
        inschrijvingVoorCorrectiefactor: c.inschrijvingVoorCorrectiefactor,
        officieleVoornamen: c.officieleVoornamen,
        codeLeerbedrijf: c.codeLeerbedrijf,
        bpv: c.bpv.map((p) => ({ bpvId: p.bpvId, afgesloten: p.afgesloten, begin: p.begin, einde: p.einde, leerbedrijf: p.leerbedrijf })),
        diplomas: c.diplomas.map((d) => ({
          diplomaId: d.diplomaId, crebo: d.crebo, datum: d.datum, niveau: d.niveau, bekostigd: d.bekostigd, diplomawaarde: d.diplomawaarde, redenen: d.redenen.map(redenNaarDomein),
        })),
      },
      versie: Number(c.versie),
      wijzigingen: c.wijzigingen.map((w) => ({ veld: w.veld, oud: w.oud, nieuw: w.nieuw })),
      oorzaak: oorzaakMapper.naarDomein(c.oorzaak),
      aanleiding: c.oorzaak.eventId,
    };
  },
};
