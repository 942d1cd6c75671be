import type { DataSource } from 'typeorm';

/** How an individual query ended (MISLUKT: the service failed, nothing was answered). */
export type Raadplegingsuitkomst = 'BEANTWOORD' | 'GEWEIGERD' | 'ONGELDIG' | 'NIET_GEAUTHENTICEERD' | 'MISLUKT';

/** The instelling of a query whose key did not authenticate it. */
export const ONBEKENDE_INSTELLING = 'onbekend';

/** One individual query of a person's data, answered or refused (D7): who, which person, what came of it, why. */
export interface Raadpleging {
  readonly service: string;
  /** The authenticated instelling; null when the key did not authenticate one (stored as `onbekend`). */
  readonly instelling: string | null;
  readonly sleutelId: string | null;
  /** The BRIN the request named (in its path), which need not be the authenticated one. */
  readonly gevraagdeInstelling: string | null;
  readonly persoonsnummer: string | null;
  readonly crebo: string | null;
  readonly uitkomst: Raadplegingsuitkomst;
  readonly httpStatus: number;
  readonly reden: string;
}

export interface VastgelegdeRaadpleging extends Omit<Raadpleging, 'instelling'> {
  readonly id: string;
  readonly tijdstip: Date;
  readonly instelling: string;
}

export interface RaadplegingFilter {
  readonly instelling?: string;
  readonly persoonsnummer?: string;
  readonly sinds?: Date;
  readonly max?: number;
}

interface RaadplegingRij {
  id: string;
  tijdstip: Date;
  service: string;
  instelling: string;
  sleutel_id: string | null;
  gevraagde_instelling: string | null;
  persoonsnummer: string | null;
  crebo: string | null;
  uitkomst: Raadplegingsuitkomst;
  http_status: number;
  reden: string;
}

/** What a request may put in a text column: the request's own text, cut short (it may be anything). */
const kort = (tekst: string | null, lengte = 64) => (tekst === null ? null : tekst.slice(0, lengte));

const toDomain = (r: RaadplegingRij): VastgelegdeRaadpleging => ({
  id: r.id, tijdstip: r.tijdstip, service: r.service, instelling: r.instelling, sleutelId: r.sleutel_id, gevraagdeInstelling: r.gevraagde_instelling,
  persoonsnummer: r.persoonsnummer, crebo: r.crebo, uitkomst: r.uitkomst, httpStatus: r.http_status, reden: r.reden,
});

/**
 * The audit of individual queries, `toegang.raadpleging`: append-only (the database refuses
 * UPDATE, DELETE and TRUNCATE). It is not a log: it holds the persoonsnummer asked for, and only
 * an operator reads it (`bron audit`).
 */
export class Raadplegingen {
  constructor(private readonly db: Pick<DataSource, 'query'>) {}

  async registreer(r: Raadpleging): Promise<void> {
    await this.db.query(
      `INSERT INTO toegang.raadpleging (service, instelling, sleutel_id, gevraagde_instelling, persoonsnummer, crebo, uitkomst, http_status, reden)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.service, r.instelling ?? ONBEKENDE_INSTELLING, r.sleutelId, kort(r.gevraagdeInstelling), kort(r.persoonsnummer), kort(r.crebo), r.uitkomst, r.httpStatus, kort(r.reden, 500)],
    );
  }

  /** The queries that match, oldest first (at most `max`, default 1000). */
  async lees(filter: RaadplegingFilter = {}): Promise<VastgelegdeRaadpleging[]> {
    const rijen = await this.db.query<RaadplegingRij[]>(
      `SELECT id, tijdstip, service, instelling, sleutel_id, gevraagde_instelling, persoonsnummer, crebo, uitkomst, http_status, reden
       FROM toegang.raadpleging
       WHERE ($1::text IS NULL OR instelling = $1) AND ($2::text IS NULL OR persoonsnummer = $2) AND ($3::timestamptz IS NULL OR tijdstip >= $3)
       ORDER BY id LIMIT $4`,
      [filter.instelling ?? null, filter.persoonsnummer ?? null, filter.sinds ?? null, filter.max ?? 1000],
    );
    return rijen.map(toDomain);
  }
}
