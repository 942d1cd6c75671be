import type { Studentdossier } from '@bron/cascade';
import type { DataSource } from 'typeorm';

/** Reads a student's dossier for a query (no lock: a query waits for no run of facts). */
export class DossierLezer {
  constructor(private readonly db: Pick<DataSource, 'query'>) {}

  /** The dossier, or null for a person the service knows nothing of. */
  async dossierVan(persoonsnummer: string): Promise<Studentdossier | null> {
    const [rij] = await this.db.query<{ dossier: Studentdossier }[]>(`SELECT dossier FROM bekostiging.studentdossier WHERE persoonsnummer = $1`, [persoonsnummer]);
    return rij?.dossier ?? null;
  }
}
