import { verschillenlijst } from '@bron/domein';
import { schrijfFotoCsv } from './foto-csv';
import { MOMENT, TWEE, geschreven, tweeStudenten, versie } from './foto.testdata';
import { maakFoto } from '@bron/domein';

/** Reads a whole CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes) with the given separator. */
function leesCsv(tekst: string, scheidingsteken: string): string[][] {
  const rijen: string[][] = [];
  let rij: string[] = [];
  let cel = '';
  let inQuotes = false;
  for (let i = 0; i < tekst.length; i++) {
    const c = tekst[i];
    if (inQuotes) {
      if (c === '"' && tekst[i + 1] === '"') { cel += '"'; i++; } else if (c === '"') inQuotes = false; else cel += c;
    } else if (c === '"') inQuotes = true;
    else if (c === scheidingsteken) { rij.push(cel); cel = ''; }
    else if (c === '\n') { rij.push(cel); rijen.push(rij); rij = []; cel = ''; }
    else cel += c;
  }
  return rijen;
}

describe('the foto as CSV for Dutch Excel', () => {
  it('starts with a UTF-8 byte order mark and separates with ;, one row per inschrijving under readable headers', async () => {
    const bytes = await geschreven((uit) => schrijfFotoCsv(tweeStudenten(), uit));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rijen = leesCsv(bytes.toString('utf8').slice(1), ';');
    expect(rijen).toHaveLength(3);
    expect(rijen[0].slice(0, 3)).toEqual(['Persoonsnummer', 'Soort persoonsnummer', 'Inschrijvingvolgnummer']);
    expect(rijen.every((r) => r.length === rijen[0].length)).toBe(true);
  });

  it('keeps codes as text with their leading zeros, writes decimal commas, ja/nee, and neutralises formulas', async () => {
    const tekst = (await geschreven((uit) => schrijfFotoCsv(tweeStudenten(), uit))).toString('utf8');
    const [kop, eerste, tweede] = leesCsv(tekst.slice(1), ';');
    const kolom = (rij: string[], naam: string) => rij[kop.indexOf(naam)];
    expect(kolom(eerste, 'Persoonsnummer')).toBe('\t012345672');
    expect(kolom(eerste, 'Inschrijvingvolgnummer')).toBe('\t0001');
    expect(kolom(eerste, 'Bijdrage')).toBe('1,3');
    expect(kolom(eerste, 'Bekostigd')).toBe('ja');
    expect(kolom(eerste, 'Overgangsbewijs havo/vwo 3-4')).toBe('ja');
    expect(kolom(eerste, "Bekostigde diploma's")).toBe('25080 niveau 2 2016-06-30 (1,1)');
    expect(kolom(tweede, 'Code leerbedrijf')).toBe('\t000012345');
    expect(kolom(tweede, 'Officiële voornamen')).toBe(`'=Zoë "Jo" & <Li>`);
    expect(kolom(tweede, 'Prijsfactor')).toBe('');
    expect(tekst).not.toMatch(/(^|;)=/m);
    expect(tekst).not.toContain('="');
  });

  it('writes the terugmeldingsoverzicht, the sector and the verschillen as their own tables', async () => {
    const foto = tweeStudenten();
    const tmo = leesCsv((await geschreven((uit) => schrijfFotoCsv(foto, uit, 'terugmeldingsoverzicht'))).toString('utf8').slice(1), ';');
    expect(tmo.slice(1).map((r) => r[0])).toEqual(['BEK', 'BEK', 'SAG', 'SAG', 'SAG', 'SIN', 'SIN', 'SIN']);
    const sector = leesCsv((await geschreven((uit) => schrijfFotoCsv(foto, uit, 'sector'))).toString('utf8').slice(1), ';');
    expect(sector[1].slice(0, 5)).toEqual(['2016-10-01', '', 'TOTAAL MBO', '2', '1']);

    const later = maakFoto([...TWEE, versie({ versie: 2, bekendSinds: '2017-08-01T00:00:00.000Z', basisset: { ...TWEE[0].basisset, bijdrage: 0.65 } })], { ...MOMENT, soort: 'OP_VERZOEK', bekendOp: '2017-09-01T00:00:00.000Z' });
    const verschillen = leesCsv((await geschreven((uit) => schrijfFotoCsv(later, uit, 'verschillen', verschillenlijst(foto, later)))).toString('utf8').slice(1), ';');
    expect(verschillen[0]).toEqual(['Mutatie', 'Onderdeel', 'Sleutel', 'Veld', 'Oude waarde', 'Nieuwe waarde']);
    expect(verschillen).toContainEqual(['WIJZIGING', 'STUDENT', '012345672 0001', 'basisset.bijdrage', '1.3', '0.65']);
  });
});
