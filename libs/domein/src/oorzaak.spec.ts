import { isEigenAanlevering, oorzaakVanOrigin, originVan, originVoorInstelling } from './oorzaak';

describe('the origin as an instelling may see it (D7)', () => {
  it('says whether an aanlevering was its own, never which other instelling or batch', () => {
    expect(originVoorInstelling('aanlevering:25LX:b1', '25LX')).toBe('aanlevering:eigen');
    expect(originVoorInstelling('aanlevering:26AB:geheim-7', '25LX')).toBe('aanlevering:andere-instelling');
    expect(originVoorInstelling('aanlevering:26AB', '25LX')).toBe('aanlevering:andere-instelling');
  });

  it('keeps an external, reference or rule-set source, which names no instelling', () => {
    expect(originVoorInstelling('extern:BRP', '25LX')).toBe('extern:BRP');
    expect(originVoorInstelling('referentie:OCW', '25LX')).toBe('referentie:OCW');
    expect(originVoorInstelling('regelset:abc123', '25LX')).toBe('regelset:abc123');
  });

  it('reduces any other origin to its soort', () => {
    expect(originVoorInstelling('aanvraag:26AB', '25LX')).toBe('aanvraag');
    expect(originVoorInstelling('kafka:instelling.26AB.aanlevering.v1', '25LX')).toBe('kafka');
  });

  it('knows its own aanlevering', () => {
    expect(isEigenAanlevering(oorzaakVanOrigin('aanlevering:25LX:b1'), '25LX')).toBe(true);
    expect(isEigenAanlevering(oorzaakVanOrigin('aanlevering:26AB:b1'), '25LX')).toBe(false);
    expect(isEigenAanlevering(oorzaakVanOrigin(originVan({ soort: 'EXTERN', bron: '25LX' })), '25LX')).toBe(false);
  });
});
