import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwalificaties2015 } from '@bron/cascade';
import { beoordeelLeesfout, beoordeelRecord, type BeoordelingContext } from './beoordeel-record';
import { MAX_RECORDLENGTE, isVerwerkbareTekst } from './tekst';
import { terugkoppelingCode } from './terugkoppeling-codes';
import type { InschrijvingStaat, RuwRecord } from './record';

const kwalificaties = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));

const context = (extra: Partial<BeoordelingContext> = {}): BeoordelingContext => ({ aanleverendeInstelling: '25LX', peildatum: '2016-11-15', kwalificaties, ...extra });

const inschrijving: RuwRecord = {
  soort: 'INSCHRIJVING', mutatie: 'T', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1',
  crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
};

const bestaand: InschrijvingStaat = {
  persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A1', versie: 1, verwijderd: false, crebo: '25078',
  leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, redenUitschrijving: null, bpv: [],
};

const codes = (record: RuwRecord, ctx = context()) => beoordeelRecord(record, ctx).codes.map((c) => c.code);

describe('beoordeelRecord: afkeuringen', () => {
  it('accepts a valid inschrijving with a melding and the new state, versie 1', () => {
    const b = beoordeelRecord(inschrijving, context());
    expect(b.soort).toBe('MELDING');
    expect(b.codes.map((c) => c.code)).toEqual(['M00']);
    expect(b.nieuweStaat).toEqual({ soort: 'inschrijving', staat: { ...bestaand } });
  });

  it.each([
    [{ persoonsnummer: '123456789' }, 'A01'],
    [{ instelling: '25L' }, 'A02'],
    [{ instelling: '26AB' }, 'A02'],
    [{ crebo: '12345' }, 'A03'],
    [{ begindatum: '2016-02-30' }, 'A05'],
    [{ einddatum: '2016-07-01' }, 'A06'],
    [{ leerweg: 'XYZ' }, 'A08'],
    [{ persoonsnummer: '' }, 'A09'],
    [{ begindatum: '2013-08-01' }, 'A13'],
  ])('rejects %j with %s and stores nothing', (wijziging, code) => {
    const b = beoordeelRecord({ ...inschrijving, ...wijziging }, context());
    expect(b.soort).toBe('AFKEURING');
    expect(b.codes.map((c) => c.code)).toContain(code);
    expect(b.nieuweStaat).toBeUndefined();
  });

  it('rejects a leerweg the kwalificatie does not allow (A04)', () => {
    const alleenBbl = kwalificaties.alle().find((k) => k.leerwegen.length === 1 && k.leerwegen[0] === 'BBL');
    expect(alleenBbl).toBeDefined();
    expect(codes({ ...inschrijving, crebo: alleenBbl!.crebo, leerweg: 'BOL' })).toContain('A04');
  });

  it('names the field and value in the Dutch text', () => {
    const [code] = beoordeelRecord({ ...inschrijving, begindatum: '2016-13-01' }, context()).codes;
    expect(code).toMatchObject({ code: 'A05', parameters: { veld: 'begindatum', waarde: '2016-13-01' } });
    expect(code.tekst).toBe('Veld begindatum bevat geen geldige datum (JJJJ-MM-DD): 2016-13-01.');
  });

  it('rejects a wijziging of an inschrijving this instelling does not have (A07), and a second toevoeging (A10)', () => {
    expect(codes({ ...inschrijving, mutatie: 'W' })).toEqual(['A07']);
    expect(codes(inschrijving, context({ bestaandeInschrijving: bestaand }))).toEqual(['A10']);
  });

  it('rejects a record identical to an earlier one of the same batch (A12)', () => {
    expect(codes(inschrijving, context({ eerderInBatch: 3 }))).toEqual(['A12']);
  });

  it('rejects an inschrijving overlapping another of the same instelling in the same kwalificatie (A14), not one in another kwalificatie', () => {
    const andere = { ...bestaand, inschrijvingId: 'A0', begin: '2015-08-01', einde: '2016-09-30' };
    expect(codes(inschrijving, context({ andereInschrijvingen: [andere] }))).toEqual(['A14']);
    expect(codes(inschrijving, context({ andereInschrijvingen: [{ ...andere, einde: '2016-07-31' }] }))).toEqual(['M00']);
    expect(codes(inschrijving, context({ andereInschrijvingen: [{ ...andere, crebo: '25180' }] }))).toEqual(['M00']);
  });

  it('rejects a change to a locked field of a closed studiejaar after the mutatiestop (A15), not one of the running year', () => {
    const vorigJaar = { ...bestaand, begin: '2015-08-01' };
    const wijziging = beoordeelRecord({ ...inschrijving, mutatie: 'W', begindatum: '2015-08-01', leerweg: 'BBL' }, context({ bestaandeInschrijving: vorigJaar }));
    expect(wijziging.codes).toEqual([expect.objectContaining({ code: 'A15', parameters: { veld: 'leerweg', mutatiestop: '2016-06-01' } })]);
    expect(codes({ ...inschrijving, mutatie: 'V' }, context({ bestaandeInschrijving: vorigJaar }))).toEqual(['A15']);
    expect(codes({ soort: 'UITSCHRIJVING', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', einddatum: '2016-05-31' }, context({ bestaandeInschrijving: vorigJaar }))).toEqual(['A15']);
    // before the mutatiestop, and in the running studiejaar, the same changes are accepted (a BBL without BPV is then signalled)
    expect(codes({ ...inschrijving, mutatie: 'W', begindatum: '2015-08-01', leerweg: 'BBL' }, context({ bestaandeInschrijving: vorigJaar, peildatum: '2016-05-31' }))).toEqual(['S01']);
    expect(codes({ ...inschrijving, mutatie: 'W', leerweg: 'BBL' }, context({ bestaandeInschrijving: bestaand }))).toEqual(['M00']);
  });
});

describe('beoordeelRecord: signalen (accepted, with a funding consequence)', () => {
  const bbl: RuwRecord = { ...inschrijving, leerweg: 'BBL' };

  it('signals a BBL inschrijving without a BPV agreement once 31 December has passed (S01)', () => {
    expect(codes(bbl, context({ peildatum: '2016-12-31' }))).toEqual(['M00']);
    const na = beoordeelRecord(bbl, context({ peildatum: '2017-01-02' }));
    expect(na.soort).toBe('SIGNAAL');
    expect(na.codes).toEqual([expect.objectContaining({ code: 'S01', parameters: { inschrijvingId: 'A1', uiterlijk: '2016-12-31' } })]);
    expect(na.nieuweStaat).toBeDefined();
  });

  it('does not signal a BBL inschrijving whose BPV agreement was concluded in time', () => {
    const metBpv = { ...bestaand, leerweg: 'BBL' };
    const b = beoordeelRecord({ soort: 'BPV', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', bpv_id: 'B1', bpv_afgesloten: '2016-09-01', bpv_begin: '2016-09-15' }, context({ bestaandeInschrijving: metBpv, peildatum: '2017-01-02' }));
    expect(b.codes.map((c) => c.code)).toEqual(['M00']);
  });

  it('signals an adult without lawful residence at the start, as the BRP knows it (S02, Koppelingswet)', () => {
    const persoon = { geboortedatum: '1990-03-01', nationaliteit: 'SY', verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }] };
    expect(codes(inschrijving, context({ persoon }))).toEqual(['S02']);
    expect(codes(inschrijving, context({ persoon: { ...persoon, geboortedatum: '2000-01-01' } }))).toEqual(['M00']);
    expect(codes(inschrijving, context())).toEqual(['M00']);
  });

  it('signals niveau 4 without a vooropleiding that gives access (S03, fact 42)', () => {
    const niveau4 = { ...inschrijving, crebo: '25189' };
    expect(codes(niveau4)).toEqual(['S03']);
    expect(codes(niveau4, context({ vooropleidingen: [{ soort: 'VMBO_BB', diploma: true }] }))).toEqual(['S03']);
    expect(codes(niveau4, context({ vooropleidingen: [{ soort: 'VMBO_TL', diploma: true }] }))).toEqual(['M00']);
    expect(codes(niveau4, context({ vooropleidingen: [{ soort: 'HAVO', diploma: false }] }))).toEqual(['M00']);
    expect(codes(niveau4, context({ mboDiplomaNiveaus: [2] }))).toEqual(['M00']);
  });
});

describe('beoordeelRecord: changes of an existing inschrijving', () => {
  it('applies a wijziging, uitschrijving and verwijdering to the existing state with the next versie', () => {
    const ctx = context({ bestaandeInschrijving: bestaand });
    expect(beoordeelRecord({ ...inschrijving, mutatie: 'W', leerweg: 'BBL' }, ctx).nieuweStaat).toMatchObject({ staat: { leerweg: 'BBL', versie: 2 } });
    expect(beoordeelRecord({ soort: 'UITSCHRIJVING', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', einddatum: '2017-01-31', reden_uitschrijving: '02' }, ctx).nieuweStaat)
      .toMatchObject({ staat: { einde: '2017-01-31', redenUitschrijving: '02', versie: 2 } });
    expect(beoordeelRecord({ ...inschrijving, mutatie: 'V' }, ctx).nieuweStaat).toMatchObject({ staat: { verwijderd: true, versie: 2 } });
  });

  it('adds a BPV to the inschrijving and a diploma of its crebo', () => {
    const ctx = context({ bestaandeInschrijving: bestaand });
    const bpv = beoordeelRecord({ soort: 'BPV', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', bpv_id: 'B1', bpv_afgesloten: '2016-09-01', bpv_begin: '2016-09-15', bpv_omvang: '400', leerbedrijf: '123456789' }, ctx);
    expect(bpv.nieuweStaat).toMatchObject({ staat: { bpv: [{ bpvId: 'B1', afgesloten: '2016-09-01', begin: '2016-09-15', einde: null, omvangUren: 400, leerbedrijf: '123456789' }] } });
    const diploma = beoordeelRecord({ soort: 'DIPLOMA', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', diploma_datum: '2017-06-30' }, ctx);
    expect(diploma.nieuweStaat).toEqual({ soort: 'diploma', staat: { persoonsnummer: '123456782', instelling: '25LX', diplomaId: 'A1', versie: 1, verwijderd: false, crebo: '25078', datum: '2017-06-30' } });
  });

  it('registers an aanmelding without any inschrijving', () => {
    const b = beoordeelRecord({ soort: 'AANMELDING', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'AM1', crebo: '25078', begindatum: '2017-08-01' }, context());
    expect(b.nieuweStaat).toEqual({ soort: 'aanmelding', staat: { persoonsnummer: '123456782', instelling: '25LX', aanmeldingId: 'AM1', crebo: '25078', datum: '2017-08-01', verwijderd: false } });
  });
});

/** Nothing of the answer may hold what PostgreSQL or UTF-8 cannot take. */
const teksten = (w: unknown): string[] => (typeof w === 'string' ? [w] : w && typeof w === 'object' ? Object.entries(w).flatMap(([k, v]) => [k, ...teksten(v)]) : []);
const opslaanbaar = (waarde: unknown) => teksten(waarde).every(isVerwerkbareTekst);

describe('beoordeelRecord: text that cannot be stored (finding 1)', () => {
  it('afkeurt a NUL or a lone surrogate in any field with A16, naming line and column, and leaves it out of the answer', () => {
    const b = beoordeelRecord({ ...inschrijving, inschrijving_id: 'INS-\u00001', leerweg: 'BOL\ud800' }, context({ regel: 7 }));
    expect(b).toEqual({
      soort: 'AFKEURING',
      persoonsnummer: '123456782',
      inschrijvingId: null,
      codes: [
        terugkoppelingCode('A16', { regel: '7', veld: 'inschrijving_id', positie: '5', teken: 'U+0000 (NUL)' }),
        terugkoppelingCode('A16', { regel: '7', veld: 'leerweg', positie: '4', teken: 'U+D800 (losse surrogaathelft)' }),
      ],
    });
    expect(b.codes[0].tekst).toBe('Regel 7, kolom inschrijving_id: teken 5 is U+0000 (NUL), dat niet kan worden verwerkt; lever de tekst zonder dit teken aan.');
    expect(opslaanbaar(b)).toBe(true);
    expect(opslaanbaar(beoordeelRecord({ ...inschrijving, persoonsnummer: '\u0000' }, context()))).toBe(true);
  });

  it('afkeurt a record over the record limit (a batch producer over Kafka) as A11, like the file reader', () => {
    const b = beoordeelRecord({ ...inschrijving, leerbedrijf: 'x'.repeat(MAX_RECORDLENGTE) }, context({ regel: null }));
    expect(b.codes.map((c) => [c.code, c.parameters.fout])).toEqual([['A11', expect.stringMatching(/^het record is groter dan 65536 bytes \(\d+ bytes\)/)]]);
  });

  it('keeps a leesfout text sent by a batch producer storable', () => {
    expect(opslaanbaar(beoordeelLeesfout(3, 'kapot \u0000 \udc00'))).toBe(true);
    expect(beoordeelLeesfout(3, 'kapot \u0000').codes[0].parameters.fout).toBe('kapot \\u0000');
    expect(beoordeelLeesfout(3, 'x'.repeat(MAX_RECORDLENGTE)).codes[0].tekst.length).toBeLessThan(600);
  });
});

describe('beoordeelRecord: plausible values (finding 7)', () => {
  it.each(['9999-12-31', '2999-08-01', '2019-01-01', '1989-12-31', '0001-01-01'])('afkeurt begindatum %s outside 1990-01-01 .. peiljaar + 2 (A17)', (begindatum) => {
    const b = beoordeelRecord({ ...inschrijving, begindatum }, context());
    expect(b.codes).toContainEqual(terugkoppelingCode('A17', { veld: 'begindatum', waarde: begindatum, vanaf: '1990-01-01', tot: '2018-12-31' }));
    expect(b.nieuweStaat).toBeUndefined();
  });

  it('takes the range from the peildatum of the decision, and lets a planned BPV end lie further ahead', () => {
    expect(codes({ ...inschrijving, begindatum: '2018-08-01' }, context({ peildatum: '2016-11-15' }))).not.toContain('A17');
    expect(codes({ ...inschrijving, begindatum: '2018-08-01' }, context({ peildatum: '2015-11-15' }))).toContain('A17');
    const bpv = { soort: 'BPV', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1', bpv_id: 'B1', bpv_afgesloten: '2016-08-01', bpv_begin: '2016-08-01' };
    expect(codes({ ...bpv, bpv_einde: '2020-07-31' }, context({ bestaandeInschrijving: bestaand }))).toEqual(['M00']);
    expect(codes({ ...bpv, bpv_einde: '2023-01-01' }, context({ bestaandeInschrijving: bestaand }))).toEqual(['A17']);
    expect(codes({ ...bpv, bpv_afgesloten: '2020-07-31' }, context({ bestaandeInschrijving: bestaand }))).toEqual(['A17']);
  });

  it.each(['1.23456782e8', '123456782.0', ' 12345678 2', '+23456782'])('afkeurt persoonsnummer %s that is not 9 digits (A01)', (persoonsnummer) => {
    expect(codes({ ...inschrijving, persoonsnummer })).toContain('A01');
  });

  it.each(['2016-02-30', '2016-8-01', '20160801', '2016-08-01T00:00', '2016-13-01'])('afkeurt %s as no calendar date (A05)', (begindatum) => {
    expect(codes({ ...inschrijving, begindatum })).toContain('A05');
  });
});
