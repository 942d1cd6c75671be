import type { Writable } from 'node:stream';
import { canoniekeJson, type BronFoto } from '@bron/domein';
import { Uitvoer } from './uitvoer';

/**
 * The foto as JSON: the foto object itself (docs/foto.md), keys sorted, one student per line so a
 * large foto is written (and can be read) line by line. Ends the stream.
 */
export async function schrijfFotoJson(foto: BronFoto, uit: Writable): Promise<void> {
  const uitvoer = new Uitvoer(uit);
  const { studenten, ...kop } = foto;
  const rest = canoniekeJson(kop);
  // The head fields in their canonical order, then the studenten as the last field.
  await uitvoer.schrijf(`${rest.slice(0, -1)},"studenten":[`);
  for (let i = 0; i < studenten.length; i++) await uitvoer.schrijf(`${i === 0 ? '' : ','}\n${canoniekeJson(studenten[i])}`);
  await uitvoer.schrijf(`${studenten.length === 0 ? '' : '\n'}]}\n`);
  await uitvoer.sluit();
}
