import { metPrijsfactorWijziging, type Kwalificatietabel } from '@bron/cascade';
import type { PrijsfactorGewijzigd } from '@bron/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The kwalificaties as the cascade must see them: the shipped table plus every prijsfactor change
 * received so far, read in the caller's transaction so that a change and the recomputes it causes
 * see the same table.
 */
export class KwalificatieReferentie {
  constructor(private readonly basis: () => Kwalificatietabel) {}

  async actueel(manager: EntityManager): Promise<Kwalificatietabel> {
    const wijzigingen: { crebo: string; vanaf: string; prijsfactor: number }[] = await manager.query(
      `SELECT crebo, to_char(vanaf, 'YYYY-MM-DD') AS vanaf, prijsfactor FROM bekostiging.prijsfactor_wijziging ORDER BY crebo, vanaf`,
    );
    return wijzigingen.reduce((tabel, w) => metPrijsfactorWijziging(tabel, { ...w, prijsfactor: Number(w.prijsfactor) }), this.basis());
  }

  /** Stores a change; false when the crebo is unknown (the message is then unprocessable). */
  async bewaar(manager: EntityManager, wijziging: PrijsfactorGewijzigd): Promise<boolean> {
    if (!this.basis().kwalificatie(wijziging.crebo)) return false;
    await manager.query(
      `INSERT INTO bekostiging.prijsfactor_wijziging (crebo, vanaf, prijsfactor, bron) VALUES ($1, $2, $3, $4)
       ON CONFLICT (crebo, vanaf) DO UPDATE SET prijsfactor = EXCLUDED.prijsfactor, bron = EXCLUDED.bron, ontvangen_op = now()`,
      [wijziging.crebo, wijziging.vanaf, wijziging.prijsfactor, wijziging.bron],
    );
    return true;
  }
}
