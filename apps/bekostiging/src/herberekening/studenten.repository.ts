import { Injectable } from '@nestjs/common';
import { basissetMapper } from '@bron/adapters';
import { leegDossier, type Bekostigingsstand, type Studentdossier } from '@bron/cascade';
import type { BasissetBerekend } from '@bron/contracts';
import type { EntityManager } from 'typeorm';

interface DossierRij {
  persoonsnummer: string;
  dossier: Studentdossier;
}

/** The last basisset of one inschrijving, as it was published (so that rows of earlier builds read the same). */
interface BasissetRij {
  persoonsnummer: string;
  instelling: string;
  inschrijving_id: string;
  /** bigint: pg returns it as text. */
  versie: string | number;
  basisset: BasissetBerekend;
}

/**
 * A dossier as stored. One of a build from before the dossier kept the id of a BPV has none: it
 * reads as empty until the instelling's next change of that inschrijving brings it.
 */
export function dossierVanRij(dossier: Studentdossier): Studentdossier {
  const zonderId = Object.values(dossier.inschrijvingen).some((i) => i.bpv.some((b) => b.bpvId === undefined));
  if (!zonderId) return dossier;
  const inschrijvingen = Object.fromEntries(Object.entries(dossier.inschrijvingen).map(([sleutel, i]) => [sleutel, { ...i, bpv: i.bpv.map((b) => ({ ...b, bpvId: b.bpvId ?? '' })) }]));
  return { ...dossier, inschrijvingen };
}

function toDomain(dossier: DossierRij, basissets: readonly BasissetRij[]): Bekostigingsstand {
  return {
    dossier: dossierVanRij(dossier.dossier),
    basissets: Object.fromEntries(basissets.map((r) => [`${r.instelling}:${r.inschrijving_id}`, { ...basissetMapper.naarDomein(r.basisset), versie: Number(r.versie) }])),
  };
}

function toPersistence(stand: Bekostigingsstand): { dossier: DossierRij; basissets: BasissetRij[] } {
  const { persoonsnummer } = stand.dossier;
  return {
    dossier: { persoonsnummer, dossier: stand.dossier },
    basissets: Object.values(stand.basissets).map((v) => ({
      persoonsnummer, instelling: v.basisset.instelling, inschrijving_id: v.basisset.inschrijvingId, versie: v.versie, basisset: basissetMapper.naarContract(v),
    })),
  };
}

/**
 * The students the bekostiging service keeps: each one's dossier and the last basisset of each of
 * its inschrijvingen. A run of messages reads its students at once (the dossiers locked) and
 * writes them at once.
 */
@Injectable()
export class Studenten {
  async laad(manager: EntityManager, persoonsnummers: readonly string[]): Promise<Map<string, Bekostigingsstand>> {
    // Every student gets a row first, so that two runs about a new student lock the same row.
    await manager.query(
      `INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) SELECT p, d FROM unnest($1::text[], $2::jsonb[]) AS x(p, d) ON CONFLICT DO NOTHING`,
      [persoonsnummers, persoonsnummers.map((p) => JSON.stringify(leegDossier(p)))],
    );
    const dossiers: DossierRij[] = await manager.query(
      `SELECT persoonsnummer, dossier FROM bekostiging.studentdossier WHERE persoonsnummer = ANY($1) ORDER BY persoonsnummer FOR UPDATE`, [persoonsnummers]);
    const basissets: BasissetRij[] = await manager.query(
      `SELECT persoonsnummer, instelling, inschrijving_id, versie, basisset FROM bekostiging.basisset WHERE persoonsnummer = ANY($1)`, [persoonsnummers]);
    const perStudent = new Map<string, BasissetRij[]>();
    for (const r of basissets) {
      const vanStudent = perStudent.get(r.persoonsnummer) ?? [];
      vanStudent.push(r);
      perStudent.set(r.persoonsnummer, vanStudent);
    }
    return new Map(dossiers.map((d) => [d.persoonsnummer, toDomain(d, perStudent.get(d.persoonsnummer) ?? [])]));
  }

  /** Writes the dossiers of these students and every basisset of theirs that has a newer versie than the stored one. */
  async bewaar(manager: EntityManager, standen: readonly Bekostigingsstand[]): Promise<void> {
    if (standen.length === 0) return;
    const rijen = standen.map(toPersistence);
    await manager.query(
      `UPDATE bekostiging.studentdossier AS s SET dossier = x.d, bijgewerkt_op = now() FROM unnest($1::text[], $2::jsonb[]) AS x(p, d) WHERE s.persoonsnummer = x.p`,
      [rijen.map((r) => r.dossier.persoonsnummer), rijen.map((r) => JSON.stringify(r.dossier.dossier))],
    );
    const basissets = rijen.flatMap((r) => r.basissets);
    if (basissets.length === 0) return;
    await manager.query(
      `INSERT INTO bekostiging.basisset (persoonsnummer, instelling, inschrijving_id, versie, basisset)
       SELECT p, i, n, v, b FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[]) AS x(p, i, n, v, b)
       ON CONFLICT (persoonsnummer, instelling, inschrijving_id) DO UPDATE SET versie = EXCLUDED.versie, basisset = EXCLUDED.basisset, berekend_op = now()
       WHERE bekostiging.basisset.versie < EXCLUDED.versie`,
      [basissets.map((r) => r.persoonsnummer), basissets.map((r) => r.instelling), basissets.map((r) => r.inschrijving_id), basissets.map((r) => r.versie), basissets.map((r) => JSON.stringify(r.basisset))],
    );
  }

  /** The students with an inschrijving in this crebo (at any instelling, removed ones included). */
  async metInschrijvingIn(manager: EntityManager, crebo: string): Promise<string[]> {
    const rijen: { persoonsnummer: string }[] = await manager.query(
      `SELECT persoonsnummer FROM bekostiging.studentdossier WHERE jsonb_path_exists(dossier, '$.inschrijvingen.* ? (@.crebo == $crebo)', jsonb_build_object('crebo', $1::text))`,
      [crebo],
    );
    return rijen.map((r) => r.persoonsnummer);
  }

  /** At most `aantal` students after `na`, in order: every student, page by page. */
  async persoonsnummersNa(manager: EntityManager, na: string, aantal: number): Promise<string[]> {
    const rijen: { persoonsnummer: string }[] = await manager.query(
      `SELECT persoonsnummer FROM bekostiging.studentdossier WHERE persoonsnummer > $1 ORDER BY persoonsnummer LIMIT $2`,
      [na, aantal],
    );
    return rijen.map((r) => r.persoonsnummer);
  }
}
