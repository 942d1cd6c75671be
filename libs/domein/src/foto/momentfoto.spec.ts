import { canoniekeFotoTekst, fotoChecksum, maakFoto } from './foto';
import type { FotoMoment } from './fotomoment';
import { verschillenlijst } from './verschillenlijst';
import { versie } from './versie.testdata';

const moment = (bekendOp: string, over: Partial<FotoMoment> = {}): FotoMoment => ({ instelling: '25LX', peildatum: '2016-10-01', soort: 'VOORLOPIG_1', bekendOp, ...over });

// Given: A is enrolled and known on 2 October; on 1 December A's bekostiging is corrected (versie 2),
// B is removed on 1 December, C arrives in January. Another instelling, and another studiejaar, exist too.
const A1 = versie({ persoonsnummer: '012345672', versie: 1, bekendSinds: '2016-10-02T10:00:00.000Z' });
const A2 = versie({ persoonsnummer: '012345672', versie: 2, bekendSinds: '2016-12-01T09:00:00.000Z', basisset: { bekostigd: false, bijdrage: 0, redenen: [{ code: 'R07', tekst: 'geen rechtmatig verblijf', regel: 'WEB 8.1.1' }] } });
const B1 = versie({ persoonsnummer: '023456781', versie: 1, bekendSinds: '2016-10-03T10:00:00.000Z' });
const B2 = versie({ persoonsnummer: '023456781', versie: 2, bekendSinds: '2016-12-01T09:00:00.000Z', actief: false });
const C1 = versie({ persoonsnummer: '034567899', versie: 1, bekendSinds: '2017-01-05T10:00:00.000Z', leerweg: 'BBL', intensiteit: null, codeLeerbedrijf: '100012345' });
const ANDER = versie({ persoonsnummer: '045678907', instelling: '26AB', bekendSinds: '2016-10-04T10:00:00.000Z', niveau: 4 });
const VOLGEND_JAAR = versie({ persoonsnummer: '012345672', teldatum: '2017-10-01', versie: 3, bekendSinds: '2016-10-05T10:00:00.000Z' });
const ALLES = [A1, A2, B1, B2, C1, ANDER, VOLGEND_JAAR];

describe('maakFoto(regels, moment) (D5): the state known at a moment', () => {
  it('shows per inschrijving the last version known at the moment, for its studiejaar and instelling only', () => {
    const november = maakFoto(ALLES, moment('2016-11-01T00:00:00.000Z'));
    expect(november.studenten.map((s) => [s.persoonsnummer, s.versie])).toEqual([['012345672', 1], ['023456781', 1]]);
    expect(november.studenten[0].basisset.bekostigd).toBe(true);

    const januari = maakFoto(ALLES, moment('2017-01-15T00:00:00.000Z', { soort: 'INTEGRAAL' }));
    // B was removed, A corrected, C added.
    expect(januari.studenten.map((s) => [s.persoonsnummer, s.versie])).toEqual([['012345672', 2], ['034567899', 1]]);
    expect(januari.studenten[0].basisset).toMatchObject({ bekostigd: false, bijdrage: 0, redenen: [{ code: 'R07' }] });
    expect(januari).toMatchObject({ fotoId: 'foto:25LX:2016-10-01:INTEGRAAL:2017-01-15T00:00:00.000Z', status: '2', aantallen: { inschrijvingen: 2, studenten: 2, bekostigd: 1 } });
  });

  it('makes the foto of a past moment again byte for byte after later corrections (time travel)', () => {
    const toen = maakFoto([A1, B1, ANDER], moment('2016-11-01T00:00:00.000Z'));
    const later = maakFoto(ALLES, moment('2016-11-01T00:00:00.000Z'));
    expect(canoniekeFotoTekst(later)).toBe(canoniekeFotoTekst(toen));
    expect(later.checksum).toBe(toen.checksum);
    expect(later.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same foto whatever order the versions are read in', () => {
    const m = moment('2017-02-01T00:00:00.000Z');
    const signalen = [{ volgnummer: 2, code: 'S02', omschrijving: 'b', parameters: [], teldatum: 'EEN_OKTOBER' as const }, { volgnummer: 1, code: 'S01', omschrijving: 'a', parameters: [], teldatum: 'EEN_OKTOBER' as const }];
    const metSignalen = { ...C1, versie: 2, signalen };
    const omgekeerd = { ...metSignalen, signalen: [...signalen].reverse() };
    expect(maakFoto([...ALLES, metSignalen], m).checksum).toBe(maakFoto([omgekeerd, ...[...ALLES].reverse()], m).checksum);
  });

  it('carries the whole basisset per student', () => {
    const bbl = versie({
      persoonsnummer: '056789015', leerweg: 'BBL', intensiteit: null, codeLeerbedrijf: '100012345', officieleVoornamen: 'Jan Willem', verblijfsstatusRechtmatig: false,
      basisset: { hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true }, verblijfsjarenNiveau2tot4: 2, verblijfsjaar: 2, bekostigdeDiplomas: [{ crebo: '25080', niveau: 2, datum: '2015-06-30', diplomawaarde: 1.1, specialist: false }], diplomawaardeOpleiding: 0.8, leerwegfactor: 0.6, verblijfsjaarfactor: 0.9, bijdrage: 0.7 },
    });
    const [student] = maakFoto([bbl], moment('2016-11-01T00:00:00.000Z')).studenten;
    expect(student).toEqual(bbl);
  });

  it('gives every soort its status; a foto on request has its own, not V', () => {
    const status = (soort: FotoMoment['soort']) => maakFoto([A1], moment('2016-11-01T00:00:00.000Z', { soort })).status;
    expect(['VOORLOPIG_1', 'INTEGRAAL', 'VOORLOPIG_2', 'DEFINITIEF', 'OP_VERZOEK'].map((s) => status(s as FotoMoment['soort']))).toEqual(['1', '2', 'V', 'D', 'O']);
  });

  it('holds sector totals over all instellingen, without their individual data', () => {
    const foto = maakFoto(ALLES, moment('2016-11-01T00:00:00.000Z'));
    expect(foto.sector).toEqual({
      peildatum: '2016-10-01', bekendOp: '2016-11-01T00:00:00.000Z', totaalInschrijvingen: 3, totaalBekostigd: 3,
      perNiveauEnLeerweg: [
        { niveau: 3, leerweg: 'BOL_VT', inschrijvingen: 2, bekostigd: 2, inschrijvingenEenFebruari: 2 },
        { niveau: 4, leerweg: 'BOL_VT', inschrijvingen: 1, bekostigd: 1, inschrijvingenEenFebruari: 1 },
      ],
    });
    expect(JSON.stringify(foto)).not.toContain('045678907');
    expect(JSON.stringify(foto)).not.toContain('26AB');
  });

  it('refuses a moment that is not an ISO timestamp', () => {
    expect(() => maakFoto(ALLES, moment('november'))).toThrow(/ISO/);
  });

  it('checksum covers the content: another bijdrage, another checksum', () => {
    const foto = maakFoto([A1], moment('2016-11-01T00:00:00.000Z'));
    const ander = { ...foto, studenten: [{ ...foto.studenten[0], basisset: { ...foto.studenten[0].basisset, bijdrage: 1.31 } }] };
    expect(fotoChecksum(ander)).not.toBe(foto.checksum);
  });
});

describe('verschillenlijst (fact 28)', () => {
  const november = maakFoto(ALLES, moment('2016-11-01T00:00:00.000Z'));
  const januari = maakFoto(ALLES, moment('2017-01-15T00:00:00.000Z', { soort: 'INTEGRAAL' }));
  const lijst = verschillenlijst(november, januari);

  it('per student: added, removed and changed, with old and new value per field', () => {
    expect(lijst.studenten.map((s) => [s.mutatie, s.persoonsnummer])).toEqual([['WIJZIGING', '012345672'], ['VERWIJDERING', '023456781'], ['TOEVOEGING', '034567899']]);
    expect(lijst.studenten[0].velden).toEqual([
      { veld: 'basisset.bekostigd', oud: 'true', nieuw: 'false' },
      { veld: 'basisset.bijdrage', oud: '1.3', nieuw: '0' },
      { veld: 'basisset.redenen', oud: '[]', nieuw: '[{"code":"R07","regel":"WEB 8.1.1","tekst":"geen rechtmatig verblijf"}]' },
    ]);
    expect(lijst.studenten[1].velden).toContainEqual({ veld: 'crebo', oud: '"25078"', nieuw: null });
    expect(lijst.studenten[2].velden).toContainEqual({ veld: 'codeLeerbedrijf', oud: null, nieuw: '"100012345"' });
  });

  it('per TMO line: the BEK line of BOL voltijd changed, a BBL line added', () => {
    const bek = lijst.terugmeldingsoverzicht.filter((t) => t.regelsoort === 'BEK');
    expect(bek.map((t) => [t.mutatie, t.regel.leerweg])).toEqual([['TOEVOEGING', 'BBL'], ['WIJZIGING', 'BOL_VT']]);
    expect(bek[1].velden).toEqual([
      { veld: 'bekostigdEenFebruari', oud: '2', nieuw: '0' },
      { veld: 'bekostigdEenOktober', oud: '2', nieuw: '0' },
      { veld: 'inschrijvingenEenFebruari', oud: '2', nieuw: '1' },
      { veld: 'inschrijvingenEenOktober', oud: '2', nieuw: '1' },
      { veld: 'nietBekostigdEenFebruari', oud: '0', nieuw: '1' },
      { veld: 'nietBekostigdEenOktober', oud: '0', nieuw: '1' },
    ]);
  });

  it('a foto compared with itself has no verschillen; foto\'s of two instellingen cannot be compared', () => {
    expect(verschillenlijst(januari, januari)).toMatchObject({ studenten: [], terugmeldingsoverzicht: [] });
    expect(() => verschillenlijst(november, maakFoto(ALLES, moment('2016-11-01T00:00:00.000Z', { instelling: '26AB' })))).toThrow(/één instelling/);
  });
});
