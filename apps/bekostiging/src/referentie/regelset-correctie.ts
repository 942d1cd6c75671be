import { createHash } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { REGELSETS } from '@bron/cascade';
import { JsonLogger, Outbox, ServiceRuntime } from '@bron/infra';
import type { DataSource, EntityManager } from 'typeorm';
import { herberekeningGevraagd } from '../herberekening/herberekening-gevraagd';
import { Studenten } from '../herberekening/studenten.repository';

/** Identifies the rule sets this build computes with: any change of a value or source changes it. */
export const REGELSET_VINGERAFDRUK = createHash('sha256').update(JSON.stringify(REGELSETS)).digest('hex').slice(0, 16);

const PER_KEER = 1000;

/** The fingerprint of the rule sets the stored basissets were computed with (one row). */
@Injectable()
export class RegelsetVersies {
  /** Locks the row for the rest of the transaction and reads it; undefined on a first start. */
  async vergrendelEnLees(manager: EntityManager): Promise<string | undefined> {
    await manager.query(`LOCK TABLE bekostiging.regelset_versie IN EXCLUSIVE MODE`);
    const [rij]: { vingerafdruk: string }[] = await manager.query(`SELECT vingerafdruk FROM bekostiging.regelset_versie WHERE id = 1`);
    return rij?.vingerafdruk;
  }

  async zet(manager: EntityManager, vingerafdruk: string): Promise<void> {
    await manager.query(
      `INSERT INTO bekostiging.regelset_versie (id, vingerafdruk) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET vingerafdruk = EXCLUDED.vingerafdruk, sinds = now()`,
      [vingerafdruk],
    );
  }
}

/**
 * A corrected rule set (a new build with other rule data) must reach every student: at start-up,
 * when the stored fingerprint differs, every dossier gets a recompute request with cause
 * `regelset:<fingerprint>`, in the same transaction that records the new fingerprint.
 */
export async function herberekenBijNieuweRegelset(
  dataSource: DataSource,
  outbox: Outbox,
  logger: JsonLogger,
  versies = new RegelsetVersies(),
  studenten = new Studenten(),
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const opgeslagen = await versies.vergrendelEnLees(manager);
    if (opgeslagen === REGELSET_VINGERAFDRUK) return 0;
    let aantal = 0;
    for (let na = ''; ; ) {
      const persoonsnummers = await studenten.persoonsnummersNa(manager, na, PER_KEER);
      if (persoonsnummers.length === 0) break;
      await outbox.add(manager, persoonsnummers.map((p) => herberekeningGevraagd(p, `regelset ${REGELSET_VINGERAFDRUK}`, { soort: 'REGELSET', bron: REGELSET_VINGERAFDRUK })));
      aantal += persoonsnummers.length;
      na = persoonsnummers[persoonsnummers.length - 1];
    }
    await versies.zet(manager, REGELSET_VINGERAFDRUK);
    if (opgeslagen !== undefined) logger.event('info', 'nieuwe regelset: alle studenten worden herberekend', { van: opgeslagen, naar: REGELSET_VINGERAFDRUK, studenten: aantal });
    return aantal;
  });
}

/** Runs the rule-set correction during start-up, before the transport starts consuming (`startService`). */
@Injectable()
export class RegelsetCorrectieBijStart implements OnApplicationBootstrap {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly outbox: Outbox,
    private readonly logger: JsonLogger,
    private readonly versies: RegelsetVersies,
    private readonly studenten: Studenten,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await herberekenBijNieuweRegelset(this.runtime.dataSource, this.outbox, this.logger, this.versies, this.studenten);
  }
}
