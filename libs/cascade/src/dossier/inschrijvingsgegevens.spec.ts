import fc from 'fast-check';
import { berekenBekostiging } from '../berekening/bereken';
import type { Basisset } from '../model';
import { TABEL_2015 } from '../testing/specificatie';
import { basissetsVanDossier } from './basisset-per-inschrijving';
import { leeftijdOp } from './inschrijvingsgegevens';
import { evolve, leegDossier, type DossierBpv, type DossierFeit, type DossierInschrijving } from './studentdossier';

const STUDENT = '123456782';
const PEILDATUM = '2016-11-15';

const inschrijving = (over: Partial<DossierInschrijving> = {}): DossierFeit => ({
  type: 'InschrijvingBijgewerkt',
  inschrijving: { instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, bpv: [], ...over },
});
const geboren = (geboortedatum: string | null, officieleVoornamen: string | null = null): DossierFeit => ({
  type: 'PersoonGewijzigd', geboortedatum, nationaliteit: 'NL', officieleVoornamen, verblijfsstatus: [], tijdstip: '2016-11-01T10:00:00Z',
});
const diploma = (instelling: string, diplomaId: string, crebo: string, datum: string, verwijderd = false): DossierFeit => ({
  type: 'DiplomaBijgewerkt', diploma: { instelling, diplomaId, versie: 1, verwijderd, crebo, datum },
});
const bpv = (bpvId: string, begin: string, einde: string | null, leerbedrijf?: string): DossierBpv => ({ bpvId, afgesloten: '2016-07-01', begin, einde, leerbedrijf });

/** Given these facts, the basisset of inschrijving `id` at 25LX on the peildatum. */
function basisset(feiten: readonly DossierFeit[], id = 'A'): Basisset {
  const dossier = feiten.reduce(evolve, leegDossier(STUDENT));
  const b = basissetsVanDossier(dossier, PEILDATUM, TABEL_2015, berekenBekostiging).find((x) => x.instelling === '25LX' && x.inschrijvingId === id);
  if (!b) throw new Error(`geen basisset voor ${id}`);
  return b;
}

describe("the inschrijving's facts in its basisset (what a foto shows)", () => {
  it('given an inschrijving, then its intensiteit, its begin and its werkelijke einde (null while enrolled), and the official first names from the BRP', () => {
    expect(basisset([inschrijving({ intensiteit: 'DT' })])).toMatchObject({ intensiteit: 'DT', datumInschrijving: '2016-08-01', datumUitschrijving: null, officieleVoornamen: null });
    expect(basisset([inschrijving({ einde: '2017-03-31' }), geboren('1998-05-01', 'Jan Willem')])).toMatchObject({ datumUitschrijving: '2017-03-31', officieleVoornamen: 'Jan Willem' });
  });

  describe('leeftijdOpEenAugustus: the age on 1 August of the teldatum\'s studiejaar', () => {
    it.each([
      ['born on 1 August: a year older that day', '1998-08-01', 18],
      ['born on 2 August: not yet', '1998-08-02', 17],
      ['born on 31 July', '1998-07-31', 18],
      ['born on 29 February', '2000-02-29', 16],
    ])('given the teldatum 1 October 2016, %s', (_, geboortedatum, leeftijd) => {
      expect(basisset([inschrijving(), geboren(geboortedatum)]).leeftijdOpEenAugustus).toBe(leeftijd);
    });

    it('given an inschrijving that ended before the running studiejaar, then the age on 1 August of its own teldatum', () => {
      expect(basisset([inschrijving({ begin: '2014-08-01', einde: '2016-06-30' }), geboren('1998-08-01')])).toMatchObject({ teldatum: '2015-10-01', leeftijdOpEenAugustus: 17 });
    });

    it('given no geboortedatum from the BRP, then null (though the cascade counts the student as an adult)', () => {
      expect(basisset([inschrijving()]).leeftijdOpEenAugustus).toBeNull();
      expect(basisset([inschrijving(), geboren(null)]).leeftijdOpEenAugustus).toBeNull();
    });

    it('is the age in whole years on any date', () => {
      expect(leeftijdOp('2000-02-29', '2018-02-28')).toBe(17);
      expect(leeftijdOp('2000-02-29', '2018-03-01')).toBe(18);
      expect(leeftijdOp('2000-12-31', '2000-12-31')).toBe(0);
    });
  });

  describe('inschrijvingVoorCorrectiefactor: still enrolled on 1 February after the teldatum', () => {
    it.each([
      ['still enrolled', null, true],
      ['ending on 1 February itself (einde inclusive)', '2017-02-01', true],
      ['ending on 31 January', '2017-01-31', false],
      ['ending on 2 February', '2017-02-02', true],
    ])('given an inschrijving on 1 October 2016, %s', (_, einde, verwacht) => {
      expect(basisset([inschrijving({ einde })]).inschrijvingVoorCorrectiefactor).toBe(verwacht);
    });

    it('given an inschrijving on no teldatum, then false, though it runs on 1 February', () => {
      expect(basisset([inschrijving({ begin: '2016-11-01', einde: '2017-06-30' })])).toMatchObject({ redenen: [expect.objectContaining({ code: 'INS_NIET_OP_TELDATUM' })], inschrijvingVoorCorrectiefactor: false });
    });

    it('given an inschrijving that ended before the running studiejaar, then 1 February after its own teldatum', () => {
      expect(basisset([inschrijving({ begin: '2015-08-01', einde: '2016-02-01' })])).toMatchObject({ teldatum: '2015-10-01', inschrijvingVoorCorrectiefactor: true });
      expect(basisset([inschrijving({ begin: '2015-08-01', einde: '2016-01-31' })])).toMatchObject({ teldatum: '2015-10-01', inschrijvingVoorCorrectiefactor: false });
    });
  });

  describe('bpv and codeLeerbedrijf', () => {
    const bbl = (...bpvs: DossierBpv[]) => inschrijving({ crebo: '25099', leerweg: 'BBL', intensiteit: 'DT', bpv: bpvs });

    it("given a BBL inschrijving's BPV's in any order, then all of them by begin and bpvId, with their ids", () => {
      expect(basisset([bbl(bpv('P3', '2016-09-16', null, 'B'), bpv('P2', '2016-08-01', '2016-09-15'), bpv('P1', '2016-09-16', null))]).bpv).toEqual([
        { bpvId: 'P2', afgesloten: '2016-07-01', begin: '2016-08-01', einde: '2016-09-15', leerbedrijf: null },
        { bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-09-16', einde: null, leerbedrijf: null },
        { bpvId: 'P3', afgesloten: '2016-07-01', begin: '2016-09-16', einde: null, leerbedrijf: 'B' },
      ]);
    });

    it.each([
      ['of the BPV running on the teldatum, not of one that ended before it', [bpv('P1', '2016-08-01', '2016-09-15', 'A'), bpv('P2', '2016-09-16', null, 'B')], 'B'],
      ['of a BPV that ends on the teldatum (einde inclusive)', [bpv('P1', '2016-08-01', '2016-10-01', 'A'), bpv('P2', '2016-10-02', null, 'B')], 'A'],
      ['without one running then, of the last begun before it, not of one that begins later', [bpv('P1', '2016-08-01', '2016-09-15', 'A'), bpv('P2', '2016-11-01', null, 'C')], 'A'],
      ['with only a BPV that begins after the teldatum: none', [bpv('P1', '2016-11-01', null, 'C')], null],
      ['without BPV: none', [], null],
    ])('given a BBL inschrijving, then the code leerbedrijf %s', (_, bpvs, verwacht) => {
      expect(basisset([bbl(...bpvs)]).codeLeerbedrijf).toBe(verwacht);
    });

    it('given a BOL inschrijving with a BPV, then its BPV but no code leerbedrijf', () => {
      const b = basisset([inschrijving({ bpv: [bpv('P1', '2016-08-01', null, 'A')] })]);
      expect(b).toMatchObject({ codeLeerbedrijf: null, bpv: [expect.objectContaining({ bpvId: 'P1', leerbedrijf: 'A' })] });
    });
  });

  describe("diplomas: the diploma's behaald on the inschrijving, with their own bekostiging", () => {
    const middenkader = inschrijving({ crebo: '25104', begin: '2014-08-01', einde: '2016-06-30' });

    it('given diploma\'s of the student, then only those of its instelling and crebo, on or after its begin, not removed', () => {
      const b = basisset([
        middenkader,
        diploma('25LX', 'OP', '25104', '2016-06-30'),
        diploma('25LX', 'OP-BEGIN', '25104', '2014-08-01'),
        diploma('25LX', 'ERVOOR', '25104', '2014-07-31'),
        diploma('25LX', 'ANDERE-CREBO', '25080', '2016-06-30'),
        diploma('26AB', 'ANDERE-INSTELLING', '25104', '2016-06-30'),
        diploma('25LX', 'VERWIJDERD', '25104', '2016-06-30', true),
      ]);
      expect(b.diplomas.map((d) => d.diplomaId)).toEqual(['OP-BEGIN', 'OP']);
    });

    it('given a diploma of 2016 on an inschrijving counted on 1 October 2015, then its bekostiging in bekostigingsjaar 2018: the earlier diploma subtracted', () => {
      const b = basisset([middenkader, diploma('26AB', 'E1', '25080', '2015-06-30'), diploma('25LX', 'D1', '25104', '2016-06-30')]);
      expect(b).toMatchObject({ teldatum: '2015-10-01', bekostigingsjaar: 2017 });
      expect(b.diplomas).toEqual([{
        diplomaId: 'D1', crebo: '25104', datum: '2016-06-30', niveau: 4, bekostigd: true, diplomawaarde: 4,
        redenen: [{ code: 'DIP_BEKOSTIGD', regel: expect.any(String) }, { code: 'DIP_AFTREK_EERDER', regel: expect.any(String) }],
      }]);
    });

    it('given two diploma\'s alike but for their id, in any order of arrival, then the lower id has the first outcome, the other its own reason', () => {
      const feiten = [middenkader, diploma('25LX', 'D2', '25104', '2016-06-30'), diploma('25LX', 'D1', '25104', '2016-06-30')];
      const verwacht = [
        expect.objectContaining({ diplomaId: 'D1', bekostigd: true, diplomawaarde: 5 }),
        expect.objectContaining({ diplomaId: 'D2', bekostigd: false, diplomawaarde: 0, redenen: [expect.objectContaining({ code: 'DIP_NIET_EERSTE_IN_JAAR' })] }),
      ];
      fc.assert(fc.property(fc.shuffledSubarray(feiten, { minLength: feiten.length }), (volgorde) => {
        expect(basisset(volgorde).diplomas).toEqual(verwacht);
      }));
    });

    it('given a diploma in a crebo the kwalificaties do not know, then no niveau and not bekostigd', () => {
      const b = basisset([inschrijving({ crebo: '99999', begin: '2015-08-01', einde: '2016-06-30' }), diploma('25LX', 'D1', '99999', '2016-06-30')]);
      expect(b.diplomas).toEqual([{ diplomaId: 'D1', crebo: '99999', datum: '2016-06-30', niveau: null, bekostigd: false, diplomawaarde: 0, redenen: [expect.objectContaining({ code: 'DIP_CREBO_ONBEKEND' })] }]);
    });

    it('given a diploma of a year without a rule set (D1), then not bekostigd and no reasons', () => {
      const b = basisset([inschrijving({ crebo: '25104', begin: '2012-11-01', einde: '2014-06-30' }), diploma('25LX', 'D1', '25104', '2012-12-20')]);
      expect(b).toMatchObject({ teldatum: '2013-10-01', diplomas: [{ diplomaId: 'D1', niveau: 4, bekostigd: false, diplomawaarde: 0, redenen: [] }] });
    });
  });
});
