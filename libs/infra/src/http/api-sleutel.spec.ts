import { GEHEIM_BYTES, heeftSleutelVorm, maakApiSleutel, sleutelHash } from './api-sleutel';

const BRIN = '25LX';
const geheim = (byte: number) => Buffer.alloc(GEHEIM_BYTES, byte);

describe('API-sleutel', () => {
  it('is bron_<BRIN>_ followed by the secret in base64url (43 characters)', () => {
    expect(maakApiSleutel(BRIN, geheim(0))).toBe(`bron_25LX_${'A'.repeat(43)}`);
    // url-safe: no '/', '+' or '=' padding
    const sleutel = maakApiSleutel(BRIN, geheim(0xff));
    expect(sleutel).toBe(`bron_25LX_${'_'.repeat(42)}8`);
    expect(heeftSleutelVorm(sleutel)).toBe(true);
  });

  it('refuses a secret of another length', () => {
    expect(() => maakApiSleutel(BRIN, Buffer.alloc(16))).toThrow('32 willekeurige bytes');
  });

  it('recognises only texts that can be a key', () => {
    const goed = maakApiSleutel(BRIN, geheim(7));
    expect(heeftSleutelVorm(goed)).toBe(true);
    for (const fout of ['', 'bron_25LX_', goed.slice(0, -1), `${goed}x`, goed.replace('25LX', '25lx'), goed.replace('bron_', 'BRON_'), `${goed.slice(0, -1)}=`, ` ${goed}`]) {
      expect(heeftSleutelVorm(fout)).toBe(false);
    }
  });

  it('stores the sha256 of the whole key, in hex', () => {
    expect(sleutelHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sleutelHash(maakApiSleutel(BRIN, geheim(1)))).not.toBe(sleutelHash(maakApiSleutel(BRIN, geheim(2))));
  });
});
