import { evolve, type DossierFeit } from '@bron/cascade';
import { EventTypes, Topics, type HerberekeningGevraagd, type PrijsfactorGewijzigd } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';
import type { BasissetPublicatie } from '../herberekening/basisset-publicatie';
import { DOSSIER_FEITEN, naarDossierFeit } from '../herberekening/dossier-feiten';
import { Studenten } from '../herberekening/studenten.repository';
import type { KwalificatieReferentie } from '../referentie/kwalificatie-referentie';

/**
 * Keeps each student's history across instellingen and recomputes whenever anything in it
 * changes: a fact of the student (any instelling, BRP, VO), a prijsfactor of one of the student's
 * crebo's, or a corrected rule set (through a recompute request per student). A run of messages
 * is recomputed in memory, one message after the other, and written once.
 */
export class BekostigingHandler implements BerichtHandler {
  readonly topics = [Topics.studentfeit, Topics.persoon, Topics.vooropleiding, Topics.kwalificatie, Topics.herberekening];

  constructor(
    private readonly outbox: Outbox,
    private readonly referentie: KwalificatieReferentie,
    private readonly publicatie: BasissetPublicatie,
  ) {}

  handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    return this.handleReeks([bericht], manager);
  }

  async handleReeks(berichten: OntvangenBericht[], manager: EntityManager): Promise<void> {
    let studentberichten: OntvangenBericht[] = [];
    for (const bericht of berichten) {
      if (bericht.metadata.eventType !== EventTypes.PrijsfactorGewijzigd) {
        studentberichten.push(bericht);
        continue;
      }
      // A prijsfactor change reads the stored dossiers: what came before it is written first.
      await this.verwerkStudentberichten(studentberichten, manager);
      studentberichten = [];
      await this.verwerkPrijsfactor(bericht as OntvangenBericht<PrijsfactorGewijzigd>, manager);
    }
    await this.verwerkStudentberichten(studentberichten, manager);
  }

  private async verwerkStudentberichten(berichten: OntvangenBericht[], manager: EntityManager): Promise<void> {
    if (berichten.length === 0) return;
    const werk = berichten.map((bericht) => ({ bericht, ...this.lees(bericht) }));
    const studenten = await Studenten.laad(manager, [...new Set(werk.map((w) => w.persoonsnummer))]);
    const tabel = await this.referentie.actueel(manager);
    const uit: UitgaandBericht[] = [];
    for (const { bericht, persoonsnummer, feit } of werk) {
      let dossier = studenten.dossier(persoonsnummer);
      if (feit) {
        const nieuw = evolve(dossier, feit);
        if (JSON.stringify(nieuw) === JSON.stringify(dossier)) continue;
        studenten.zetDossier((dossier = nieuw));
      }
      const berichtenVoorStudent = this.publicatie.herbereken(dossier, tabel, studenten.basissets(persoonsnummer), bericht);
      if (berichtenVoorStudent.length > 0) studenten.raak(persoonsnummer);
      uit.push(...berichtenVoorStudent);
    }
    await studenten.schrijf(manager);
    await this.outbox.add(manager, uit);
  }

  private lees(bericht: OntvangenBericht): { persoonsnummer: string; feit?: DossierFeit } {
    const type = bericht.metadata.eventType;
    if (DOSSIER_FEITEN.includes(type)) return naarDossierFeit(bericht);
    if (type === EventTypes.HerberekeningGevraagd) return { persoonsnummer: (bericht.value as HerberekeningGevraagd).persoonsnummer };
    throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${type} op ${bericht.topic}`);
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
}
