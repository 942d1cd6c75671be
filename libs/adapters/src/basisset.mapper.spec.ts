import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basissetVelden, bekostigingDecider, kwalificaties2015, type Basissetversie } from '@bron/cascade';
import { bronCodec, EventTypes } from '@bron/contracts';
import { basissetMapper } from './basisset.mapper';

const tabel = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const decider = bekostigingDecider('123456782');
const [versie] = decider
  .decide({
    type: 'VerwerkFeit', peildatum: '2016-11-15', tabel, oorzaak: { soort: 'AANLEVERING', instelling: '25LX' }, aanleiding: 'in-1',
    feit: { type: 'InschrijvingBijgewerkt', inschrijving: { instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begin: '2016-08-01', einde: null, bpv: [] } },
  }, decider.initialState)
  .flatMap((e): Basissetversie[] => (e.type === 'BasissetGewijzigd' ? [e.data] : []));

describe('basissetMapper', () => {
  it('gives a BasissetBerekend the codec accepts, each reden with its text and the cause with its event id', () => {
    const contract = basissetMapper.naarContract(versie);
    expect(() => bronCodec.encode(EventTypes.BasissetBerekend, contract)).not.toThrow();
    expect(contract).toMatchObject({ persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A', versie: 1, oorzaak: { soort: 'AANLEVERING', instelling: '25LX', bron: null, eventId: 'in-1' } });
    expect(contract.basisset.redenen[0]).toEqual({ code: 'INS_BEKOSTIGD', tekst: expect.any(String), regel: expect.any(String) });
  });

  it('names a change (D8) by exactly the fields the contract publishes, with the same values', () => {
    const contract = basissetMapper.naarContract(versie);
    expect({ ...contract.basisset, actief: contract.actief }).toEqual(basissetVelden(versie.basisset));
  });

  it('reads back what it wrote', () => {
    expect(basissetMapper.naarDomein(basissetMapper.naarContract(versie))).toEqual(versie);
  });

  it('refuses a value no build could have written', () => {
    const contract = basissetMapper.naarContract(versie);
    expect(() => basissetMapper.naarDomein({ ...contract, leerweg: 'XYZ' })).toThrow('leerweg XYZ');
    expect(() => basissetMapper.naarDomein({ ...contract, regime: 'pre2015' })).toThrow('regime pre2015');
    expect(() => basissetMapper.naarDomein({ ...contract, basisset: { ...contract.basisset, redenen: [{ code: 'X', tekst: '', regel: '' }] } })).toThrow('redencode X');
  });
});
