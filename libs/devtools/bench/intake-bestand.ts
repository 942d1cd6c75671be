import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { KOLOMMEN } from '@bron/aanlevering-domein';
import { persoonsnummer, prng } from '../src';

/** The lines of a CSV aanleverbestand of `aantal` valid inschrijvingen of 25LX, each of another student, header first (deterministic). */
export function* intakeRegels(aantal: number): Generator<string> {
  const random = prng(42);
  const gehad = new Set<string>();
  yield KOLOMMEN.join(',') + '\n';
  for (let i = 0; i < aantal; i++) {
    let student = persoonsnummer(random);
    while (gehad.has(student)) student = persoonsnummer(random);
    gehad.add(student);
    const velden: Record<string, string> = {
      soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: student, inschrijving_id: `B-${i}`,
      crebo: ['25078', '25180', '25189', '25191'][i % 4], leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    };
    yield KOLOMMEN.map((k) => velden[k] ?? '').join(',') + '\n';
  }
}

/** Writes `intakeRegels(aantal)` to `bestand`, as a stream. */
export async function schrijfIntakeBestand(bestand: string, aantal: number): Promise<void> {
  const uit = createWriteStream(bestand);
  for (const regel of intakeRegels(aantal)) if (!uit.write(regel)) await once(uit, 'drain');
  uit.end();
  await once(uit, 'finish');
}
