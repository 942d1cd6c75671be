import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { laadInstellingen } from './referentiedata';

const REPO_LIJST = join(__dirname, '..', '..', '..', 'data', 'instellingen.csv');

describe('laadInstellingen: INSTELLINGEN is a BRIN list or a CSV file', () => {
  let map: string;
  beforeEach(() => (map = mkdtempSync(join(tmpdir(), 'instellingen-'))));
  afterEach(() => rmSync(map, { recursive: true, force: true }));

  it('reads a comma-separated BRIN list, spaces and repeats allowed', () => {
    expect(laadInstellingen({ INSTELLINGEN: '25LX, 26AB,25LX' })).toEqual(['25LX', '26AB']);
  });

  it('reads the repo list when unset or empty', () => {
    expect(laadInstellingen({})).toEqual(['25LX', '26AB', '27CD', '28EF']);
    expect(laadInstellingen({ INSTELLINGEN: '' })).toEqual(['25LX', '26AB', '27CD', '28EF']);
  });

  it('reads the file the README names as the default, given as a path (the value that stopped the service)', () => {
    expect(laadInstellingen({ INSTELLINGEN: REPO_LIJST })).toEqual(['25LX', '26AB', '27CD', '28EF']);
    expect(laadInstellingen({ INSTELLINGEN: relative(process.cwd(), REPO_LIJST) })).toEqual(['25LX', '26AB', '27CD', '28EF']);
  });

  it('reads a CSV file with a BOM, CRLF, quoted names and the brin column anywhere', () => {
    const bestand = join(map, 'lijst.csv');
    writeFileSync(bestand, '\uFEFFnaam,BRIN\r\n"ROC, Noord",30AB\r\n\r\nVakschool,31CD\r\n');
    expect(laadInstellingen({ INSTELLINGEN: bestand })).toEqual(['30AB', '31CD']);
  });

  it('says which BRIN of a list is wrong', () => {
    expect(() => laadInstellingen({ INSTELLINGEN: '25LX,LX25,26ab' })).toThrow(/ongeldige BRIN in de instellingenlijst: 'LX25', '26ab'/);
    expect(() => laadInstellingen({ INSTELLINGEN: '25LX,LX25' })).toThrow(/komma-gescheiden lijst van BRIN's .* of het pad van een CSV-bestand/);
  });

  it('says which file and line are wrong', () => {
    const bestand = join(map, 'fout.csv');
    writeFileSync(bestand, 'brin,naam\n25LX,a\nXX,b\n');
    expect(() => laadInstellingen({ INSTELLINGEN: bestand })).toThrow(`ongeldige BRIN in de instellingenlijst ${bestand}: regel 3: 'XX'`);
    writeFileSync(bestand, 'code,naam\n25LX,a\n');
    expect(() => laadInstellingen({ INSTELLINGEN: bestand })).toThrow(/geen kolom brin/);
    writeFileSync(bestand, 'brin,naam\n');
    expect(() => laadInstellingen({ INSTELLINGEN: bestand })).toThrow(/bevat geen instellingen/);
    expect(() => laadInstellingen({ INSTELLINGEN: join(map, 'bestaat-niet.csv') })).toThrow(/bestaat-niet\.csv kan niet worden gelezen \(ENOENT\)/);
  });
});
