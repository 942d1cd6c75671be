import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FotoGemaakt } from '@bron/contracts';
import { teldatumVanStudiejaar } from '@bron/cascade';
import { isGeldigeBrin } from '@bron/domein';
import { GebruiksFout, getal, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/** Where the foto service answers HTTP unless BRON_FOTO_URL says otherwise (its default port). */
export const STANDAARD_FOTO_URL = 'http://127.0.0.1:3003';

const FORMATEN = ['json', 'csv', 'xlsx', 'tbgi'] as const;
const DELEN = ['studenten', 'terugmeldingsoverzicht', 'sector', 'verschillen'] as const;

/** Exit codes of `bron foto`: written, the service unreachable or failing, bad usage or request, refused. */
export const FOTO_EXIT = { geschreven: 0, onbereikbaar: 1, gebruik: 2, geweigerd: 3 } as const;

class HttpFout extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * `bron foto <BRIN> [--peildatum JJJJ-10-01] [--moment ISO] [--formaat json|csv|xlsx|tbgi] [--deel D] [--uit pad]`:
 * asks the foto service, with the instelling's API key (BRON_API_SLEUTEL), for the foto of the
 * moment (default: now; a moment made before gives the same foto) and writes it in the format to
 * the file (default: standard output). What the foto is goes to standard error.
 */
export async function foto(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, {
    peildatum: { type: 'string' }, moment: { type: 'string' }, formaat: { type: 'string' }, deel: { type: 'string' }, uit: { type: 'string' }, timeout: { type: 'string' },
  });
  const [brin, ...teVeel] = positionals;
  if (teVeel.length > 0) throw new GebruiksFout(`onverwacht argument ${teVeel[0]}`);
  if (!brin || !isGeldigeBrin(brin)) throw new GebruiksFout(`geef de BRIN van de instelling, niet '${brin ?? ''}'`);
  const peildatum = values.peildatum ?? teldatumVanStudiejaar(io.env.BRON_PEILDATUM ?? new Date().toISOString().slice(0, 10));
  if (!/^\d{4}-10-01$/.test(peildatum)) throw new GebruiksFout(`--peildatum moet 1 oktober zijn (JJJJ-10-01), niet '${peildatum}'`);
  const formaat = values.formaat ?? 'json';
  if (!(FORMATEN as readonly string[]).includes(formaat)) throw new GebruiksFout(`--formaat moet een van ${FORMATEN.join(', ')} zijn, niet '${formaat}'`);
  if (values.deel !== undefined && (formaat !== 'csv' || !(DELEN as readonly string[]).includes(values.deel))) throw new GebruiksFout(`--deel geldt voor --formaat csv en is een van ${DELEN.join(', ')}`);
  if (formaat === 'xlsx' && values.uit === undefined) throw new GebruiksFout('een xlsx-bestand gaat niet naar de terminal: geef --uit <pad>');
  const sleutel = io.env.BRON_API_SLEUTEL;
  if (!sleutel) throw new GebruiksFout('zet de API-sleutel van de instelling in BRON_API_SLEUTEL (node tools/api-sleutel.js maak <BRIN>)');
  const timeoutMs = getal(values.timeout, 'timeout', 120) * 1000;
  const basis = io.env.BRON_FOTO_URL ?? STANDAARD_FOTO_URL;
  const headers = { Authorization: `Bearer ${sleutel}` };

  try {
    const aanvraag = new URL(`/instellingen/${brin}/fotos`, basis);
    aanvraag.searchParams.set('peildatum', peildatum);
    if (values.moment !== undefined) aanvraag.searchParams.set('moment', values.moment);
    const gemaakt = (await json(await verzoek(aanvraag, { method: 'POST', headers, signal: AbortSignal.timeout(timeoutMs) }, basis))) as FotoGemaakt;
    const bestand = new URL(gemaakt.ophalen.pad, basis);
    bestand.searchParams.set('formaat', formaat);
    if (values.deel !== undefined) bestand.searchParams.set('deel', values.deel);
    const antwoord = await verzoek(bestand, { headers, signal: AbortSignal.timeout(timeoutMs) }, basis);
    const inhoud = Readable.fromWeb(antwoord.body! as import('node:stream/web').ReadableStream);
    if (values.uit !== undefined) await pipeline(inhoud, createWriteStream(values.uit));
    else {
      // Text formats only (xlsx needs --uit): written as it arrives.
      const tekst = new TextDecoder('utf-8', { ignoreBOM: true });
      for await (const stuk of inhoud) io.stdout.write(tekst.decode(stuk as Uint8Array, { stream: true }));
      io.stdout.write(tekst.decode());
    }
    io.stderr.write(
      `foto ${gemaakt.fotoId}: status ${gemaakt.status}, ${gemaakt.aantalInschrijvingen} inschrijvingen (${gemaakt.aantalBekostigd} bekostigd), ` +
        `sector totaal ${gemaakt.sectorTotaalInschrijvingen}, checksum ${gemaakt.checksum.slice(0, 12)}${values.uit === undefined ? '' : `; ${formaat} geschreven naar ${values.uit}`}\n`,
    );
    return FOTO_EXIT.geschreven;
  } catch (error) {
    if (error instanceof HttpFout) {
      io.stderr.write(`bron foto: ${error.status} ${error.message}\n`);
      if (error.status === 401 || error.status === 403) return FOTO_EXIT.geweigerd;
      return error.status === 400 || error.status === 404 ? FOTO_EXIT.gebruik : FOTO_EXIT.onbereikbaar;
    }
    io.stderr.write(`bron foto: ${(error as Error).message}\n`);
    return FOTO_EXIT.onbereikbaar;
  }
}

async function verzoek(url: URL, init: RequestInit, basis: string): Promise<Response> {
  let antwoord: Response;
  try {
    antwoord = await fetch(url, init);
  } catch (error) {
    throw new Error(`de fotoservice op ${new URL(basis).origin} antwoordt niet (${(error as Error).message})`);
  }
  if (!antwoord.ok) {
    const body = (await antwoord.json().catch(() => null)) as { fout?: unknown } | null;
    throw new HttpFout(antwoord.status, typeof body?.fout === 'string' ? body.fout : antwoord.statusText);
  }
  return antwoord;
}

const json = (antwoord: Response): Promise<unknown> => antwoord.json();
