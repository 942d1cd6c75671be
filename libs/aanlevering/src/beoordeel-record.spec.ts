import { beoordeelRecord, type BeoordelingContext } from './beoordeel-record';
import type { InschrijvingStaat, RuwRecord } from './record';

const context = (extra: Partial<BeoordelingContext> = {}): BeoordelingContext => ({
  aanleverendeInstelling: '25LX',
  kwalificatie: (crebo) => (crebo === '25078' ? { niveau: 3, leerwegen: ['BOL', 'BBL'] } : crebo === '99999' ? { niveau: 2, leerwegen: ['BOL'] } : undefined),
  ...extra,
});

const inschrijving: RuwRecord = {
  soort: 'INSCHRIJVING', mutatie: 'T', instelling: '25LX', persoonsnummer: '123456782', inschrijving_id: 'A1',
  crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
};

const bestaand: InschrijvingStaat = {
  persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A1', versie: 1, verwijderd: false, crebo: '25078',
  leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, redenUitschrijving: null, bpv: [],
};

const codes = (record: RuwRecord, ctx = context()) => beoordeelRecord(record, ctx).codes.map((c) => c.code);

describe('beoordeelRecord', () => {
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
    [{ crebo: '99999', leerweg: 'BBL' }, 'A04'],
    [{ begindatum: '2016-02-30' }, 'A05'],
    [{ einddatum: '2016-07-01' }, 'A06'],
    [{ leerweg: 'XYZ' }, 'A08'],
    [{ persoonsnummer: '' }, 'A09'],
  ])('rejects %j with %s and stores nothing', (wijziging, code) => {
    const b = beoordeelRecord({ ...inschrijving, ...wijziging }, context());
    expect(b.soort).toBe('AFKEURING');
    expect(b.codes.map((c) => c.code)).toContain(code);
    expect(b.nieuweStaat).toBeUndefined();
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
});
