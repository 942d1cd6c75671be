import { leegDossier, type Studentdossier } from '@bron/cascade';
import type { BasissetBerekend } from '@bron/contracts';
import type { EntityManager } from 'typeorm';
import type { VorigeBasissets } from './basisset-publicatie';

/**
 * The dossiers and last basissets of the students a run of messages is about: read at once (the
 * dossiers locked), changed in memory, written at once.
 */
export class Studenten {
  private readonly gewijzigd = new Set<string>();

  private constructor(
    private readonly dossiers: Map<string, Studentdossier>,
    private readonly vorige: Map<string, VorigeBasissets>,
  ) {}

  static async laad(manager: EntityManager, persoonsnummers: string[]): Promise<Studenten> {
    // Every student gets a row first, so that two runs about a new student lock the same row.
    await manager.query(
      `INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) SELECT p, d FROM unnest($1::text[], $2::jsonb[]) AS x(p, d) ON CONFLICT DO NOTHING`,
      [persoonsnummers, persoonsnummers.map((p) => JSON.stringify(leegDossier(p)))],
    );
    const rijen: { persoonsnummer: string; dossier: Studentdossier }[] = await manager.query(
      `SELECT persoonsnummer, dossier FROM bekostiging.studentdossier WHERE persoonsnummer = ANY($1) ORDER BY persoonsnummer FOR UPDATE`, [persoonsnummers]);
    const sets: { persoonsnummer: string; instelling: string; inschrijving_id: string; versie: string; basisset: BasissetBerekend }[] = await manager.query(
      `SELECT persoonsnummer, instelling, inschrijving_id, versie, basisset FROM bekostiging.basisset WHERE persoonsnummer = ANY($1)`, [persoonsnummers]);
    const basissets = new Map<string, VorigeBasissets>();
    for (const r of sets) {
      const perStudent = basissets.get(r.persoonsnummer) ?? new Map();
      perStudent.set(`${r.instelling}:${r.inschrijving_id}`, { versie: Number(r.versie), basisset: r.basisset });
      basissets.set(r.persoonsnummer, perStudent);
    }
    return new Studenten(new Map(rijen.map((r) => [r.persoonsnummer, r.dossier])), basissets);
  }

  dossier(persoonsnummer: string): Studentdossier {
    const dossier = this.dossiers.get(persoonsnummer);
    if (!dossier) throw new Error(`dossier ${persoonsnummer} is niet geladen`);
    return dossier;
  }

  basissets(persoonsnummer: string): VorigeBasissets {
    let perStudent = this.vorige.get(persoonsnummer);
    if (!perStudent) this.vorige.set(persoonsnummer, (perStudent = new Map()));
    return perStudent;
  }

  zetDossier(dossier: Studentdossier): void {
    this.dossiers.set(dossier.persoonsnummer, dossier);
    this.gewijzigd.add(dossier.persoonsnummer);
  }

  /** Marks a student whose basissets changed (the dossier may be the same). */
  raak(persoonsnummer: string): void {
    this.gewijzigd.add(persoonsnummer);
  }

  async schrijf(manager: EntityManager): Promise<void> {
    const studenten = [...this.gewijzigd];
    if (studenten.length === 0) return;
    await manager.query(
      `UPDATE bekostiging.studentdossier AS s SET dossier = x.d, bijgewerkt_op = now() FROM unnest($1::text[], $2::jsonb[]) AS x(p, d) WHERE s.persoonsnummer = x.p`,
      [studenten, studenten.map((p) => JSON.stringify(this.dossiers.get(p)))],
    );
    const rijen = studenten.flatMap((p) => [...(this.vorige.get(p) ?? new Map()).values()].map((v) => ({ p, v })));
    if (rijen.length > 0) {
      await manager.query(
        `INSERT INTO bekostiging.basisset (persoonsnummer, instelling, inschrijving_id, versie, basisset)
         SELECT p, i, n, v, b FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[]) AS x(p, i, n, v, b)
         ON CONFLICT (persoonsnummer, instelling, inschrijving_id) DO UPDATE SET versie = EXCLUDED.versie, basisset = EXCLUDED.basisset, berekend_op = now()
         WHERE bekostiging.basisset.versie < EXCLUDED.versie`,
        [rijen.map((r) => r.p), rijen.map((r) => r.v.basisset.instelling), rijen.map((r) => r.v.basisset.inschrijvingId), rijen.map((r) => r.v.versie), rijen.map((r) => JSON.stringify(r.v.basisset))],
      );
    }
    this.gewijzigd.clear();
  }
}
