import { Injectable } from '@nestjs/common';
import type { AanmeldingStaat, DiplomaStaat, InschrijvingStaat, NieuweStaat } from '@bron/aanlevering-domein';
import type { EntityManager } from 'typeorm';

/** A row of aanlevering.inschrijving, .diploma or .aanmelding: the accepted state as jsonb, with its keys beside it. */
interface StaatRij<S> {
  id: string;
  persoonsnummer: string;
  /** Absent in aanlevering.aanmelding. */
  versie: number;
  staat: S;
}

const TABELLEN = {
  inschrijving: { tabel: 'aanlevering.inschrijving', id: 'inschrijving_id', versie: true },
  diploma: { tabel: 'aanlevering.diploma', id: 'diploma_id', versie: true },
  aanmelding: { tabel: 'aanlevering.aanmelding', id: 'aanmelding_id', versie: false },
} as const;

type Soort = keyof typeof TABELLEN;

const toPersistence = (nieuw: NieuweStaat): StaatRij<NieuweStaat['staat']> => {
  switch (nieuw.soort) {
    case 'inschrijving':
      return { id: nieuw.staat.inschrijvingId, persoonsnummer: nieuw.staat.persoonsnummer, versie: nieuw.staat.versie, staat: nieuw.staat };
    case 'diploma':
      return { id: nieuw.staat.diplomaId, persoonsnummer: nieuw.staat.persoonsnummer, versie: nieuw.staat.versie, staat: nieuw.staat };
    case 'aanmelding':
      return { id: nieuw.staat.aanmeldingId, persoonsnummer: nieuw.staat.persoonsnummer, versie: 0, staat: nieuw.staat };
  }
};

const toDomain = <S>(rij: Pick<StaatRij<S>, 'staat'>): S => rij.staat;

/** The accepted inschrijvingen, diploma's and aanmeldingen the intake keeps, one row each. */
@Injectable()
export class StaatRepository {
  /**
   * The states of these ids at the instelling, locked until the transaction ends: the run decides
   * on them and writes them.
   */
  async vergrendel(manager: EntityManager, instelling: string, ids: readonly string[]): Promise<{ inschrijvingen: InschrijvingStaat[]; diplomas: DiplomaStaat[]; aanmeldingen: AanmeldingStaat[] }> {
    const lees = async <S>(soort: Soort): Promise<S[]> => {
      const { tabel, id } = TABELLEN[soort];
      const rijen: Pick<StaatRij<S>, 'staat'>[] = await manager.query(`SELECT ${id} AS id, staat FROM ${tabel} WHERE instelling = $1 AND ${id} = ANY($2) FOR UPDATE`, [instelling, ids]);
      return rijen.map(toDomain);
    };
    return { inschrijvingen: await lees<InschrijvingStaat>('inschrijving'), diplomas: await lees<DiplomaStaat>('diploma'), aanmeldingen: await lees<AanmeldingStaat>('aanmelding') };
  }

  /** Every inschrijving the instelling has of these students. */
  async inschrijvingenVan(manager: EntityManager, instelling: string, personen: readonly string[]): Promise<InschrijvingStaat[]> {
    const rijen: Pick<StaatRij<InschrijvingStaat>, 'staat'>[] = await manager.query(`SELECT staat FROM aanlevering.inschrijving WHERE instelling = $1 AND persoonsnummer = ANY($2)`, [instelling, personen]);
    return rijen.map(toDomain);
  }

  /** Every diploma of these students, at any instelling. */
  async diplomasVan(manager: EntityManager, personen: readonly string[]): Promise<DiplomaStaat[]> {
    const rijen: Pick<StaatRij<DiplomaStaat>, 'staat'>[] = await manager.query(`SELECT staat FROM aanlevering.diploma WHERE persoonsnummer = ANY($1)`, [personen]);
    return rijen.map(toDomain);
  }

  /** Stores the accepted states of a run: per inschrijving, diploma or aanmelding only the last one. */
  async bewaar(manager: EntityManager, instelling: string, staten: readonly NieuweStaat[]): Promise<void> {
    for (const soort of Object.keys(TABELLEN) as Soort[]) {
      const { tabel, id, versie } = TABELLEN[soort];
      const laatste = new Map(staten.filter((s) => s.soort === soort).map(toPersistence).map((r) => [r.id, r]));
      if (laatste.size === 0) continue;
      const rijen = [...laatste.values()];
      await manager.query(
        `INSERT INTO ${tabel} (instelling, ${id}, persoonsnummer, ${versie ? 'versie, ' : ''}staat)
         SELECT $1, i, p, ${versie ? 'v, ' : ''}s FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[]) AS x(i, p, v, s)
         ON CONFLICT (instelling, ${id}) DO UPDATE SET persoonsnummer = EXCLUDED.persoonsnummer, ${versie ? 'versie = EXCLUDED.versie, ' : ''}staat = EXCLUDED.staat`,
        [instelling, rijen.map((r) => r.id), rijen.map((r) => r.persoonsnummer), rijen.map((r) => r.versie), rijen.map((r) => JSON.stringify(r.staat))],
      );
    }
  }
}
