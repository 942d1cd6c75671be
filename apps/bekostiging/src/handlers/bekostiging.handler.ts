import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { beoordeelExternFeit } from '@bron/aanlevering-domein';
import { bekostigingDecider, type BekostigingCommando, type Bekostigingsstand, type DossierFeit, type Kwalificatietabel } from '@bron/cascade';
import { EventTypes, type PrijsfactorGewijzigd } from '@bron/contracts';
import { oorzaakVanOrigin, vouw } from '@bron/domein';
import { BerichtContext, OnverwerkbaarBerichtFout, Outbox, SERVICE_CONFIG, type ServiceConfig, type UitgaandBericht } from '@bron/infra';
import { basissetBerichten } from '../herberekening/basisset-berichten';
import { basissetwijzigingBerichten } from '../herberekening/basissets-gewijzigd';
import { STUDENTBERICHTEN, isGeweigerdExternFeit, leesStudentbericht, type Studentbericht } from '../herberekening/dossier-feiten';
import { herberekeningGevraagd } from '../herberekening/herberekening-gevraagd';
import { Studenten } from '../herberekening/studenten.repository';
import { KwalificatieReferentie } from '../referentie/kwalificatie-referentie';

/**
 * Keeps each student's history across instellingen and recomputes whenever anything in it
 * changes: a fact of the student (any instelling, BRP, VO), a prijsfactor of one of the student's
 * crebo's, or a corrected rule set (through a recompute request per student).
 */
@Controller()
export class BekostigingHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly studenten: Studenten,
    private readonly referentie: KwalificatieReferentie,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * A run of facts and recompute requests: its students are read at once, each message is decided
   * in memory one after the other, and the run is written once. A prijsfactor change ends the run
   * (it has its own method), so what came before it is written before it reads the dossiers.
   */
  @EventPattern([...STUDENTBERICHTEN], { reeks: true })
  async opStudentberichten(@Payload() berichten: Studentbericht[], @Ctx() context: BerichtContext): Promise<void> {
    const { manager } = context;
    const gelezen = berichten.filter((bericht) => !isGeweigerdExternFeit(bericht)).map((bericht) => ({ bericht, ...leesStudentbericht(bericht) }));
    const standen = await this.studenten.laad(manager, [...new Set(gelezen.map((g) => g.persoonsnummer))]);
    const tabel = await this.referentie.actueel(manager);
    const gewijzigd = new Map<string, Bekostigingsstand>();
    const uit: UitgaandBericht[] = [];
    for (const { bericht, persoonsnummer, feit } of gelezen) {
      const decider = bekostigingDecider(persoonsnummer);
      const stand = gewijzigd.get(persoonsnummer) ?? standen.get(persoonsnummer) ?? decider.initialState;
      const events = decider.decide(commando(bericht, feit, this.config.peildatum(), tabel), stand);
      if (events.length === 0) continue;
      gewijzigd.set(persoonsnummer, vouw(decider, events, stand));
      uit.push(...basissetBerichten(events, bericht), ...basissetwijzigingBerichten(events, bericht));
    }
    await this.studenten.bewaar(manager, [...gewijzigd.values()]);
    await this.outbox.add(manager, uit);
  }

  /** Stores the change and asks a recompute for every student with an inschrijving in that crebo. */
  @EventPattern(EventTypes.PrijsfactorGewijzigd)
  async opPrijsfactorGewijzigd(@Payload() wijziging: PrijsfactorGewijzigd, @Ctx() context: BerichtContext): Promise<void> {
    const { manager } = context;
    // A change the intake refuses (its answer says why) is skipped, not dead-lettered.
    if (!beoordeelExternFeit({ type: 'PrijsfactorGewijzigd', ...wijziging }, await this.referentie.actueel(manager)).aanvaard) return;
    if (!(await this.referentie.bewaar(manager, wijziging))) throw new OnverwerkbaarBerichtFout(`prijsfactorwijziging voor onbekende crebo ${wijziging.crebo}`);
    const studenten = await this.studenten.metInschrijvingIn(manager, wijziging.crebo);
    const reden = `prijsfactor ${wijziging.crebo} vanaf ${wijziging.vanaf}: ${wijziging.prijsfactor}`;
    await this.outbox.add(manager, studenten.map((p) => herberekeningGevraagd(p, reden, context.bericht)));
  }
}

/** A fact is folded into the dossier; a recompute request recomputes. The cause is the message's origin. */
function commando(bericht: Studentbericht, feit: DossierFeit | null, peildatum: string, tabel: Kwalificatietabel): BekostigingCommando {
  const grond = { peildatum, tabel, oorzaak: oorzaakVanOrigin(bericht.metadata.origin), aanleiding: bericht.metadata.eventId };
  return feit === null ? { type: 'Herbereken', ...grond } : { type: 'VerwerkFeit', feit, ...grond };
}
