import { apiSleutelUitHeaders } from './api-sleutel-header';
import { VerzoekFout } from './verzoek-fout';

function fout(werk: () => unknown): VerzoekFout {
  try {
    werk();
  } catch (error) {
    if (error instanceof VerzoekFout) return error;
    throw error;
  }
  throw new Error('geen VerzoekFout');
}

describe('apiSleutelUitHeaders', () => {
  it('reads a bearer token, whatever the case of the scheme', () => {
    expect(apiSleutelUitHeaders('Bearer bron_25LX_abc', undefined)).toBe('bron_25LX_abc');
    expect(apiSleutelUitHeaders('bearer   bron_25LX_abc ', undefined)).toBe('bron_25LX_abc');
  });

  it('reads X-API-Key', () => {
    expect(apiSleutelUitHeaders(undefined, 'bron_25LX_abc')).toBe('bron_25LX_abc');
    expect(apiSleutelUitHeaders(undefined, [' bron_25LX_abc'])).toBe('bron_25LX_abc');
  });

  it('accepts both when they name the same key', () => {
    expect(apiSleutelUitHeaders('Bearer k1', 'k1')).toBe('k1');
  });

  it('refuses with 401 when there is no key, more than one, or another scheme', () => {
    const gevallen: [string | undefined, string | string[] | undefined, string][] = [
      [undefined, undefined, 'geef een API-sleutel mee'],
      [undefined, '', 'geef een API-sleutel mee'],
      ['Basic dXNlcjpwdw==', undefined, "vorm 'Bearer <API-sleutel>'"],
      ['Bearer', undefined, "vorm 'Bearer <API-sleutel>'"],
      ['Bearer k1 k2', undefined, "vorm 'Bearer <API-sleutel>'"],
      ['Bearer k1', 'k2', 'verschillende sleutels'],
      [undefined, ['k1', 'k2'], 'één X-API-Key-header'],
    ];
    for (const [authorization, xApiKey, bericht] of gevallen) {
      const f = fout(() => apiSleutelUitHeaders(authorization, xApiKey));
      expect(f.status).toBe(401);
      expect(f.message).toContain(bericht);
    }
  });
});
