import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwalificaties2015 } from '@bron/cascade';
import { beoordeelExternFeit, leesVooropleiding, type ExternFeit } from './extern-feit';

const tabel = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const vooropleiding = (soort: string, diploma: boolean, datum = '2015-07-01'): ExternFeit => ({ type: 'VooropleidingGeregistreerd', persoonsnummer: '123456782', bron: 'VO', soort, diploma, datum });
const persoon = (over: Partial<Extract<ExternFeit, { type: 'PersoonGewijzigd' }>> = {}): ExternFeit => ({ type: 'PersoonGewijzigd', persoonsnummer: '123456782', bron: 'BRP', geboortedatum: '2000-01-31', verblijfsstatus: [], ...over });
const weigering = (feit: ExternFeit) => {
  const oordeel = beoordeelExternFeit(feit, tabel);
  return oordeel.aanvaard ? null : oordeel.code;
};

describe('external facts, validated like aanleverrecords', () => {
  it('accepts every vooropleiding code the contract documents, OVERGANG_HAVO_3_4 as the overgangsbewijs havo 3-4', () => {
    for (const soort of ['PRO', 'VMBO_BB', 'VMBO_KB', 'VMBO_GL', 'VMBO_TL', 'HAVO', 'VWO', 'MBO_1', 'MBO_2', 'MBO_3', 'MBO_4', 'OVERIG']) {
      expect(beoordeelExternFeit(vooropleiding(soort, true), tabel)).toEqual({ aanvaard: true });
    }
    expect(beoordeelExternFeit(vooropleiding('OVERGANG_HAVO_3_4', false), tabel)).toEqual({ aanvaard: true });
    expect(leesVooropleiding({ soort: 'OVERGANG_HAVO_3_4', diploma: false, datum: '2015-07-01' })).toEqual({ soort: 'HAVO', diploma: false, datum: '2015-07-01' });
    expect(leesVooropleiding({ soort: 'OVERGANG_VWO_3_4', diploma: false, datum: '2015-07-01' })).toEqual({ soort: 'VWO', diploma: false, datum: '2015-07-01' });
  });

  it('refuses an unknown vooropleiding, an overgangsbewijs called a diploma and a bad date, with their codes', () => {
    expect(beoordeelExternFeit(vooropleiding('LYCEUM', true), tabel)).toMatchObject({ aanvaard: false, code: 'X02', reden: expect.stringContaining('LYCEUM') });
    expect(weigering(vooropleiding('OVERGANG_HAVO_3_4', true))).toBe('X08');
    expect(weigering(vooropleiding('HAVO', true, '2015-02-30'))).toBe('X03');
  });

  it('refuses a person fact with a persoonsnummer failing the elfproef, a bad date or an empty period', () => {
    expect(weigering(persoon())).toBeNull();
    expect(weigering(persoon({ persoonsnummer: '123456789' }))).toBe('X01');
    expect(weigering(persoon({ geboortedatum: '31-01-2000' }))).toBe('X03');
    expect(weigering(persoon({ verblijfsstatus: [{ vanaf: '2016-01-01', tot: '2016-01-01' }] }))).toBe('X04');
    expect(weigering(persoon({ verblijfsstatus: [{ vanaf: '2016-01-01', tot: null }] }))).toBeNull();
    expect(weigering(persoon({ bron: ' ' }))).toBe('X07');
  });

  it('refuses a prijsfactor change of an unknown crebo or with a factor that is not positive', () => {
    const prijsfactor = (crebo: string, factor: number): ExternFeit => ({ type: 'PrijsfactorGewijzigd', crebo, bron: 'OCW', vanaf: '2016-08-01', prijsfactor: factor });
    expect(weigering(prijsfactor('25078', 1.8))).toBeNull();
    expect(weigering(prijsfactor('99999', 1.8))).toBe('X05');
    expect(weigering(prijsfactor('25078', 0))).toBe('X06');
  });
});
