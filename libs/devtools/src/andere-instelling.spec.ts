import { andereInstellingIn, type BekendeIdentiteiten } from './andere-instelling';

const bekend: BekendeIdentiteiten = { brins: ['25LX', '26AB', '27CD'], kenmerken: new Map([['26AB', ['batch-26ab-7', 'A1']], ['25LX', ['b1', 'L1']]]) };
const headers = { 'event-id': 'e0b3f1c2-0a1b-4c2d-8e9f-0123456789ab', 'event-type': 'nl.duo.bron.bekostiging.BasissetBerekend', 'correlation-id': 'c', 'causation-id': 'd', origin: 'aanlevering:andere-instelling' };
const bericht = (overrides: Partial<Parameters<typeof andereInstellingIn>[0]>) => ({ topic: 'instelling.25LX.bekostigingsstatus.v1', key: '123456782', headers, value: {}, ...overrides });

describe('andereInstellingIn: where a message on instelling.<A>.* names another instelling', () => {
  it('finds nothing in a clean message that names only its own instelling', () => {
    expect(andereInstellingIn(bericht({ value: { instelling: '25LX', inschrijvingId: 'L1', oorzaak: { soort: 'AANLEVERING', instelling: null } } }), bekend)).toEqual([]);
  });

  it('finds another BRIN in the body, at its path', () => {
    expect(andereInstellingIn(bericht({ value: { oorzaak: { soort: 'AANLEVERING', instelling: '26AB' } } }), bekend)).toEqual([
      { waar: 'value.oorzaak.instelling', instelling: '26AB', wat: '26AB', tekst: '26AB' },
    ]);
  });

  it('finds another BRIN or its batch in any header, and a topic position naming it', () => {
    const vondsten = andereInstellingIn(bericht({ headers: { ...headers, origin: 'aanlevering:26AB:batch-26ab-7', 'correlation-id': 'instelling.27CD.aanlevering.v1:0:4' } }), bekend);
    expect(vondsten).toEqual(expect.arrayContaining([
      expect.objectContaining({ waar: 'header origin', instelling: '26AB', wat: '26AB' }),
      expect.objectContaining({ waar: 'header origin', instelling: '26AB', wat: 'batch-26ab-7' }),
      expect.objectContaining({ waar: 'header correlation-id', instelling: '27CD' }),
    ]));
    expect(vondsten).toHaveLength(3);
  });

  it("finds another instelling's record ids in event ids and in arrays, and in the key", () => {
    const vondsten = andereInstellingIn(bericht({ key: 'A1', headers: { ...headers, 'event-id': 'basisset:123456782:26AB:A1:2' }, value: { lijst: [{ id: 'x' }, { id: 'A1' }] } }), bekend);
    expect(vondsten.map((v) => v.waar)).toEqual(['key', 'header event-id', 'header event-id', 'value.lijst[1].id']);
  });

  it('matches whole tokens only: a BRIN inside a longer word or a lowercase hex id is no hit', () => {
    expect(andereInstellingIn(bericht({ value: { tekst: 'X26ABY', id: 'aa26ab00-26ab-4000-8000-000000000000' } }), bekend)).toEqual([]);
  });

  it('does not check a DUO-internal topic, and a kenmerk both instellingen have names nobody', () => {
    expect(andereInstellingIn(bericht({ topic: 'bekostiging.public.basisset.v1', value: { instelling: '26AB' } }), bekend)).toEqual([]);
    const gedeeld: BekendeIdentiteiten = { brins: ['25LX', '26AB'], kenmerken: new Map([['26AB', ['b1']], ['25LX', ['b1']]]) };
    expect(andereInstellingIn(bericht({ value: { batchId: 'b1' } }), gedeeld)).toEqual([]);
  });
});
