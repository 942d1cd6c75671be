/**
 * Why something changed: an instelling's aanlevering (with its batch when known), an external
 * registration (BRP, VO), reference data (a prijsfactor) or a corrected rule set. On the wire it
 * travels as the `origin` header; `originVan` and `oorzaakVanOrigin` are the only two places that
 * know that text's shape.
 */
export type Oorzaak =
  | { soort: 'AANLEVERING'; instelling: string; batchId?: string }
  | { soort: 'EXTERN'; bron: string }
  | { soort: 'REFERENTIE'; bron: string }
  | { soort: 'REGELSET'; bron: string };

/** The origin header of a cause: `aanlevering:<BRIN>[:<batchId>]`, `extern:<bron>`, `referentie:<bron>`, `regelset:<id>`. */
export function originVan(oorzaak: Oorzaak): string {
  switch (oorzaak.soort) {
    case 'AANLEVERING':
      return oorzaak.batchId === undefined ? `aanlevering:${oorzaak.instelling}` : `aanlevering:${oorzaak.instelling}:${oorzaak.batchId}`;
    case 'EXTERN':
      return `extern:${oorzaak.bron}`;
    case 'REFERENTIE':
      return `referentie:${oorzaak.bron}`;
    case 'REGELSET':
      return `regelset:${oorzaak.bron}`;
    default: {
      const onbekend: never = oorzaak;
      throw new Error(`onbekende oorzaak ${JSON.stringify(onbekend)}`);
    }
  }
}

/** The cause named by an origin header (see `originVan`). Anything else is an external source by that name. */
export function oorzaakVanOrigin(origin: string): Oorzaak {
  const scheiding = origin.indexOf(':');
  const soort = scheiding < 0 ? origin : origin.slice(0, scheiding);
  const rest = scheiding < 0 ? '' : origin.slice(scheiding + 1);
  switch (soort) {
    case 'aanlevering': {
      const [instelling, ...batch] = rest.split(':');
      return batch.length === 0 ? { soort: 'AANLEVERING', instelling } : { soort: 'AANLEVERING', instelling, batchId: batch.join(':') };
    }
    case 'referentie':
      return { soort: 'REFERENTIE', bron: rest.split(':')[0] };
    case 'regelset':
      return { soort: 'REGELSET', bron: rest.split(':')[0] };
    case 'extern':
      return { soort: 'EXTERN', bron: rest.split(':')[0] };
    default:
      return { soort: 'EXTERN', bron: origin };
  }
}

/**
 * The origin as instelling `brin` may see it on its own topics (D7): whether an aanlevering was
 * its own or another instelling's, never which other one nor its batch. `aanlevering:eigen`,
 * `aanlevering:andere-instelling`, `extern:<bron>`, `referentie:<bron>`, `regelset:<id>`; any other
 * origin is reduced to its soort (the text before the first `:`).
 */
export function originVoorInstelling(origin: string, brin: string): string {
  const soort = origin.split(':')[0];
  if (!['aanlevering', 'extern', 'referentie', 'regelset'].includes(soort)) return soort;
  const oorzaak = oorzaakVanOrigin(origin);
  if (oorzaak.soort === 'AANLEVERING') return isEigenAanlevering(oorzaak, brin) ? 'aanlevering:eigen' : 'aanlevering:andere-instelling';
  return originVan(oorzaak);
}

/** Was this cause the instelling's own aanlevering? */
export function isEigenAanlevering(oorzaak: Oorzaak, brin: string): boolean {
  return oorzaak.soort === 'AANLEVERING' && oorzaak.instelling === brin;
}
