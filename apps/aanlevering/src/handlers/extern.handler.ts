import { EventTypes, Topics, type PersoonGewijzigd, type VooropleidingGeregistreerd } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, type BerichtHandler, type OntvangenBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';

/** Keeps what the BRP and VO schools said about persons, for the signalen of the intake. */
export class ExternHandler implements BerichtHandler {
  readonly topics = [Topics.persoon, Topics.vooropleiding];

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    switch (bericht.metadata.eventType) {
      case EventTypes.PersoonGewijzigd: {
        const p = bericht.value as PersoonGewijzigd;
        const gegevens = { geboortedatum: p.geboortedatum, nationaliteit: p.nationaliteit, verblijfsstatus: p.verblijfsstatus };
        // The newest BRP message wins, whatever the order of arrival.
        await manager.query(
          `INSERT INTO aanlevering.persoon AS p (persoonsnummer, gegevens, bijgewerkt) VALUES ($1, $2, $3)
           ON CONFLICT (persoonsnummer) DO UPDATE SET gegevens = EXCLUDED.gegevens, bijgewerkt = EXCLUDED.bijgewerkt WHERE p.bijgewerkt < EXCLUDED.bijgewerkt`,
          [p.persoonsnummer, JSON.stringify(gegevens), bericht.metadata.eventTime],
        );
        return;
      }
      case EventTypes.VooropleidingGeregistreerd: {
        const v = bericht.value as VooropleidingGeregistreerd;
        await manager.query(`INSERT INTO aanlevering.vooropleiding (persoonsnummer, soort, diploma, datum) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [v.persoonsnummer, v.soort, v.diploma, v.datum]);
        return;
      }
      default:
        throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
    }
  }
}
