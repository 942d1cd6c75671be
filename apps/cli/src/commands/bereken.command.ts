import { promises as fs } from 'node:fs';
import { berekenVanJson } from '@bron/cascade';
import { laadKwalificaties } from '@bron/adapters';
import { GebruiksFout, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/**
 * `bron bereken <invoer.json | ->`: the cascade for one student's history, as one JSON object on
 * stdout. Invalid input: exit 2 and a message per field, never a stack trace.
 */
export async function bereken(args: string[], io: BronIo): Promise<number> {
  const { positionals } = leesArgumenten(args, {});
  const [bestand] = positionals;
  if (!bestand || positionals.length > 1) throw new GebruiksFout('geef één invoerbestand, of - voor standaardinvoer');
  const tekst = bestand === '-' ? await leesStdin(io.stdin) : await fs.readFile(bestand, 'utf8').catch(() => { throw new GebruiksFout(`${bestand} kan niet worden gelezen`); });
  let json: unknown;
  try {
    json = JSON.parse(tekst);
  } catch (error) {
    throw new GebruiksFout(`invoer is geen geldige JSON: ${(error as Error).message}`);
  }
  const resultaat = berekenVanJson(json, laadKwalificaties());
  if (!resultaat.ok) {
    throw new GebruiksFout(`ongeldige invoer:\n${resultaat.fouten.map((f) => `  ${f.veld}: ${f.melding}`).join('\n')}`);
  }
  io.stdout.write(JSON.stringify(resultaat.berekening, null, 2) + '\n');
  return 0;
}

async function leesStdin(stdin: BronIo['stdin']): Promise<string> {
  // Bytes first, text once at the end: a UTF-8 character may be split across two chunks.
  const delen: Buffer[] = [];
  for await (const deel of stdin ?? []) delen.push(typeof deel === 'string' ? Buffer.from(deel, 'utf8') : Buffer.from(deel));
  return Buffer.concat(delen).toString('utf8');
}
