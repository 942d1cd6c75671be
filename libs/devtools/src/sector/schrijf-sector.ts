import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KOLOMMEN, type RuwRecord } from '@bron/aanlevering-domein';
import type { Kwalificatietabel } from '@bron/cascade';
import { genereerSector, type SectorOpties, type SectorSamenvatting } from './genereer-sector';

/** Where the generated lines go: one text file per name, appended to in order. */
export interface SectorSchrijver {
  schrijf(bestand: string, regel: string): void;
  sluit(): void;
}

/** A writer into a folder, with a small buffer per file (the sector never sits in memory). */
export function mapSchrijver(map: string, buffer = 64 * 1024): SectorSchrijver {
  mkdirSync(map, { recursive: true });
  const open = new Map<string, { fd: number; delen: string[]; lengte: number }>();
  const leeg = (b: { fd: number; delen: string[]; lengte: number }) => {
    if (b.delen.length === 0) return;
    writeSync(b.fd, b.delen.join(''));
    b.delen = [];
    b.lengte = 0;
  };
  return {
    schrijf(bestand, regel) {
      let b = open.get(bestand);
      if (!b) {
        b = { fd: openSync(join(map, bestand), 'w'), delen: [], lengte: 0 };
        open.set(bestand, b);
      }
      b.delen.push(regel, '\n');
      b.lengte += regel.length + 1;
      if (b.lengte >= buffer) leeg(b);
    },
    sluit() {
      for (const b of open.values()) {
        leeg(b);
        closeSync(b.fd);
      }
      open.clear();
    },
  };
}

const veld = (w = '') => (/[",\n]/.test(w) ? `"${w.replace(/"/g, '""')}"` : w);

export const csvKop = (): string => KOLOMMEN.join(',');
export const csvRegel = (r: RuwRecord): string => KOLOMMEN.map((k) => veld(r[k])).join(',');

/** The file names the sector is written to. */
export const aanleverBestand = (brin: string) => `aanlevering-${brin}.csv`;
export const EXTERN_BESTANDEN = { PersoonGewijzigd: 'extern-persoon.jsonl', VooropleidingGeregistreerd: 'extern-vooropleiding.jsonl' } as const;
export const SAMENVATTING_BESTAND = 'sector.json';

/**
 * Writes a generated sector through `schrijver`: per instelling an aanlevering CSV (as `bron
 * aanleveren` reads it), the external facts as JSON Lines (as `bron extern` reads them) and the
 * summary as sector.json. Returns the summary.
 */
export function schrijfSector(opties: SectorOpties, kwalificaties: Kwalificatietabel, schrijver: SectorSchrijver): SectorSamenvatting {
  const metKop = new Set<string>();
  const stroom = genereerSector(opties, kwalificaties);
  try {
    for (;;) {
      const stap = stroom.next();
      if (stap.done) {
        schrijver.schrijf(SAMENVATTING_BESTAND, JSON.stringify(stap.value, null, 2));
        return stap.value;
      }
      const uit = stap.value;
      if (uit.soort === 'extern') {
        schrijver.schrijf(EXTERN_BESTANDEN[uit.feit.type], JSON.stringify(uit.feit));
        continue;
      }
      const bestand = aanleverBestand(uit.instelling);
      if (!metKop.has(bestand)) {
        metKop.add(bestand);
        schrijver.schrijf(bestand, csvKop());
      }
      schrijver.schrijf(bestand, csvRegel(uit.record));
    }
  } finally {
    schrijver.sluit();
  }
}

/** `schrijfSector` into a folder on disk. */
export function schrijfSectorNaar(map: string, opties: SectorOpties, kwalificaties: Kwalificatietabel): SectorSamenvatting {
  // Empty feeds still exist, so that a script can always hand them to `bron extern`.
  mkdirSync(map, { recursive: true });
  for (const bestand of Object.values(EXTERN_BESTANDEN)) writeFileSync(join(map, bestand), '');
  return schrijfSector(opties, kwalificaties, mapSchrijver(map));
}
