import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { laadKwalificaties } from '@bron/adapters';
import {
  beoordeelExternFeit, beoordeelRecord, leesRecords, type DiplomaStaat, type ExternFeit, type InschrijvingStaat, type RuwRecord, type TerugkoppelingSoort,
} from '@bron/aanlevering-domein';
import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import { EXTERN_BESTANDEN, SAMENVATTING_BESTAND, aanleverBestand, genereerSector, schrijfSectorNaar, type SectorSamenvatting } from './index';

const kwalificaties = laadKwalificaties();
const OPTIES = { studenten: 2_000, instellingen: 6, jaren: 5, seed: 42 };

function genereer(map: string, opties = OPTIES): SectorSamenvatting {
  return schrijfSectorNaar(map, opties, kwalificaties);
}

const bestanden = (map: string) => Object.fromEntries(readdirSync(map).sort().map((f) => [f, readFileSync(join(map, f), 'utf8')]));

describe('genereerSector: a deterministic synthetic mbo sector', () => {
  const mappen: string[] = [];
  const nieuweMap = () => {
    const map = mkdtempSync(join(tmpdir(), 'sector-'));
    mappen.push(map);
    return map;
  };
  afterAll(() => mappen.forEach((m) => rmSync(m, { recursive: true, force: true })));

  let map: string;
  let samenvatting: SectorSamenvatting;
  beforeAll(() => {
    map = nieuweMap();
    samenvatting = genereer(map);
  });

  it('writes byte-identical files for the same seed and different files for another seed', () => {
    const nogEens = nieuweMap();
    genereer(nogEens);
    expect(bestanden(nogEens)).toEqual(bestanden(map));
    const ander = nieuweMap();
    genereer(ander, { ...OPTIES, seed: 43 });
    expect(bestanden(ander)[aanleverBestand(Object.keys(samenvatting.instellingen)[0])]).toBeUndefined();
    expect(Object.values(bestanden(ander))).not.toEqual(Object.values(bestanden(map)));
  });

  it('writes one aanlevering per instelling, the external feeds and sector.json', () => {
    const brins = Object.keys(samenvatting.instellingen);
    expect(brins).toHaveLength(6);
    expect(brins.every(isGeldigeBrin)).toBe(true);
    expect(readdirSync(map).sort()).toEqual([...brins.map(aanleverBestand), ...Object.values(EXTERN_BESTANDEN), SAMENVATTING_BESTAND].sort());
    expect(JSON.parse(readFileSync(join(map, SAMENVATTING_BESTAND), 'utf8'))).toEqual(samenvatting);
    expect(samenvatting.opties).toEqual(OPTIES);
    expect(Object.values(samenvatting.instellingen).reduce((n, i) => n + i.records, 0)).toBe(Object.values(samenvatting.records).reduce((a, b) => a + b, 0));
  });

  it('models the sector: about a quarter BBL, all niveaus, switches, stacked diplomas, drop-outs and returns, examendeelnemers', () => {
    expect(samenvatting.bblAandeel).toBeGreaterThan(0.2);
    expect(samenvatting.bblAandeel).toBeLessThan(0.3);
    for (const niveau of ['1', '2', '3', '4']) expect(samenvatting.niveaus[niveau]).toBeGreaterThan(0);
    expect(Object.keys(samenvatting.prijsfactoren).length).toBeGreaterThan(1);
    expect(samenvatting.wisselingen).toBeGreaterThan(0);
    expect(samenvatting.gestapeldeDiplomas).toBeGreaterThan(0);
    expect(samenvatting.uitvallers).toBeGreaterThan(0);
    expect(samenvatting.terugkeerders).toBeGreaterThan(0);
    expect(samenvatting.intensiteiten.EX).toBeGreaterThan(0);
    expect(samenvatting.zonderRechtmatigVerblijf).toBeGreaterThan(0);
    expect(samenvatting.records.BPV).toBeGreaterThanOrEqual(samenvatting.bblAandeel * samenvatting.inschrijvingen);
    expect(samenvatting.records.UITSCHRIJVING).toBeGreaterThan(0);
    expect(samenvatting.records.AANMELDING).toBeGreaterThan(0);
  });

  it('gives distinct persoonsnummers that pass the 11-proef', () => {
    const studenten = new Set<string>();
    for (const uit of genereerSector({ ...OPTIES, studenten: 500 }, kwalificaties)) {
      if (uit.soort === 'record') studenten.add(uit.record.persoonsnummer!);
    }
    expect(studenten.size).toBe(500);
    expect([...studenten].every(isGeldigPersoonsnummer)).toBe(true);
  });

  it('writes records that the intake reads without leesfout and mostly accepts, with crebos from the kwalificaties table', async () => {
    const soorten: Record<TerugkoppelingSoort, number> = { MELDING: 0, SIGNAAL: 0, AFKEURING: 0 } as Record<TerugkoppelingSoort, number>;
    const codes: Record<string, number> = {};
    // The intake knows the vooropleidingen from the VO feed (without them, niveau 4 gets signal S03).
    const vooropleidingen = new Map<string, { soort: string; diploma: boolean }[]>();
    for (const regel of readFileSync(join(map, EXTERN_BESTANDEN.VooropleidingGeregistreerd), 'utf8').split('\n').filter(Boolean)) {
      const v = JSON.parse(regel) as { persoonsnummer: string; soort: string; diploma: boolean };
      const soort = v.soort.startsWith('OVERGANG_') ? v.soort.replace('OVERGANG_', '').replace('_3_4', '') : v.soort;
      vooropleidingen.set(v.persoonsnummer, [{ soort, diploma: v.diploma }]);
    }
    let leesfouten = 0;
    let onbekendeCrebos = 0;
    for (const brin of Object.keys(samenvatting.instellingen)) {
      const inschrijvingen = new Map<string, InschrijvingStaat>();
      const diplomas = new Map<string, DiplomaStaat>();
      const perStudent = new Map<string, InschrijvingStaat[]>();
      for await (const gelezen of leesRecords(createReadStream(join(map, aanleverBestand(brin))), 'csv')) {
        if ('leesfout' in gelezen) {
          leesfouten += 1;
          continue;
        }
        const record = gelezen.velden as RuwRecord;
        if (record.crebo && !kwalificaties.kwalificatie(record.crebo)) onbekendeCrebos += 1;
        const id = record.inschrijving_id!;
        const b = beoordeelRecord(record, {
          aanleverendeInstelling: brin, peildatum: samenvatting.peildatum, kwalificaties, regel: gelezen.regel,
          bestaandeInschrijving: inschrijvingen.get(id), bestaandDiploma: diplomas.get(id), andereInschrijvingen: perStudent.get(record.persoonsnummer!) ?? [],
          vooropleidingen: vooropleidingen.get(record.persoonsnummer!) ?? [],
        });
        soorten[b.soort] += 1;
        for (const c of b.codes) codes[c.code] = (codes[c.code] ?? 0) + 1;
        if (b.nieuweStaat?.soort === 'inschrijving') {
          inschrijvingen.set(id, b.nieuweStaat.staat);
          const lijst = (perStudent.get(record.persoonsnummer!) ?? []).filter((i) => i.inschrijvingId !== id);
          perStudent.set(record.persoonsnummer!, [...lijst, b.nieuweStaat.staat]);
        }
        if (b.nieuweStaat?.soort === 'diploma') diplomas.set(id, b.nieuweStaat.staat);
      }
    }
    const totaal = soorten.MELDING + soorten.SIGNAAL + soorten.AFKEURING;
    // The spread, for the report of this test run.
    process.stdout.write(`sector ${JSON.stringify(OPTIES)}: ${totaal} records, ${JSON.stringify(soorten)}, codes ${JSON.stringify(codes)}\n`);
    expect(leesfouten).toBe(0);
    expect(onbekendeCrebos).toBe(0);
    expect(totaal).toBe(Object.values(samenvatting.records).reduce((a, b) => a + b, 0));
    expect(soorten.AFKEURING / totaal).toBeLessThan(0.02);
    expect(soorten.MELDING / totaal).toBeGreaterThan(0.5);
  });

  it('writes external facts that all pass the platform judgement', () => {
    let aantal = 0;
    for (const bestand of Object.values(EXTERN_BESTANDEN)) {
      for (const regel of readFileSync(join(map, bestand), 'utf8').split('\n').filter(Boolean)) {
        const feit = JSON.parse(regel) as ExternFeit;
        expect({ regel, oordeel: beoordeelExternFeit(feit, kwalificaties) }).toEqual({ regel, oordeel: { aanvaard: true } });
        aantal += 1;
      }
    }
    expect(aantal).toBe(samenvatting.externeFeiten.PersoonGewijzigd + samenvatting.externeFeiten.VooropleidingGeregistreerd);
    expect(samenvatting.externeFeiten.PersoonGewijzigd).toBeGreaterThan(0);
  });

  it('refuses bad options', () => {
    expect(() => genereerSector({ ...OPTIES, studenten: 0 }, kwalificaties).next()).toThrow(/studenten/);
    expect(() => genereerSector({ ...OPTIES, jaren: 1.5 }, kwalificaties).next()).toThrow(/jaren/);
  });
});
