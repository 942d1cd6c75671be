import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GEHEIM_BYTES, heeftSleutelVorm, maakApiSleutel, sleutelHash } from './api-sleutel';

/** A key as an operator sees it: never the key itself, which is only shown once when it is made. */
export interface ApiSleutelGegevens {
  id: string;
  instelling: string;
  omschrijving: string | null;
  aangemaaktOp: Date;
  ingetrokkenOp: Date | null;
}

/** Who a valid key belongs to. */
export interface Sleutelhouder {
  sleutelId: string;
  instelling: string;
}

interface ApiSleutelRij {
  id: string;
  instelling: string;
  omschrijving: string | null;
  aangemaakt_op: Date;
  ingetrokken_op: Date | null;
}

/** The API keys of instellingen in `toegang.api_sleutel` (shared by every HTTP-serving service), stored as their sha256. */
export class ApiSleutelRepository {
  constructor(private readonly db: Pick<DataSource, 'query'>) {}

  /** Makes a key; the returned text is the only time anyone sees it. */
  async maak(instelling: string, omschrijving: string | null): Promise<{ id: string; sleutel: string }> {
    const sleutel = maakApiSleutel(instelling, randomBytes(GEHEIM_BYTES));
    const [rij] = await this.db.query<{ id: string }[]>(
      `INSERT INTO toegang.api_sleutel (instelling, sleutel_hash, omschrijving) VALUES ($1, $2, $3) RETURNING id`,
      [instelling, sleutelHash(sleutel), omschrijving],
    );
    return { id: rij.id, sleutel };
  }

  /**
   * The instelling of a key that is known and not revoked. Looked up by its hash: the hash of a
   * 256-bit random secret leaks nothing useful through the timing of an index lookup, so there is
   * no separate constant-time comparison to do.
   */
  async houderVan(sleutel: string): Promise<Sleutelhouder | undefined> {
    if (!heeftSleutelVorm(sleutel)) return undefined;
    const [rij] = await this.db.query<{ id: string; instelling: string }[]>(
      `SELECT id, instelling FROM toegang.api_sleutel WHERE sleutel_hash = $1 AND ingetrokken_op IS NULL`,
      [sleutelHash(sleutel)],
    );
    return rij ? { sleutelId: rij.id, instelling: rij.instelling } : undefined;
  }

  /** Revokes a key from now on; revoking it again keeps the first moment. */
  async trekIn(id: string): Promise<ApiSleutelGegevens | undefined> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
    const [rij] = await this.db.query<ApiSleutelRij[]>(
      `WITH ingetrokken AS (
         UPDATE toegang.api_sleutel SET ingetrokken_op = coalesce(ingetrokken_op, now()) WHERE id = $1
         RETURNING id, instelling, omschrijving, aangemaakt_op, ingetrokken_op
       ) SELECT * FROM ingetrokken`,
      [id],
    );
    return rij ? gegevens(rij) : undefined;
  }

  async lijst(instelling?: string): Promise<ApiSleutelGegevens[]> {
    const rijen = await this.db.query<ApiSleutelRij[]>(
      `SELECT id, instelling, omschrijving, aangemaakt_op, ingetrokken_op FROM toegang.api_sleutel
       WHERE $1::text IS NULL OR instelling = $1 ORDER BY instelling, id`,
      [instelling ?? null],
    );
    return rijen.map(gegevens);
  }
}

function gegevens(rij: ApiSleutelRij): ApiSleutelGegevens {
  return { id: rij.id, instelling: rij.instelling, omschrijving: rij.omschrijving, aangemaaktOp: rij.aangemaakt_op, ingetrokkenOp: rij.ingetrokken_op };
}
