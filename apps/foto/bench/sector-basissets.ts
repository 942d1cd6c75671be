import { laadKwalificaties } from '@bron/adapters';
import { REDENEN, type Kwalificatie, type RedenCode } from '@bron/cascade';
import type { BasissetBerekend } from '@bron/contracts';
// The bench is developer tooling beside its service (as apps/bekostiging/bench): it takes the
// sector generator's BRINs and persoonsnummers, so that its students look like the sector bench's.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { persoonsnummer, prng, sectorBrins } from '@bron/devtools';

/** The niveaus of the mbo's inschrijvingen, roughly as the sector generator draws them (docs/sector.md). */
const NIVEAUS: readonly (readonly [1 | 2 | 3 | 4, number])[] = [[1, 0.06], [2, 0.22], [3, 0.3], [4, 0.42]];
const VOOROPLEIDINGEN = ['VMBO_BB', 'VMBO_KB', 'VMBO_GL', 'VMBO_TL', 'HAVO', 'OVERGANG_HAVO_3_4'];

const reden = (code: RedenCode) => ({ code, tekst: REDENEN[code].omschrijving, regel: REDENEN[code].regel });

/**
 * One BasissetBerekend per student (its one inschrijving on `teldatum`, versie 1), deterministic in
 * the options: a whole sector as the bekostiging service would publish it at the start of a
 * studiejaar. Crebo, leerweg, niveau and prijsfactor come from the kwalificaties table; about 25%
 * BBL (with its BPV and leerbedrijf), 2% examendeelnemers, a few not bekostigd (no BPV, no lawful
 * residence), earlier bekostigde diploma's for a third of niveau 3-4, the reasons with their
 * texts as the cascade gives them. The instellingen differ in size (weights 1 to 4).
 */
export function* sectorBasissets(opties: { studenten: number; instellingen: number; teldatum: string; seed?: number }): Generator<BasissetBerekend> {
  const random = prng(opties.seed ?? 1);
  const kans = (p: number) => random() < p;
  const kies = <T>(lijst: readonly T[]): T => lijst[Math.floor(random() * lijst.length)];
  const brins = sectorBrins(opties.instellingen, opties.seed ?? 1);
  const gewichten = brins.map(() => 1 + Math.floor(random() * 4));
  const totaal = gewichten.reduce((a, b) => a + b, 0);
  const kiesInstelling = () => {
    let r = random() * totaal;
    let i = 0;
    while (r >= gewichten[i] && i < brins.length - 1) r -= gewichten[i++];
    return brins[i];
  };
  const alle = laadKwalificaties().alle();
  const perNiveau = new Map(NIVEAUS.map(([n]) => [n, alle.filter((k) => k.niveau === n)]));
  const studiejaar = Number(opties.teldatum.slice(0, 4));
  const gezien = new Set<string>();

  for (let n = 1; n <= opties.studenten; n++) {
    let student = persoonsnummer(random);
    while (gezien.has(student)) student = persoonsnummer(random);
    gezien.add(student);
    let r = random();
    const niveau = NIVEAUS.find(([, p]) => (r -= p) < 0)?.[0] ?? 4;
    const keuze = perNiveau.get(niveau)!;
    const bbl = kans(0.25) && keuze.some((k) => k.leerwegen.includes('BBL'));
    const leerweg = bbl ? 'BBL' : 'BOL';
    const passend = keuze.filter((k) => k.leerwegen.includes(leerweg));
    const kwalificatie: Kwalificatie = kies(passend.length > 0 ? passend : keuze);
    const intensiteit = kans(0.02) ? 'EX' : !bbl && kans(0.03) ? 'DT' : 'VT';
    const verblijfsjaar = 1 + Math.floor(random() * (niveau === 1 ? 1 : 3));
    const begin = `${studiejaar - verblijfsjaar + 1}-08-01`;
    const uitgeschreven = kans(0.04) ? `${studiejaar}-12-15` : null;
    const bpv = bbl || kans(0.05)
      ? [{ bpvId: `BPV-${n}`, afgesloten: `${studiejaar}-08-20`, begin: `${studiejaar}-09-01`, einde: uitgeschreven, leerbedrijf: String(10_000_000 + Math.floor(random() * 89_999_999)) }]
      : [];
    const geenBpv = bbl && kans(0.03);
    const koppelingswet = kans(0.005);
    const bekostigd = intensiteit !== 'EX' && !geenBpv && !koppelingswet;
    const herstart = bekostigd && kans(0.01);
    const redenen = intensiteit === 'EX' ? [reden('INS_EXAMENDEELNEMER')]
      : geenBpv ? [reden('INS_BBL_GEEN_BPV')]
      : koppelingswet ? [reden('INS_KOPPELINGSWET')]
      : [reden('INS_BEKOSTIGD'), reden(bbl ? 'LW_BBL' : 'LW_BOL'), reden('PF_TABEL'), reden(niveau === 1 ? 'VJ_ENTREE' : 'VJ_NIVEAU_2_4'), ...(herstart ? [reden('VJ_HERSTART')] : []), reden('VF_NIET_VAN_TOEPASSING')];
    const leerwegfactor = bbl ? (niveau === 1 ? 0.5 : 0.4) : 1;
    const eerder = niveau >= 3 && kans(0.33) ? [{ crebo: kies(perNiveau.get((niveau - 1) as 2 | 3)!).crebo, niveau: niveau - 1, datum: `${studiejaar - verblijfsjaar}-06-30`, diplomawaarde: niveau - 1 === 2 ? 0.5 : 1 }] : [];
    yield {
      persoonsnummer: student, instelling: kiesInstelling(), inschrijvingId: `I-${n}`, crebo: kwalificatie.crebo, leerweg, niveau, versie: 1,
      bekostigingsjaar: studiejaar + 2, teldatum: opties.teldatum, regime: 'post2018', prognose: false, actief: true,
      basisset: {
        bekostigd, redenen, hoogsteVooropleiding: kans(0.9) ? { code: kies(VOOROPLEIDINGEN), overgangsbewijs: false } : null,
        verblijfsjarenEntree: niveau === 1 ? verblijfsjaar : 0, verblijfsjarenNiveau2tot4: niveau === 1 ? 0 : verblijfsjaar, bekostigdeDiplomas: eerder,
        verblijfsjaar: bekostigd ? verblijfsjaar : null, verblijfsjaarfactor: 1, leerwegfactor, prijsfactor: kwalificatie.prijsfactor,
        diplomawaardeOpleiding: niveau === 1 ? null : eerder.length > 0 ? 1 - eerder[0].diplomawaarde / 2 : 1,
        bijdrage: bekostigd ? Number((leerwegfactor * kwalificatie.prijsfactor).toFixed(4)) : 0, verblijfsstatusRechtmatig: koppelingswet ? false : null,
      },
      wijzigingen: [],
      oorzaak: { soort: 'AANLEVERING', instelling: null, bron: null, eventId: `bench-${n}` },
      intensiteit, datumInschrijving: begin, datumUitschrijving: uitgeschreven, leeftijdOpEenAugustus: 15 + niveau + verblijfsjaar + Math.floor(random() * 3),
      inschrijvingVoorCorrectiefactor: uitgeschreven === null, officieleVoornamen: null, codeLeerbedrijf: bbl ? bpv[0]?.leerbedrijf ?? null : null, bpv, diplomas: [],
    };
  }
}
