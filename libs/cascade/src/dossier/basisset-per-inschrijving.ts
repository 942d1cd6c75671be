import { eenOktober, jaarVan, type IsoDatum } from '../datum';
import type { Basisset, BasissetInschrijving, Berekening, BerekeningInvoer, HoogsteVooropleiding, Jaarbasisset } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { REDENEN, reden, type RedenCode } from '../regels/redenen';
import { bpvVan, codeLeerbedrijfOp, diplomasVanInschrijving, eenAugustusVan, inschrijvingVoorCorrectiefactor, leeftijdOp } from './inschrijvingsgegevens';
import type { DossierInschrijving, Studentdossier } from './studentdossier';

/** 1 October of the studiejaar (1 Aug - 31 Jul) that contains `datum`: the prognose's teldatum (D2). */
export function teldatumVanStudiejaar(datum: IsoDatum): IsoDatum {
  const jaar = jaarVan(datum);
  return eenOktober(datum.slice(5) >= '08-01' ? jaar : jaar - 1);
}

/**
 * The teldatum whose funding an inschrijving shows: the running studiejaar's, or for an inschrijving
 * that ended before it its last 1 October, or for one that starts after it its first. Null when
 * the inschrijving covers no 1 October.
 */
export function teldatumVoorInschrijving(i: Pick<DossierInschrijving, 'begin' | 'einde'>, peildatum: IsoDatum): IsoDatum | null {
  const eerste = eenOktober(i.begin.slice(5) <= '10-01' ? jaarVan(i.begin) : jaarVan(i.begin) + 1);
  const laatste = i.einde === null ? null : eenOktober(i.einde.slice(5) >= '10-01' ? jaarVan(i.einde) : jaarVan(i.einde) - 1);
  if (laatste !== null && laatste < eerste) return null;
  const huidig = teldatumVanStudiejaar(peildatum);
  if (huidig < eerste) return eerste;
  if (laatste !== null && huidig > laatste) return laatste;
  return huidig;
}

/** Lawful residence on `datum` as the BRP reports it; null when it told us nothing (no periods, not NL). */
export function rechtmatigOp(dossier: Studentdossier, begin: IsoDatum): boolean | null {
  const perioden = dossier.persoon.verblijfsstatus;
  if (perioden.length === 0) return dossier.persoon.nationaliteit === 'NL' ? true : null;
  const periode = perioden.find((p) => p.vanaf <= begin && (p.tot === null || begin < p.tot));
  return periode ? periode.rechtmatig : false;
}

/** The invoer of the cascade for one bekostigingsjaar, from the dossier. */
export function invoerVoor(dossier: Studentdossier, bekostigingsjaar: number): BerekeningInvoer {
  const { persoon } = dossier;
  return {
    bekostigingsjaar,
    persoon: {
      persoonsnummer: dossier.persoonsnummer,
      // Without BRP data the age is unknown; the cascade then treats the student as an adult.
      geboortedatum: persoon.geboortedatum ?? '1900-01-01',
      nationaliteit: persoon.nationaliteit ?? undefined,
      verblijfsstatus: persoon.verblijfsstatus.length > 0 ? persoon.verblijfsstatus : undefined,
    },
    vooropleidingen: dossier.vooropleidingen,
    inschrijvingen: Object.values(dossier.inschrijvingen)
      .filter((i) => !i.verwijderd)
      .map((i) => ({ id: `${i.instelling}:${i.inschrijvingId}`, instelling: i.instelling, crebo: i.crebo, leerweg: i.leerweg, intensiteit: i.intensiteit, begin: i.begin, einde: i.einde, bpv: i.bpv })),
    diplomas: Object.values(dossier.diplomas).filter((d) => !d.verwijderd).map((d) => ({ instelling: d.instelling, crebo: d.crebo, datum: d.datum })),
  };
}

/**
 * D3 names the highest vooropleiding and whether it is an overgangsbewijs havo/vwo 3-4; without
 * any registered vooropleiding it is null. (A vooropleiding without diploma, `GEEN_DIPLOMA` in the
 * engine, then reads as no overgangsbewijs.)
 */
function hoogsteVooropleidingVan(basisset: Jaarbasisset): HoogsteVooropleiding | null {
  if (basisset.hoogsteVooropleiding === 'ONBEKEND') return null;
  return { code: basisset.hoogsteVooropleiding, overgangsbewijs: basisset.hoogsteVooropleidingBewijs === 'OVERGANGSBEWIJS_HAVO_VWO_3_4' };
}

/**
 * The basisset of every inschrijving in the dossier (removed ones included, as inactive), each for
 * its own teldatum (see `teldatumVoorInschrijving`), with what a foto shows of the inschrijving
 * besides (`inschrijvingsgegevens.ts`). `bereken` is the cascade, run once per bekostigingsjaar
 * needed: the inschrijvingen' own and those their diploma's count in.
 */
export function basissetsVanDossier(
  dossier: Studentdossier,
  peildatum: IsoDatum,
  tabel: Kwalificatietabel,
  bereken: (invoer: BerekeningInvoer, tabel: Kwalificatietabel) => Berekening,
): Basisset[] {
  const berekeningen = new Map<number, Berekening>();
  const berekeningVoor = (jaar: number) => {
    let b = berekeningen.get(jaar);
    if (!b) berekeningen.set(jaar, (b = bereken(invoerVoor(dossier, jaar), tabel)));
    return b;
  };
  const huidigJaar = jaarVan(teldatumVanStudiejaar(peildatum)) + 2;
  return Object.keys(dossier.inschrijvingen).sort().map((sleutel) => {
    const i = dossier.inschrijvingen[sleutel];
    const teldatum = teldatumVoorInschrijving(i, peildatum);
    const berekening = berekeningVoor(teldatum === null ? huidigJaar : jaarVan(teldatum) + 2);
    const eigen: BasissetInschrijving | undefined = teldatum === null ? undefined : berekening.basisset.inschrijvingen.find((b) => b.id === sleutel);
    const kwalificatie = tabel.kwalificatie(i.crebo);
    const { basisset } = berekening;
    return {
      persoonsnummer: dossier.persoonsnummer,
      instelling: i.instelling,
      inschrijvingId: i.inschrijvingId,
      actief: !i.verwijderd,
      crebo: i.crebo,
      leerweg: i.leerweg,
      niveau: kwalificatie?.niveau ?? null,
      bekostigingsjaar: berekening.bekostigingsjaar,
      teldatum: berekening.teldatum,
      regime: berekening.regime,
      prognose: berekening.teldatum > peildatum,
      bekostigd: eigen?.bekostigd ?? false,
      redenen: eigen?.redenen ?? [reden('INS_NIET_OP_TELDATUM')],
      hoogsteVooropleiding: hoogsteVooropleidingVan(basisset),
      verblijfsjarenEntree: basisset.verblijfsjarenEntree,
      verblijfsjarenNiveau2tot4: basisset.verblijfsjarenNiveau2tot4,
      bekostigdeDiplomas: basisset.bekostigdeDiplomas,
      verblijfsjaar: eigen?.verblijfsjaar ?? null,
      verblijfsjaarfactor: eigen?.verblijfsjaarfactor ?? 0,
      leerwegfactor: eigen?.leerwegfactor ?? 0,
      prijsfactor: eigen?.prijsfactor ?? tabel.prijsfactorOp(i.crebo, berekening.teldatum) ?? null,
      diplomawaardeOpleiding: eigen?.diplomawaarde ?? null,
      bijdrage: eigen?.bijdrage ?? 0,
      verblijfsstatusRechtmatig: rechtmatigOp(dossier, i.begin),
      intensiteit: i.intensiteit,
      datumInschrijving: i.begin,
      datumUitschrijving: i.einde,
      leeftijdOpEenAugustus: leeftijdOp(dossier.persoon.geboortedatum, eenAugustusVan(berekening.teldatum)),
      inschrijvingVoorCorrectiefactor: inschrijvingVoorCorrectiefactor(i, teldatum),
      officieleVoornamen: dossier.persoon.officieleVoornamen,
      codeLeerbedrijf: codeLeerbedrijfOp(i, berekening.teldatum),
      bpv: bpvVan(i),
      diplomas: diplomasVanInschrijving(dossier, i, tabel, berekeningVoor),
    };
  });
}

/** The Dutch text of a reason code. */
export function redenTekst(code: RedenCode): string {
  return REDENEN[code].omschrijving;
}
