import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { geplandeMomenten, tijdstip } from '@bron/domein';
import { JsonLogger, ServiceRuntime, type ServiceGezondheid } from '@bron/infra';
import { FotoMaker } from '../fotos/foto-maker';
import { FotoVersies } from '../fotos/foto-versies.repository';
import { Fotos } from '../fotos/foto.repository';
import type { EntityManager } from 'typeorm';
import type { FotoPlanning } from './fotokalender';

export const FOTO_PLANNING = Symbol('FOTO_PLANNING');

/** One key for the planner's advisory lock: one instance plans at a time. */
const PLANNER_SLOT = 0x0f070001;

/** How the last round went, for health. */
export interface PlannerStand {
  readonly laatsteRonde: string | null;
  readonly laatsteFout: string | null;
  readonly opeenvolgendeFouten: number;
}

/**
 * Makes the scheduled foto's by itself (D5, docs/foto.md): every interval, for every studiejaar with
 * versions, each moment of the calendar that has passed (and lies after the service first ran),
 * for every instelling with versions known at that moment, once. Once means: a moment's foto id
 * is the moment, the foto table refuses a second row, and the round runs under an advisory lock
 * so that a second instance skips while one plans. A restart finds what was made and makes the rest.
 */
@Injectable()
export class FotoPlanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private lopend?: Promise<unknown>;
  private gestopt = false;
  private stand: PlannerStand = { laatsteRonde: null, laatsteFout: null, opeenvolgendeFouten: 0 };

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly maker: FotoMaker,
    private readonly versies: FotoVersies,
    private readonly fotos: Fotos,
    private readonly logger: JsonLogger,
    @Inject(FOTO_PLANNING) private readonly planning: FotoPlanning,
  ) {}

  onApplicationBootstrap(): void {
    const volgende = () => {
      if (this.gestopt) return;
      this.timer = setTimeout(() => {
        this.lopend = this.ronde().finally(volgende);
      }, this.planning.intervalMs);
    };
    this.lopend = this.ronde().finally(volgende);
  }

  async onApplicationShutdown(): Promise<void> {
    this.gestopt = true;
    clearTimeout(this.timer);
    await this.lopend;
  }

  gezondheid(): PlannerStand {
    return this.stand;
  }

  /** Readiness `fotoplanning`: down after three failed rounds in a row (the database away, a foto that cannot be made), with the last error. */
  alsGezondheid(): ServiceGezondheid {
    return {
      naam: 'fotoplanning',
      stand: () => {
        const { laatsteRonde, laatsteFout, opeenvolgendeFouten } = this.stand;
        return { up: opeenvolgendeFouten < 3, details: { laatsteRonde, opeenvolgendeFouten, ...(laatsteFout ? { laatsteFout } : {}) } };
      },
    };
  }

  /** One round; never throws (a failure is logged, counted for health, and the next round tries again). */
  async ronde(): Promise<number> {
    try {
      const gemaakt = await this.plan();
      this.stand = { laatsteRonde: new Date().toISOString(), laatsteFout: null, opeenvolgendeFouten: 0 };
      return gemaakt;
    } catch (error) {
      if (this.gestopt) return 0;
      const bericht = (error as Error).message;
      this.stand = { ...this.stand, laatsteFout: bericht, opeenvolgendeFouten: this.stand.opeenvolgendeFouten + 1 };
      this.logger.event('error', 'fotoplanning mislukt', { error: bericht, opeenvolgendeFouten: this.stand.opeenvolgendeFouten }, FotoPlanner.name);
      return 0;
    }
  }

  private async plan(): Promise<number> {
    const runner = this.runtime.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ slot }]: { slot: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock($1) AS slot`, [PLANNER_SLOT]);
      if (!slot) return 0;
      try {
        return await this.maakWatVerstreken(runner.manager);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [PLANNER_SLOT]);
      }
    } finally {
      await runner.release();
    }
  }

  private async maakWatVerstreken(manager: EntityManager): Promise<number> {
    const stabiel = await this.maker.stabielTot();
    const [{ sinds }]: { sinds: Date }[] = await manager.query(`SELECT in_bedrijf_sinds AS sinds FROM foto.planning WHERE id = 1`);
    const studiejaren = (await this.versies.teldata(manager)).filter((t) => t.endsWith('-10-01')).map((t) => Number(t.slice(0, 4)));
    let gemaakt = 0;
    for (const studiejaar of studiejaren) {
      const momenten = geplandeMomenten(this.planning.kalender, studiejaar).filter((m) => tijdstip(m.bekendOp) > sinds.getTime() && tijdstip(m.bekendOp) <= tijdstip(stabiel));
      if (momenten.length === 0) continue;
      const klaar = await this.fotos.gemaakteMomenten(manager, momenten[0].peildatum);
      for (const m of momenten) {
        for (const instelling of await this.versies.instellingenOp(manager, m.peildatum, m.bekendOp)) {
          if (this.gestopt) return gemaakt;
          if (klaar.has(`${instelling}|${m.soort}|${m.bekendOp}`)) continue;
          const { nieuw } = await this.runtime.dataSource.transaction((t) => this.maker.maak(t, { instelling, peildatum: m.peildatum, soort: m.soort, bekendOp: m.bekendOp }, stabiel));
          if (nieuw) {
            gemaakt += 1;
            this.logger.event('info', 'geplande foto gemaakt', { instelling, soort: m.soort, peildatum: m.peildatum, bekendOp: m.bekendOp }, FotoPlanner.name);
          }
        }
      }
    }
    return gemaakt;
  }
}
