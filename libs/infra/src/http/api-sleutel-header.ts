import { VerzoekFout } from './verzoek-fout';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The API key a request carries, in `Authorization: Bearer <sleutel>` or `X-API-Key: <sleutel>`.
 * Whether it is a known key is for the caller to find out; this only reads the headers (401 when
 * they do not carry exactly one key).
 */
export function apiSleutelUitHeaders(authorization: string | undefined, xApiKey: string | string[] | undefined): string {
  let uitAuthorization: string | undefined;
  if (authorization !== undefined) {
    const gevonden = BEARER.exec(authorization);
    if (!gevonden) throw new VerzoekFout(401, "de Authorization-header moet de vorm 'Bearer <API-sleutel>' hebben");
    uitAuthorization = gevonden[1];
  }
  if (Array.isArray(xApiKey) && xApiKey.length > 1) throw new VerzoekFout(401, 'geef één X-API-Key-header mee, niet meer');
  const uitXApiKey = (Array.isArray(xApiKey) ? xApiKey[0] : xApiKey)?.trim();

  if (uitAuthorization && uitXApiKey && uitAuthorization !== uitXApiKey) {
    throw new VerzoekFout(401, 'Authorization en X-API-Key bevatten verschillende sleutels');
  }
  const sleutel = uitAuthorization || uitXApiKey;
  if (!sleutel) throw new VerzoekFout(401, "geef een API-sleutel mee in 'Authorization: Bearer <API-sleutel>' of 'X-API-Key: <API-sleutel>'");
  return sleutel;
}
