import type { Writable } from 'node:stream';
import { fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { BronFoto, FotoSignaal, FotoStudent } from '@bron/domein';
import { Uitvoer, xmlVeilig } from './uitvoer';

/**
 * The foto as a TBG-i file, in the layout of DUO's Bekostigingsgrondslagen-instelling file (PvE
 * MBO-instelling 4.8.2 §16, facts 31-32, docs/foto.md): per `Inschrijving` a `Teldatum` block for
 * 1 October and, when it is still enrolled then, one for 1 February; then per `Diploma`. Empty
 * values are `xsi:nil="true"`, booleans `true`/`false`, dates `JJJJ-MM-DD`. Built with xmlbuilder2
 * and written element by element; ends the stream.
 */
type Waarde = string | number | boolean | null;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function veld(xml: XMLBuilder, naam: string, waarde: Waarde): void {
  if (waarde === null) xml.ele(naam, { 'xsi:nil': 'true' });
  else xml.ele(naam).txt(typeof waarde === 'boolean' ? (waarde ? 'true' : 'false') : xmlVeilig(String(waarde)));
}

const niveau = (n: number | null): string | null => (n === null || n < 1 || n > 4 ? null : `MBO-${n}`);

/** Leertraject (fact 30): BOL, BOL_DT, BBL, EX. */
function leertraject(s: FotoStudent): string {
  if (s.leerweg === 'BBL') return 'BBL';
  if (s.intensiteit === 'DT') return 'BOL_DT';
  if (s.intensiteit === 'EX') return 'EX';
  return s.leerweg;
}

/** The Bekostigingsstatus DUO grants: this project's values (DUO's own value list is not public). */
const bekostigingsstatus = (bekostigd: boolean): string => (bekostigd ? 'BEKOSTIGD' : 'NIET_BEKOSTIGD');

function hoogsteBekostigdeDiploma(s: FotoStudent): { niveau: string | null; specialist: boolean | null } {
  const hoogste = [...s.basisset.bekostigdeDiplomas].sort((a, b) => b.niveau - a.niveau || (a.datum < b.datum ? 1 : a.datum > b.datum ? -1 : 0))[0];
  return hoogste ? { niveau: niveau(hoogste.niveau), specialist: hoogste.specialist } : { niveau: null, specialist: null };
}

function signaal(ouder: XMLBuilder, s: FotoSignaal): void {
  const xml = ouder.ele('Signaal');
  veld(xml, 'Signaalvolgnummer', s.volgnummer);
  veld(xml, 'Signaalcode', s.code);
  veld(xml, 'Signaalomschrijving', s.omschrijving);
  s.parameters.forEach((p, i) => {
    const parameter = xml.ele('Parameter');
    veld(parameter, 'Parametervolgnummer', i + 1);
    veld(parameter, 'Parameternaam', p.naam);
    veld(parameter, 'Parameterwaarde', p.waarde);
  });
}

function persoon(xml: XMLBuilder, s: FotoStudent): void {
  veld(xml, 'BRIN', s.instelling);
  veld(xml, 'Burgerservicenummer', s.persoonsnummerSoort === 'BSN' ? s.persoonsnummer : null);
  veld(xml, 'Onderwijsnummer', s.persoonsnummerSoort === 'ONDERWIJSNUMMER' ? s.persoonsnummer : null);
}

const eenFebruari = (teldatum: string): string => `${Number(teldatum.slice(0, 4)) + 1}-02-01`;
const statusBepaling = (foto: BronFoto): string => (foto.status === 'D' ? 'D' : 'V');

function inschrijving(xml: XMLBuilder, foto: BronFoto, s: FotoStudent): void {
  persoon(xml, s);
  veld(xml, 'Inschrijvingvolgnummer', s.inschrijvingId);
  veld(xml, 'DatumInschrijving', s.datumInschrijving);
  veld(xml, 'DatumUitschrijvingGepland', s.datumUitschrijvingGepland);
  veld(xml, 'DatumUitschrijvingWerkelijk', s.datumUitschrijvingWerkelijk);
  veld(xml, 'NiveauHoogstBekostigdeDiploma', hoogsteBekostigdeDiploma(s).niveau);
  const teldata: { datum: string; teldatum: 'EEN_OKTOBER' | 'EEN_FEBRUARI' }[] = [{ datum: s.teldatum, teldatum: 'EEN_OKTOBER' }];
  if (s.inschrijvingVoorCorrectiefactor) teldata.push({ datum: eenFebruari(s.teldatum), teldatum: 'EEN_FEBRUARI' });
  for (const t of teldata) {
    const b = s.basisset;
    const blok = xml.ele('Teldatum');
    veld(blok, 'Teldatum', t.datum);
    veld(blok, 'DatumTijdBepalingBekostigingsgrondslagen', s.bekendSinds);
    veld(blok, 'StatusBepalingBekostigingsstatus', statusBepaling(foto));
    veld(blok, 'LeeftijdOpEenAugustusStudiejaar', s.leeftijdOpEenAugustus);
    veld(blok, 'Opleidingcode', s.crebo);
    veld(blok, 'Niveau', niveau(s.niveau));
    veld(blok, 'Leertraject', leertraject(s));
    veld(blok, 'Leerroutefase', s.leerroutefase);
    veld(blok, 'IndicatieBekostigbaar', s.indicatieBekostigbaar);
    veld(blok, 'Bekostigingsstatus', bekostigingsstatus(b.bekostigd));
    veld(blok, 'InschrijvingVoorCorrectiefactor', s.inschrijvingVoorCorrectiefactor);
    veld(blok, 'BBLBOLFactor', b.leerwegfactor);
    veld(blok, 'PrijsfactorMBO', b.prijsfactor);
    veld(blok, 'AantalBekostigdeVerblijfsjarenMBO', b.verblijfsjaar);
    veld(blok, 'Verblijfsjaarfactor', b.verblijfsjaarfactor);
    veld(blok, 'BijdrageInschrijvingAanDeelnemerswaarde', b.bijdrage);
    for (const p of s.bpv) {
      const bpv = blok.ele('BekostigingsrelevanteBPV');
      veld(bpv, 'Inschrijvingvolgnummer', s.inschrijvingId);
      veld(bpv, 'Volgnummer', p.volgnummer);
      veld(bpv, 'Afsluitdatum', p.afsluitdatum);
      veld(bpv, 'DatumBegin', p.datumBegin);
      veld(bpv, 'DatumEindGepland', p.datumEindGepland);
      veld(bpv, 'DatumEindWerkelijk', p.datumEindWerkelijk);
      veld(bpv, 'Opleidingcode', p.crebo);
    }
    for (const g of s.signalen.filter((g) => g.teldatum === t.teldatum)) signaal(blok, g);
  }
}

function diplomas(ouder: XMLBuilder, foto: BronFoto, s: FotoStudent): void {
  const hoogste = hoogsteBekostigdeDiploma(s);
  for (const d of s.diplomas) {
    const xml = ouder.ele('Diploma');
    persoon(xml, s);
    veld(xml, 'Resultaatvolgnummer', d.resultaatvolgnummer);
    veld(xml, 'Opleidingcode', d.crebo);
    veld(xml, 'Inschrijvingvolgnummer', s.inschrijvingId);
    veld(xml, 'DatumBehaald', d.datumBehaald);
    veld(xml, 'Niveau', niveau(d.niveau));
    veld(xml, 'IndicatieSpecialistendiploma', d.specialist);
    veld(xml, 'NiveauHoogstBekostigdeDiploma', hoogste.niveau);
    veld(xml, 'IndicatieHoogstBekostigdeDiplomaIsSpecialist', hoogste.specialist);
    veld(xml, 'DatumTijdBepalingBekostigingsgrondslagen', s.bekendSinds);
    veld(xml, 'StatusBepalingBekostigingsstatus', statusBepaling(foto));
    veld(xml, 'Bekostigingsstatus', bekostigingsstatus(d.bekostigd));
    veld(xml, 'BijdrageDiplomawaarde', d.diplomawaarde);
    for (const g of d.signalen) signaal(xml, g);
  }
}

/** One element of the root as text, at the root's indentation. */
function alsTekst(bouw: (root: XMLBuilder) => void): string {
  const root = fragment();
  bouw(root);
  return root.end({ prettyPrint: true, indent: '  ', newline: '\n', offset: 1 });
}

/**
 * Each `Inschrijving` and `Diploma` is built as an xmlbuilder2 fragment and written as soon as it
 * is complete, so memory stays bounded. Not its callback builder (`createCB`): that makes a
 * fragment per element, and measured about 2.7 times slower for the same file.
 */
export async function schrijfFotoTbgi(foto: BronFoto, uit: Writable): Promise<void> {
  const uitvoer = new Uitvoer(uit);
  await uitvoer.schrijf(`<?xml version="1.0" encoding="UTF-8"?>\n<Bekostigingsgrondslagen xmlns:xsi="${XSI}">\n`);
  for (const s of foto.studenten) await uitvoer.schrijf(`${alsTekst((root) => inschrijving(root.ele('Inschrijving'), foto, s))}\n`);
  for (const s of foto.studenten) {
    if (s.diplomas.length > 0) await uitvoer.schrijf(`${alsTekst((root) => diplomas(root, foto, s))}\n`);
  }
  await uitvoer.schrijf('</Bekostigingsgrondslagen>\n');
  await uitvoer.sluit();
}
