import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kwalificaties2015, KWALIFICATIES_2015, type Kwalificatietabel } from '@bron/cascade';
import { isGeldigeBrin } from '@bron/domein';

/** The repo's data/ folder (public reference data shipped with the code). */
const DATA = join(__dirname, '..', '..', '..', 'data');

let kwalificaties: Kwalificatietabel | undefined;

/** The default kwalificaties table (D10), read once per process. */
export function laadKwalificaties(): Kwalificatietabel {
  kwalificaties ??= kwalificaties2015(readFileSync(join(DATA, '..', KWALIFICATIES_2015.bestand), 'utf8'));
  return kwalificaties;
}

/**
 * The instellingen that are onboarded: each has its own topics (and, with ACLs, its own
 * principal). `INSTELLINGEN` is either a comma-separated BRIN list (`25LX,26AB`) or the path of a
 * CSV file with a `brin` column, like data/instellingen.csv (a relative path from the working
 * directory); unset or empty, the repo's data/instellingen.csv. A bad value stops the service at
 * start with a message that says which BRIN or file is wrong: consuming the wrong intake topics
 * would go unnoticed.
 */
export function laadInstellingen(env: NodeJS.ProcessEnv = process.env): string[] {
  const waarde = env.INSTELLINGEN?.trim();
  if (!waarde) return uitBestand(join(DATA, 'instellingen.csv'));
  if (isPad(waarde)) return uitBestand(resolve(waarde));
  const lijst = waarde.split(',').map((b) => b.trim());
  const ongeldig = lijst.filter((b) => !isGeldigeBrin(b));
  if (ongeldig.length > 0) {
    throw new Error(
      `INSTELLINGEN moet een komma-gescheiden lijst van BRIN's zijn (bijv. 25LX,26AB) of het pad van een CSV-bestand ` +
        `met een kolom brin (bijv. data/instellingen.csv); ongeldige BRIN in de instellingenlijst: ${ongeldig.map((b) => `'${b}'`).join(', ')}`,
    );
  }
  return [...new Set(lijst)];
}

/** A value with a path separator or a .csv extension names a file; a BRIN has neither. */
function isPad(waarde: string): boolean {
  return /[/\\]/.test(waarde) || /\.csv$/i.test(waarde);
}

function uitBestand(pad: string): string[] {
  let tekst: string;
  try {
    tekst = readFileSync(pad, 'utf8');
  } catch (error) {
    throw new Error(`INSTELLINGEN: het bestand ${pad} kan niet worden gelezen (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const regels = tekst.replace(/^\uFEFF/, '').split(/\r?\n/);
  const kop = cellen(regels[0] ?? '').map((k) => k.toLowerCase());
  const kolom = kop.indexOf('brin');
  if (kolom < 0) throw new Error(`INSTELLINGEN: ${pad} heeft geen kolom brin in de kopregel (gevonden: ${regels[0] ?? ''})`);
  const lijst: string[] = [];
  const ongeldig: string[] = [];
  regels.slice(1).forEach((regel, i) => {
    if (regel.trim() === '') return;
    const brin = cellen(regel)[kolom] ?? '';
    if (isGeldigeBrin(brin)) lijst.push(brin);
    else ongeldig.push(`regel ${i + 2}: '${brin}'`);
  });
  if (ongeldig.length > 0) throw new Error(`INSTELLINGEN: ongeldige BRIN in de instellingenlijst ${pad}: ${ongeldig.join(', ')}`);
  if (lijst.length === 0) throw new Error(`INSTELLINGEN: ${pad} bevat geen instellingen`);
  return [...new Set(lijst)];
}

/** The cells of one CSV line (RFC 4180 quotes), trimmed: a name may hold a quoted comma. */
function cellen(regel: string): string[] {
  const uit: string[] = [];
  let cel = '';
  let tussenQuotes = false;
  for (let i = 0; i < regel.length; i++) {
    const c = regel[i];
    if (tussenQuotes) {
      if (c === '"' && regel[i + 1] === '"') {
        cel += '"';
        i++;
      } else if (c === '"') tussenQuotes = false;
      else cel += c;
    } else if (c === '"') tussenQuotes = true;
    else if (c === ',') {
      uit.push(cel.trim());
      cel = '';
    } else cel += c;
  }
  uit.push(cel.trim());
  return uit;
}
