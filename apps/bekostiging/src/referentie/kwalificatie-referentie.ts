import { metPrijsfactorWijziging, type Kwalificatietabel, type Prijsfactorwijziging } from '@bron/cascade';
import type { EntityManager } from 'typeorm';

/** A prijsfactor change as received, with the regelgeving it came from. */
export type OntvangenPrijsfactorwijziging = Prijsfactorwijziging & { readonly bron: string };

interface PrijsfactorRij {
  crebo: string;
  /** YYYY-MM-DD (to_char of the date column). */
  vanaf: string;
  /** double precision; read as a number, written as given. */
  prijsfactor: number | string;
  bron: string;
}

const toDomain = (r: Omit<PrijsfactorRij, 'bron'>): Prijsfactorwijziging => ({ crebo: r.crebo, vanaf: r.vanaf, prijsfactor: Number(r.prijsfactor) });
const toPersistence = (w: OntvangenPrijsfactorwijziging): PrijsfactorRij => ({ crebo: w.crebo, vanaf: w.vanaf, prijsfactor: w.prijsfactor, bron: w.bron });

/**
 * The kwalificaties as the cascade must see them: the shipped table plus every prijsfactor change
 * received so far, read in the caller's transaction so that a change and the recomputes it causes
 * see the same table.
 */
export class KwalificatieReferentie {
  constructor(private readonly basis: () => Kwalificatietabel) {}

  async actueel(manager: EntityManager): Promise<Kwalificatietabel> {
    const rijen: Omit<PrijsfactorRij, 'bron'>[] = await manager.query(
      `SELECT crebo, to_char(vanaf, 'YYYY-MM-DD') AS vanaf, prijsfactor FROM bekostiging.prijsfactor_wijziging ORDER BY crebo, vanaf`,
    );
    return rijen.map(toDomain).reduce(metPrijsfactorWijziging, this.basis());
  }

  /** Stores a change; false when the crebo is unknown (the message is then unprocessable). */
  async bewaar(manager: EntityManager, wijziging: OntvangenPrijsfactorwijziging): Promise<boolean> {
    if (!this.basis().kwalificatie(wijziging.crebo)) return false;
    const r = toPersistence(wijziging);
    await manager.query(
      `INSERT INTO bekostiging.prijsfactor_wijziging (crebo, vanaf, prijsfactor, bron) VALUES ($1, $2, $3, $4)
       ON CONFLICT (crebo, vanaf) DO UPDATE SET prijsfactor = EXCLUDED.prijsfactor, bron = EXCLUDED.bron, ontvangen_op = now()`,
      [r.crebo, r.vanaf, r.prijsfactor, r.bron],
    );
    return true;
  }
}
