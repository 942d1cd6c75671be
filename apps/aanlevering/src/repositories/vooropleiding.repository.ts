import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A vooropleiding a VO school registered for a person. */
export interface Vooropleiding {
  readonly persoonsnummer: string;
  /** Code of the vooropleiding, e.g. VMBO_TL, HAVO. */
  readonly soort: string;
  /** A behaald diploma, or else an overgangsbewijs. */
  readonly diploma: boolean;
  readonly datum: string;
}

/** A row of aanlevering.vooropleiding. */
interface VooropleidingRij {
  persoonsnummer: string;
  soort: string;
  diploma: boolean;
  datum: string;
}

const toPersistence = (v: Vooropleiding): VooropleidingRij => ({ persoonsnummer: v.persoonsnummer, soort: v.soort, diploma: v.diploma, datum: v.datum });

const toDomain = (rij: Omit<VooropleidingRij, 'datum'>) => ({ persoonsnummer: rij.persoonsnummer, soort: rij.soort, diploma: rij.diploma });

/** The vooropleidingen VO schools registered, for the toelating to niveau 4 (S03). */
@Injectable()
export class VooropleidingRepository {
  /** A registration seen before changes nothing. */
  async bewaar(manager: EntityManager, vooropleiding: Vooropleiding): Promise<void> {
    const r = toPersistence(vooropleiding);
    await manager.query(
      `INSERT INTO aanlevering.vooropleiding (persoonsnummer, soort, diploma, datum) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [r.persoonsnummer, r.soort, r.diploma, r.datum],
    );
  }

  /** Soort and diploma of every vooropleiding of these persons (the datum plays no part in the toelating). */
  async van(manager: EntityManager, personen: readonly string[]): Promise<{ persoonsnummer: string; soort: string; diploma: boolean }[]> {
    const rijen: Omit<VooropleidingRij, 'datum'>[] = await manager.query(
      `SELECT persoonsnummer, soort, diploma FROM aanlevering.vooropleiding WHERE persoonsnummer = ANY($1)`,
      [personen],
    );
    return rijen.map(toDomain);
  }
}
