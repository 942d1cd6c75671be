import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  basissetsVanDossier, basissetVelden, bekostigingDecider, berekenBekostiging, evolve, kwalificaties2015, leegDossier, type Basissetversie, type DossierFeit,
} from '@bron/cascade';
import { bronCodec, EventTypes, type BasissetBerekend } from '@bron/contracts';
import { basissetMapper } from './basisset.mapper';

const tabel = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const decider = bekostigingDecider('123456782');
const [versie] = decider
  .decide({
    type: 'VerwerkFeit', peildatum: '2016-11-15', tabel, oorzaak: { soort: 'AANLEVERING', instelling: '25LX' }, aanleiding: 'in-1',
    feit: { type: 'InschrijvingBijgewerkt', inschrijving: { instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, bpv: [] } },
  }, decider.initialState)
  .flatMap((e): Basissetversie[] => (e.type === 'BasissetGewijzigd' ? [e.data] : []));

/** A BBL inschrijving with a BPV and a diploma behaald on it, of a person the BRP knows. */
const dossier = [
  { type: 'PersoonGewijzigd', geboortedatum: '1998-05-01', nationaliteit: 'NL', officieleVoornamen: 'Jan Willem', verblijfsstatus: [], tijdstip: '2016-11-01T00:00:00Z' },
  { type: 'InschrijvingBijgewerkt', inschrijving: {
    instelling: '25LX', inschrijvingId: 'B', versie: 1, verwijderd: false, crebo: '25099', leerweg: 'BBL', intensiteit: 'DT', begin: '2015-08-01', einde: '2016-06-30',
    bpv: [{ bpvId: 'P1', afgesloten: '2015-07-01', begin: '2015-08-01', einde: null, leerbedrijf: '100012345' }],
  } },
  { type: 'DiplomaBijgewerkt', diploma: { instelling: '25LX', diplomaId: 'D1', versie: 1, verwijderd: false, crebo: '25099', datum: '2016-06-30' } },
] as const satisfies readonly DossierFeit[];
const metGegevens = basissetsVanDossier(dossier.reduce(evolve, leegDossier('123456782')), '2016-11-15', tabel, berekenBekostiging)[0];
const versieMetGegevens: Basissetversie = { basisset: metGegevens, versie: 1, wijzigingen: [], oorzaak: { soort: 'AANLEVERING', instelling: '25LX' }, aanleiding: 'in-2' };

describe('basissetMapper', () => {
  it('gives a BasissetBerekend the codec accepts, each reden with its text and the cause with its event id', () => {
    const contract = basissetMapper.naarContract(versie);
    expect(() => bronCodec.encode(EventTypes.BasissetBerekend, contract)).not.toThrow();
    expect(contract).toMatchObject({ persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A', versie: 1, oorzaak: { soort: 'AANLEVERING', instelling: '25LX', bron: null, eventId: 'in-1' } });
    expect(contract.basisset.redenen[0]).toEqual({ code: 'INS_BEKOSTIGD', tekst: expect.any(String), regel: expect.any(String) });
  });

  it('names a change (D8) by exactly the fields the contract publishes, with the same values', () => {
    for (const v of [versie, versieMetGegevens]) {
      const {
        crebo, leerweg, niveau, teldatum, bekostigingsjaar, regime, prognose,
        basisset, actief, intensiteit, datumInschrijving, datumUitschrijving, leeftijdOpEenAugustus, inschrijvingVoorCorrectiefactor, officieleVoornamen, codeLeerbedrijf, bpv, diplomas,
      } = basissetMapper.naarContract(v);
      expect({
        crebo, leerweg, niveau, teldatum, bekostigingsjaar, regime, prognose, ...basisset, actief, intensiteit, datumInschrijving, datumUitschrijving, leeftijdOpEenAugustus, inschrijvingVoorCorrectiefactor, officieleVoornamen, codeLeerbedrijf, bpv, diplomas,
      }).toEqual(basissetVelden(v.basisset));
    }
  });

  it('reads back what it wrote', () => {
    expect(basissetMapper.naarDomein(basissetMapper.naarContract(versie))).toEqual(versie);
    expect(basissetMapper.naarDomein(basissetMapper.naarContract(versieMetGegevens))).toEqual(versieMetGegevens);
  });

  it("gives the inschrijving's facts as top-level fields, a diploma's reasons with their text", () => {
    const contract = basissetMapper.naarContract(versieMetGegevens);
    expect(() => bronCodec.encode(EventTypes.BasissetBerekend, contract)).not.toThrow();
    expect(contract).toMatchObject({
      intensiteit: 'DT', datumInschrijving: '2015-08-01', datumUitschrijving: '2016-06-30', leeftijdOpEenAugustus: 17, inschrijvingVoorCorrectiefactor: true,
      officieleVoornamen: 'Jan Willem', codeLeerbedrijf: '100012345',
      bpv: [{ bpvId: 'P1', afgesloten: '2015-07-01', begin: '2015-08-01', einde: null, leerbedrijf: '100012345' }],
      diplomas: [{ diplomaId: 'D1', crebo: '25099', datum: '2016-06-30', niveau: 3, bekostigd: true, diplomawaarde: 3, redenen: [{ code: 'DIP_BEKOSTIGD', tekst: expect.any(String), regel: expect.any(String) }] }],
    });
  });

  it("given a stored basisset of a build from before the inschrijving's facts, then it reads them as the contract's defaults", () => {
    const nieuw = ['intensiteit', 'datumInschrijving', 'datumUitschrijving', 'leeftijdOpEenAugustus', 'inschrijvingVoorCorrectiefactor', 'officieleVoornamen', 'codeLeerbedrijf', 'bpv', 'diplomas'];
    const eerder = Object.fromEntries(Object.entries(basissetMapper.naarContract(versieMetGegevens)).filter(([veld]) => !nieuw.includes(veld)));
    expect(basissetMapper.naarDomein(eerder as unknown as BasissetBerekend).basisset).toMatchObject({
      intensiteit: null, datumInschrijving: null, datumUitschrijving: null, leeftijdOpEenAugustus: null, inschrijvingVoorCorrectiefactor: false,
      officieleVoornamen: null, codeLeerbedrijf: null, bpv: [], diplomas: [],
    });
  });

  it('refuses a value no build could have written', () => {
    const contract = basissetMapper.naarContract(versie);
    expect(() => basissetMapper.naarDomein({ ...contract, leerweg: 'XYZ' })).toThrow('leerweg XYZ');
    expect(() => basissetMapper.naarDomein({ ...contract, regime: 'pre2015' })).toThrow('regime pre2015');
    expect(() => basissetMapper.naarDomein({ ...contract, basisset: { ...contract.basisset, redenen: [{ code: 'X', tekst: '', regel: '' }] } })).toThrow('redencode X');
    expect(() => basissetMapper.naarDomein({ ...contract, intensiteit: 'XX' })).toThrow('intensiteit XX');
    const metDiploma = basissetMapper.naarContract(versieMetGegevens);
    expect(() => basissetMapper.naarDomein({ ...metDiploma, diplomas: [{ ...metDiploma.diplomas[0], redenen: [{ code: 'Y', tekst: '', regel: '' }] }] })).toThrow('redencode Y');
  });
});
