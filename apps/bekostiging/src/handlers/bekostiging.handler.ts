import { evolve, leegDossier, type Studentdossier } from '@bron/cascade';
import { EventTypes, Topics, type HerberekeningGevraagd, type PrijsfactorGewijzigd } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox } from '@bron/infra';
import type { EntityManager } from 'typeorm';
import type { BasissetPublicatie } from '../herberekening/basisset-publicatie';
import { DOSSIER_FEITEN, naarDossierFeit } from '../herberekening/dossier-feiten';
import type { KwalificatieReferentie } from '../referentie/kwalificatie-referentie';

/**
 * Keeps each student's history across instellingen and recomputes whenever anything in it
 * changes: a fact of the student (any instelling, BRP, VO), a prijsfactor of one of the student's
 * crebo's, or a corrected rule set (through a recompute request per student).
 */
export class BekostigingHandler implements BerichtHandler {
  readonly topics = [Topics.studentfeit, Topics.persoon, Topics.vooropleiding, Topics.kwalificatie, Topics.herberekening];

  constructor(
    private readonly outbox: Outbox,
    private readonly referentie: KwalificatieReferentie,
    private readonly publicatie: BasissetPublicatie,
  ) {}

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    const type = bericht.metadata.eventType;
    if (DOSSIER_FEITEN.includes(type)) return this.verwerkFeit(bericht, manager);
    if (type === EventTypes.PrijsfactorGewijzigd) return this.verwerkPrijsfactor(bericht as OntvangenBericht<PrijsfactorGewijzigd>, manager);
    if (type === EventTypes.HerberekeningGevraagd) {
      const dossier = await this.dossier(manager, (bericht.value as HerberekeningGevraagd).persoonsnummer);
      if (dossier) await this.publicatie.herbereken(manager, dossier, await this.referentie.actueel(manager), bericht);
      return;
    }
    throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${type} op ${bericht.topic}`);
  }

  private async verwerkFeit(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    const { persoonsnummer, feit } = naarDossierFeit(bericht);
    await manager.query(`INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [persoonsnummer, JSON.stringify(leegDossier(persoonsnummer))]);
    const oud = (await this.dossier(manager, persoonsnummer))!;
    const nieuw = evolve(oud, feit);
    if (JSON.stringify(nieuw) === JSON.stringify(oud)) return;
    await manager.query(`UPDATE bekostiging.studentdossier SET dossier = $2, bijgewerkt_op = now() WHERE persoonsnummer = $1`, [persoonsnummer, JSON.stringify(nieuw)]);
    await this.publicatie.herbereken(manager, nieuw, await this.referentie.actueel(manager), bericht);
  }

  /** Stores the change and asks a recompute for every student with an inschrijving in that crebo. */
  private async verwerkPrijsfactor(bericht: OntvangenBericht<PrijsfactorGewijzigd>, manager: EntityManager): Promise<void> {
    const wijziging = bericht.value;
    if (!(await this.referentie.bewaar(manager, wijziging))) throw new OnverwerkbaarBerichtFout(`prijsfactorwijziging voor onbekende crebo ${wijziging.crebo}`);
    const studenten: { persoonsnummer: string }[] = await manager.query(
      `SELECT persoonsnummer FROM bekostiging.studentdossier WHERE jsonb_path_exists(dossier, '$.inschrijvingen.* ? (@.crebo == $crebo)', jsonb_build_object('crebo', $1::text))`,
      [wijziging.crebo],
    );
    await this.outbox.add(manager, studenten.map(({ persoonsnummer }) => nieuwBericht({
      topic: Topics.herberekening, key: persoonsnummer, type: EventTypes.HerberekeningGevraagd,
      value: { persoonsnummer, reden: `prijsfactor ${wijziging.crebo} vanaf ${wijziging.vanaf}: ${wijziging.prijsfactor}` },
    }, bericht)));
  }

  private async dossier(manager: EntityManager, persoonsnummer: string): Promise<Studentdossier | undefined> {
    const [rij] = await manager.query(`SELECT dossier FROM bekostiging.studentdossier WHERE persoonsnummer = $1 FOR UPDATE`, [persoonsnummer]);
    return rij?.dossier;
  }
}
