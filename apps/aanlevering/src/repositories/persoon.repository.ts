import { Injectable } from '@nestjs/common';
import type { PersoonGegevens } from '@bron/aanlevering-domein';
import type { EntityManager } from 'typeorm';

/** What the BRP said of a person, and when (the event time of its message). */
export interface Persoon {
  readonly persoonsnummer: string;
  readonly gegevens: PersoonGegevens;
  readonly bijgewerkt: string;
}

/** A row of aanlevering.persoon. */
interface PersoonRij {
  persoonsnummer: string;
  gegevens: string;
  bijgewerkt: string;
}

const toPersistence = (p: Persoon): PersoonRij => ({
  persoonsnummer: p.persoonsnummer,
  gegevens: JSON.stringify({ geboortedatum: p.gegevens.geboortedatum, nationaliteit: p.gegevens.nationaliteit, verblijfsstatus: p.gegevens.verblijfsstatus }),
  bijgewerkt: p.bijgewerkt,
});

/** The jsonb column comes back as the object that was stored. */
const toDomain = (rij: { persoonsnummer: string; gegevens: PersoonGegevens }) => ({ persoonsnummer: rij.persoonsnummer, gegevens: rij.gegevens });

/** What the BRP said about persons, for the signalen of the intake (Koppelingswet). */
@Injectable()
export class PersoonRepository {
  /** The newest BRP message wins, whatever the order of arrival. */
  async bewaar(manager: EntityManager, persoon: Persoon): Promise<void> {
    const r = toPersistence(persoon);
    await manager.query(
      `INSERT INTO aanlevering.persoon AS p (persoonsnummer, gegevens, bijgewerkt) VALUES ($1, $2, $3)
       ON CONFLICT (persoonsnummer) DO UPDATE SET gegevens = EXCLUDED.gegevens, bijgewerkt = EXCLUDED.bijgewerkt WHERE p.bijgewerkt < EXCLUDED.bijgewerkt`,
      [r.persoonsnummer, r.gegevens, r.bijgewerkt],
    );
  }

  async gegevensVan(manager: EntityManager, personen: readonly string[]): Promise<{ persoonsnummer: string; gegevens: PersoonGegevens }[]> {
    const rijen: { persoonsnummer: string; gegevens: PersoonGegevens }[] = await manager.query(
      `SELECT persoonsnummer, gegevens FROM aanlevering.persoon WHERE persoonsnummer = ANY($1)`,
      [personen],
    );
    return rijen.map(toDomain);
  }
}
