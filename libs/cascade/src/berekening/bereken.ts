import { eenOktober, jaarVan, teldatumVoor } from '../datum';
import type {
  BasissetInschrijving,
  BekostigdDiploma,
  Berekening,
  BerekeningInvoer,
  DiplomaUitkomst,
  InschrijvingUitkomst,
  Reden,
} from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { reden, type RedenCode } from '../regels/redenen';
import { regelsetVoor, type Regelset } from '../regels/regelset';
import { beoordeelDiplomas, toekomstigeDiplomawaarde } from './diplomas';
import {
  beoordeel,
  bereidVoor,
  eersteJaar,
  lopendOp,
  teltAlsVerblijfsjaar,
  type Beoordeling,
  type VoorbereideInschrijving,
} from './inschrijvingen';
import {
  effectiefAantal,
  isHerstart,
  nieuweStand,
  positieAlsAanwezig,
  registreer,
  verblijfsjaarfactor,
  type Teller,
  type Tellerstand,
} from './verblijfsjaren';
import { hoogsteVooropleiding } from './vooropleiding';

const TELLERS: readonly Teller[] = ['entree', 'niveau2tot4'];

/** One inschrijving on one teldatum with its Vf and (unrounded-free) bijdrage. */
interface Kandidaat {
  readonly b: Beoordeling;
  readonly verblijfsjaar: number;
  readonly herstart: boolean;
  readonly vf: number;
  readonly pf: number;
  /** lw x pf x vf, rounded, regardless of eligibility. */
  readonly waarde: number;
}

function rond(x: number, decimalen: number): number {
  const f = 10 ** decimalen;
  return Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
}

/**
 * WEB 2.2.2 lid 3: of several enrolments on one teldatum only one is bekostigd. `kandidaten` are in
 * canonical order, so ties go to the earliest begin, then instelling, then id (I-3, README B5).
 */
function kies(kandidaten: readonly Kandidaat[], regels: Regelset): Kandidaat | undefined {
  let beste: Kandidaat | undefined;
  for (const k of kandidaten) {
    if (k.b.uitsluitingen.length > 0) continue;
    if (!beste) beste = k;
    else if (regels.meerdereInschrijvingen.waarde === 'hoogste_bijdrage' && k.waarde > beste.waarde) beste = k;
  }
  return beste;
}

/**
 * The bekostiging of one student for one bekostigingsjaar: every inschrijving on the teldatum
 * (1 Oct T-2), every diploma of calendar year T-2, and the basisset (D3). Pure and deterministic:
 * facts are sorted canonically first; numbers are rounded to the rule set's decimals.
 * `regels` defaults to the rule set of the bekostigingsjaar (D1); pass another to apply a corrected
 * or switched rule set. Throws RangeError for a bekostigingsjaar without a rule set; validate
 * input with `leesBerekeningInvoer` first.
 */
export function berekenBekostiging(
  invoer: BerekeningInvoer,
  tabel: Kwalificatietabel,
  regels: Regelset = regelsetVoor(invoer.bekostigingsjaar),
): Berekening {
  const dec = regels.decimalen.waarde;
  const tJaar = invoer.bekostigingsjaar - 2;
  const teldatum = teldatumVoor(invoer.bekostigingsjaar);
  const lijst = bereidVoor(invoer.persoon, invoer.inschrijvingen, tabel, regels);
  const vfToepassen = regels.verblijfsjaren.toepassen.waarde;
  const alleenBekostigd = regels.verblijfsjaren.telling.waarde === 'bekostigde_inschrijvingen';
  const perMbo = regels.verblijfsjaren.afwezigheid.waarde === 'in_mbo';
  const drempel = (t: Teller) =>
    (t === 'entree' ? regels.entree : regels.niveau2tot4).herstartNaAfwezigeJaren.waarde;

  const standen: Record<Teller, Tellerstand> = { entree: nieuweStand(), niveau2tot4: nieuweStand() };
  let mboAfwezig = 0;
  const afwezigheid = (t: Teller) => (perMbo ? mboAfwezig : standen[t].afwezig);
  /** Calendar years with any inschrijving on 1 October (for the diploma interruption rule). */
  const aanwezigJaren = new Set<number>();
  const start = eersteJaar(lijst, tJaar);
  let opTeldatum: Kandidaat[] = [];
  let gekozenOpTeldatum: Kandidaat | undefined;

  // Walk the 1 October teldata in ascending years (UWEB 2.2.2 lid 3 / 2.2.3 lid 3).
  for (let jaar = start; jaar <= tJaar; jaar++) {
    const lopend = lopendOp(lijst, jaar);
    if (lopend.length > 0) aanwezigJaren.add(jaar);
    const aanwezig: Record<Teller, boolean> = { entree: false, niveau2tot4: false };
    if (jaar === tJaar || alleenBekostigd) {
      const kandidaten = lopend.map((v) => kandidaat(v, jaar));
      const gekozen = kies(kandidaten, regels);
      if (alleenBekostigd) {
        if (gekozen) aanwezig[gekozen.b.v.teller!] = true;
      } else for (const v of lopend) if (teltAlsVerblijfsjaar(v)) aanwezig[v.teller!] = true;
      if (jaar === tJaar) {
        opTeldatum = kandidaten;
        gekozenOpTeldatum = gekozen;
      }
    } else {
      for (const v of lopend) if (teltAlsVerblijfsjaar(v)) aanwezig[v.teller!] = true;
    }
    for (const t of TELLERS) registreer(standen[t], aanwezig[t], afwezigheid(t), drempel(t));
    mboAfwezig = aanwezig.entree || aanwezig.niveau2tot4 ? 0 : mboAfwezig + 1;
  }

  function kandidaat(v: VoorbereideInschrijving, jaar: number): Kandidaat {
    const b = beoordeel(v, jaar, regels);
    if (!v.teller || !v.tellerregels) return { b, verblijfsjaar: 0, herstart: false, vf: 0, pf: 0, waarde: 0 };
    const stand = standen[v.teller];
    const afw = afwezigheid(v.teller);
    const verblijfsjaar = positieAlsAanwezig(stand, afw, drempel(v.teller));
    const herstart = isHerstart(stand, afw, drempel(v.teller)) || stand.herstart;
    const vf = vfToepassen ? verblijfsjaarfactor(v.tellerregels, verblijfsjaar) : 1;
    const pf = tabel.prijsfactorOp(v.ins.crebo, eenOktober(jaar)) ?? 0;
    return { b, verblijfsjaar, herstart, vf, pf, waarde: rond(b.leerwegfactor * pf * vf, dec) };
  }

  // Diploma's: everything up to 31 December T-2 is judged in order; T-2's are reported.
  let diplomaStart = start;
  for (const d of invoer.diplomas) diplomaStart = Math.min(diplomaStart, jaarVan(d.datum));
  const { beoordelingen, geteld } = beoordeelDiplomas(
    invoer.diplomas,
    `${tJaar}-12-31`,
    tabel,
    regels,
    diplomaStart,
    aanwezigJaren,
  );
  const diplomas: DiplomaUitkomst[] = [];
  const bekostigdeDiplomas: BekostigdDiploma[] = [];
  for (const d of beoordelingen) {
    if (d.bekostigd) {
      bekostigdeDiplomas.push({ crebo: d.diploma.crebo, niveau: d.niveau, datum: d.diploma.datum, diplomawaarde: d.diplomawaarde });
    }
    if (jaarVan(d.diploma.datum) !== tJaar) continue;
    diplomas.push({
      instelling: d.diploma.instelling,
      crebo: d.diploma.crebo,
      datum: d.diploma.datum,
      niveau: d.niveau,
      bekostigd: d.bekostigd,
      diplomawaarde: d.diplomawaarde,
      redenen: d.redenen.map(reden),
    });
  }

  const inschrijvingen: InschrijvingUitkomst[] = [];
  const basisInschrijvingen: BasissetInschrijving[] = [];
  for (const k of opTeldatum) {
    const v = k.b.v;
    const bekostigd = k === gekozenOpTeldatum;
    const redenen = redenenVan(k, bekostigd, gekozenOpTeldatum !== undefined, vfToepassen);
    const uitkomst: InschrijvingUitkomst = {
      id: v.ins.id,
      instelling: v.ins.instelling,
      crebo: v.ins.crebo,
      bekostigd,
      verblijfsjaar: k.verblijfsjaar,
      verblijfsjaarfactor: rond(k.vf, dec),
      leerwegfactor: rond(k.b.leerwegfactor, dec),
      prijsfactor: rond(k.pf, dec),
      bijdrage: bekostigd ? k.waarde : 0,
      redenen,
    };
    inschrijvingen.push(uitkomst);
    basisInschrijvingen.push({
      id: uitkomst.id,
      instelling: uitkomst.instelling,
      crebo: uitkomst.crebo,
      niveau: v.kwal?.niveau ?? 0,
      prijsfactor: uitkomst.prijsfactor,
      diplomawaarde: toekomstigeDiplomawaarde(v.kwal, geteld, teldatum, diplomaStart, aanwezigJaren, regels),
      verblijfsjaar: uitkomst.verblijfsjaar,
      verblijfsjaarfactor: uitkomst.verblijfsjaarfactor,
      leerwegfactor: uitkomst.leerwegfactor,
      bekostigd,
      redenen,
      bijdrage: uitkomst.bijdrage,
    });
  }

  const voor = hoogsteVooropleiding(invoer.vooropleidingen);
  return {
    bekostigingsjaar: invoer.bekostigingsjaar,
    regime: regels.id,
    teldatum,
    inschrijvingen,
    diplomas,
    basisset: {
      persoonsnummer: invoer.persoon.persoonsnummer,
      teldatum,
      hoogsteVooropleiding: voor.code,
      hoogsteVooropleidingBewijs: voor.bewijs,
      verblijfsjarenEntree: effectiefAantal(standen.entree, afwezigheid('entree'), drempel('entree')),
      verblijfsjarenNiveau2tot4: effectiefAantal(standen.niveau2tot4, afwezigheid('niveau2tot4'), drempel('niveau2tot4')),
      bekostigdeDiplomas,
      inschrijvingen: basisInschrijvingen,
    },
  };
}

function redenenVan(k: Kandidaat, bekostigd: boolean, anderGekozen: boolean, vfToepassen: boolean): Reden[] {
  const codes: RedenCode[] = [];
  const v = k.b.v;
  if (bekostigd) codes.push('INS_BEKOSTIGD');
  else if (k.b.uitsluitingen.length > 0) codes.push(...k.b.uitsluitingen);
  else if (anderGekozen) codes.push('INS_MEERDERE_INSCHRIJVINGEN');
  if (v.teller) {
    if (k.b.leerwegReden) codes.push(k.b.leerwegReden);
    codes.push('PF_TABEL', v.teller === 'entree' ? 'VJ_ENTREE' : 'VJ_NIVEAU_2_4');
    if (k.herstart) codes.push('VJ_HERSTART');
    if (!vfToepassen) codes.push('VF_NIET_VAN_TOEPASSING');
    else if (k.vf === 0) codes.push('VF_NUL');
  }
  return codes.map(reden);
}
