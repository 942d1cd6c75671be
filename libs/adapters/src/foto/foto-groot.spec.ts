import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { schrijfFotoCsv } from './foto-csv';
import { schrijfFotoJson } from './foto-json';
import { schrijfFotoTbgi } from './foto-tbgi';
import { schrijfFotoXlsx } from './foto-xlsx';
import { geschreven, groteFoto } from './foto.testdata';

const AANTAL = 30_000;

/** LibreOffice's command, or a clear failure: this test must not pass without it (Debian package libreoffice-calc). */
function soffice(): string {
  for (const naam of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${naam}`]).status === 0) return naam;
  }
  throw new Error('LibreOffice ontbreekt (soffice/libreoffice niet gevonden): installeer het Debian-pakket libreoffice-calc, bv. apt-get install -y --no-install-recommends libreoffice-calc');
}

/** Lines of a CSV that has no line breaks inside its cells. */
const regels = (tekst: string): string[] => tekst.split('\n').filter((r) => r.length > 0);

describe(`a foto of ${AANTAL.toLocaleString('nl-NL')} students`, () => {
  const foto = groteFoto(AANTAL);
  const map = mkdtempSync(join(tmpdir(), 'foto-groot-'));
  afterAll(() => rmSync(map, { recursive: true, force: true }));

  it('has every inschrijving and the same checksum when made again', () => {
    expect(foto.aantallen.inschrijvingen).toBe(AANTAL);
    expect(groteFoto(AANTAL).checksum).toBe(foto.checksum);
  });

  it('is written in every text format with all its rows', async () => {
    const tbgi = (await geschreven((uit) => schrijfFotoTbgi(foto, uit))).toString('utf8');
    expect(tbgi.match(/<Inschrijving>/g)).toHaveLength(AANTAL);
    expect(regels((await geschreven((uit) => schrijfFotoCsv(foto, uit))).toString('utf8'))).toHaveLength(AANTAL + 1);
    expect(JSON.parse((await geschreven((uit) => schrijfFotoJson(foto, uit))).toString('utf8')).studenten).toHaveLength(AANTAL);
  });

  it('XLSX opens in LibreOffice headless without repair: every sheet converts with all its rows and leading zeros', async () => {
    const programma = soffice();
    const bestand = join(map, 'foto.xlsx');
    await schrijfFotoXlsx(foto, createWriteStream(bestand));
    // Its own profile, so that it neither waits for nor disturbs another LibreOffice on the machine.
    const profiel = pathToFileURL(join(map, 'profiel')).href;
    // CSV filter options: comma, double quote, UTF-8, from line 1, ..., and -1 = every sheet to its own file (LibreOffice 7.2+).
    execFileSync(programma, [`-env:UserInstallation=${profiel}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', map, bestand], { stdio: 'pipe', timeout: 540_000 });
    const bladen = readdirSync(map).filter((n) => n.endsWith('.csv')).sort();
    expect(bladen).toEqual(['foto-sector.csv', 'foto-studenten.csv', 'foto-terugmeldingsoverzicht.csv', 'foto-verschillen.csv']);
    const studenten = regels(readFileSync(join(map, 'foto-studenten.csv'), 'utf8'));
    expect(studenten).toHaveLength(AANTAL + 1);
    expect(studenten[0].startsWith('Persoonsnummer,Soort persoonsnummer,Inschrijvingvolgnummer')).toBe(true);
    expect(studenten[1].startsWith('000000000,BSN,I0,')).toBe(true);
    const tmo = regels(readFileSync(join(map, 'foto-terugmeldingsoverzicht.csv'), 'utf8'));
    const t = foto.terugmeldingsoverzicht;
    expect(tmo).toHaveLength(1 + t.bek.length + t.sag.length + t.sin.length);
    expect(regels(readFileSync(join(map, 'foto-sector.csv'), 'utf8'))).toHaveLength(2 + foto.sector.perNiveauEnLeerweg.length);
  }, 600_000);
});
