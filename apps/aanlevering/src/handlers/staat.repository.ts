import type { NieuweStaat } from '@bron/aanlevering-domein';
import type { EntityManager } from 'typeorm';

const TABELLEN = {
  inschrijving: { tabel: 'aanlevering.inschrijving', id: 'inschrijving_id', idVan: (s: NieuweStaat) => (s.soort === 'inschrijving' ? s.staat.inschrijvingId : '') },
  diploma: { tabel: 'aanlevering.diploma', id: 'diploma_id', idVan: (s: NieuweStaat) => (s.soort === 'diploma' ? s.staat.diplomaId : '') },
  aanmelding: { tabel: 'aanlevering.aanmelding', id: 'aanmelding_id', idVan: (s: NieuweStaat) => (s.soort === 'aanmelding' ? s.staat.aanmeldingId : '') },
} as const;

/** Stores the accepted states of a run: per inschrijving, diploma or aanmelding only the last one. */
export async function bewaarStaten(manager: EntityManager, instelling: string, staten: NieuweStaat[]): Promise<void> {
  for (const soort of Object.keys(TABELLEN) as (keyof typeof TABELLEN)[]) {
    const { tabel, id, idVan } = TABELLEN[soort];
    const laatste = new Map(staten.filter((s) => s.soort === soort).map((s) => [idVan(s), s.staat]));
    if (laatste.size === 0) continue;
    const rijen = [...laatste];
    await manager.query(
      `INSERT INTO ${tabel} (instelling, ${id}, persoonsnummer, ${soort === 'aanmelding' ? '' : 'versie, '}staat)
       SELECT $1, i, p, ${soort === 'aanmelding' ? '' : 'v, '}s FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[]) AS x(i, p, v, s)
       ON CONFLICT (instelling, ${id}) DO UPDATE SET persoonsnummer = EXCLUDED.persoonsnummer, ${soort === 'aanmelding' ? '' : 'versie = EXCLUDED.versie, '}staat = EXCLUDED.staat`,
      [instelling, rijen.map(([i]) => i), rijen.map(([, s]) => s.persoonsnummer), rijen.map(([, s]) => ('versie' in s ? s.versie : 0)), rijen.map(([, s]) => JSON.stringify(s))],
    );
  }
}
