import { berekenVanJson } from '../bereken-json';
import { TABEL_2015 } from '../testing/specificatie';
import { leesBerekeningInvoer } from './lees-invoer';

const voorbeeld = () => ({
  bekostigingsjaar: 2017,
  persoon: {
    persoonsnummer: '123456782',
    geboortedatum: '1998-05-01',
    nationaliteit: 'NL',
    verblijfsstatus: [{ vanaf: '2010-01-01', tot: null, rechtmatig: true }],
  },
  vooropleidingen: [{ soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' }],
  inschrijvingen: [
    {
      id: 'A1',
      instelling: '25LX',
      crebo: '25078',
      leerweg: 'BOL',
      intensiteit: 'VT',
      begin: '2014-08-01',
      einde: null,
      bpv: [{ afgesloten: '2014-09-01', begin: '2014-09-15', einde: '2015-06-30', leerbedrijf: '123456789' }],
    },
  ],
  diplomas: [{ instelling: '25LX', crebo: '25078', datum: '2015-06-30' }],
});

/** Set a field by path on a JSON copy, e.g. `zet(v, 'inschrijvingen.0.begin', 'x')`. */
function zet(json: unknown, pad: string, waarde: unknown): void {
  const delen = pad.split('.');
  let o = json as Record<string, unknown>;
  for (const d of delen.slice(0, -1)) o = o[d] as Record<string, unknown>;
  o[delen[delen.length - 1]] = waarde;
}

function fouten(json: unknown) {
  const r = leesBerekeningInvoer(json, TABEL_2015);
  return r.ok ? [] : r.fouten;
}

describe('leesBerekeningInvoer', () => {
  it('given the issue example, then it is accepted and calculates to the contract output', () => {
    const r = berekenVanJson(voorbeeld(), TABEL_2015);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.berekening).toMatchObject({
      bekostigingsjaar: 2017,
      regime: 'cascade2015',
      teldatum: '2015-10-01',
      inschrijvingen: [{ id: 'A1', bekostigd: true, verblijfsjaar: 2, verblijfsjaarfactor: 1, leerwegfactor: 1, prijsfactor: 1.3, bijdrage: 1.3 }],
      diplomas: [{ crebo: '25078', datum: '2015-06-30', bekostigd: true, diplomawaarde: 3 }],
    });
  });

  it('given only the required fields, then it is accepted', () => {
    const v = voorbeeld();
    const minimaal = {
      bekostigingsjaar: 2017,
      persoon: { persoonsnummer: v.persoon.persoonsnummer, geboortedatum: v.persoon.geboortedatum },
      inschrijvingen: [{ id: 'A1', instelling: '25LX', crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begin: '2014-08-01' }],
      diplomas: [],
    };
    expect(fouten(minimaal)).toEqual([]);
  });

  it.each([
    ['not an object', [], '(invoer)'],
    ['a missing bekostigingsjaar', { ...voorbeeld(), bekostigingsjaar: undefined }, 'bekostigingsjaar'],
    ['a fractional bekostigingsjaar', { ...voorbeeld(), bekostigingsjaar: 2017.5 }, 'bekostigingsjaar'],
    ['bekostigingsjaar 2014 (no rule set)', { ...voorbeeld(), bekostigingsjaar: 2014 }, 'bekostigingsjaar'],
    ['bekostigingsjaar as a string', { ...voorbeeld(), bekostigingsjaar: '2017' }, 'bekostigingsjaar'],
  ])('given %s, then the field is named', (_naam, json, veld) => {
    expect(fouten(json).map((f) => f.veld)).toEqual([veld]);
  });

  it('given a persoonsnummer failing the 11-proef, then persoon.persoonsnummer is named (D9)', () => {
    const v = voorbeeld();
    v.persoon.persoonsnummer = '123456789';
    expect(fouten(v)).toEqual([{ veld: 'persoon.persoonsnummer', melding: expect.stringContaining('11-proef') }]);
  });

  it('given bad values in nested records, then every field is named with its path', () => {
    const v = voorbeeld();
    zet(v, 'persoon.geboortedatum', '1998-02-30');
    zet(v, 'persoon.nationaliteit', 'Nederlands');
    zet(v, 'persoon.verblijfsstatus.0.rechtmatig', 'ja');
    zet(v, 'vooropleidingen.0.soort', 'GYMNASIUM');
    zet(v, 'inschrijvingen.0.begin', '2014-8-1');
    zet(v, 'inschrijvingen.0.leerweg', 'BOLDT');
    zet(v, 'inschrijvingen.0.intensiteit', 'XX');
    zet(v, 'inschrijvingen.0.instelling', 'lx');
    zet(v, 'inschrijvingen.0.bpv.0.einde', '2014-01-01');
    zet(v, 'inschrijvingen.0.extra', 1);
    zet(v, 'diplomas.0.crebo', '2507');
    expect(fouten(v).map((f) => f.veld)).toEqual([
      'persoon.geboortedatum',
      'persoon.nationaliteit',
      'persoon.verblijfsstatus[0].rechtmatig',
      'vooropleidingen[0].soort',
      'inschrijvingen[0].extra',
      'inschrijvingen[0].instelling',
      'inschrijvingen[0].leerweg',
      'inschrijvingen[0].intensiteit',
      'inschrijvingen[0].begin',
      'inschrijvingen[0].bpv[0].einde',
      'diplomas[0].crebo',
    ]);
  });

  it('given einde before begin, a duplicate id and an unknown crebo, then each is reported', () => {
    const v = voorbeeld();
    v.inschrijvingen[0].einde = '2014-07-31' as never;
    v.inschrijvingen.push({ ...v.inschrijvingen[0], einde: null, crebo: '99999' });
    expect(fouten(v)).toEqual([
      { veld: 'inschrijvingen[0].einde', melding: 'ligt voor begin' },
      { veld: 'inschrijvingen[1].id', melding: expect.stringContaining('twee keer') },
      { veld: 'inschrijvingen[1].crebo', melding: expect.stringContaining('onbekende crebo') },
    ]);
  });

  it('given missing lists, then inschrijvingen and diplomas are required, the others optional', () => {
    expect(fouten({ bekostigingsjaar: 2017, persoon: voorbeeld().persoon }).map((f) => f.veld)).toEqual(['inschrijvingen', 'diplomas']);
  });

  it('given anything at all, then it never throws', () => {
    for (const x of [null, undefined, 1, 'x', { persoon: null }, { inschrijvingen: [null, 1] }, { persoon: { verblijfsstatus: {} } }]) {
      expect(() => leesBerekeningInvoer(x)).not.toThrow();
      expect(leesBerekeningInvoer(x).ok).toBe(false);
    }
  });
});
