import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import { DEFAULT_DATABASE_URL, ONBEKENDE_INSTELLING, Raadplegingen, openToegangDatabase, type VastgelegdeRaadpleging } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/**
 * `bron audit [--instelling BRIN] [--persoonsnummer X] [--sinds ISO] [--max N] [--json]`: the
 * individual queries of persons' data (toegang.raadpleging), oldest first, for an operator. Reads
 * the database DATABASE_URL names, as tools/api-sleutel.js does (operators have the database, not
 * an instelling's key). Exit 0 done, 1 the database did not answer, 2 bad usage.
 */
export async function audit(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, {
    instelling: { type: 'string' }, persoonsnummer: { type: 'string' }, sinds: { type: 'string' }, max: { type: 'string' }, json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new GebruiksFout(`onverwacht argument ${positionals[0]}`);
  const { instelling, persoonsnummer } = values;
  if (instelling !== undefined && instelling !== ONBEKENDE_INSTELLING && !isGeldigeBrin(instelling)) throw new GebruiksFout(`--instelling moet een BRIN of '${ONBEKENDE_INSTELLING}' zijn, niet '${instelling}'`);
  if (persoonsnummer !== undefined && !isGeldigPersoonsnummer(persoonsnummer)) throw new GebruiksFout('--persoonsnummer moet 9 cijfers zijn en aan de 11-proef voldoen');
  const sinds = values.sinds === undefined ? undefined : new Date(values.sinds);
  if (sinds !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(values.sinds ?? '') || Number.isNaN(sinds.getTime()))) {
    throw new GebruiksFout(`--sinds moet een ISO-datum of -tijdstip zijn (2016-11-15 of 2016-11-15T10:00:00Z), niet '${values.sinds}'`);
  }
  const max = getal(values.max, 'max', 1000);

  let rijen: VastgelegdeRaadpleging[];
  try {
    const db = await openToegangDatabase(io.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    try {
      rijen = await new Raadplegingen(db).lees({ instelling, persoonsnummer, sinds, max });
    } finally {
      await db.destroy();
    }
  } catch (error) {
    io.stderr.write(`bron audit: de database antwoordt niet (${(error as Error).message})\n`);
    return 1;
  }
  if (values.json) {
    for (const r of rijen) io.stdout.write(`${JSON.stringify({ ...r, tijdstip: r.tijdstip.toISOString() })}\n`);
  } else {
    io.stdout.write(['tijdstip', 'service', 'instelling', 'gevraagd', 'persoonsnummer', 'crebo', 'uitkomst', 'status', 'reden'].join('\t') + '\n');
    for (const r of rijen) {
      io.stdout.write([r.tijdstip.toISOString(), r.service, r.instelling, r.gevraagdeInstelling ?? '', r.persoonsnummer ?? '', r.crebo ?? '', r.uitkomst, r.httpStatus, r.reden].join('\t') + '\n');
    }
  }
  return 0;
}
