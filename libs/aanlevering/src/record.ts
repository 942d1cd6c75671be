/** The accepted state of an inschrijving, as the intake keeps it and publishes it (InschrijvingBijgewerkt). */
export interface InschrijvingStaat {
  persoonsnummer: string;
  instelling: string;
  inschrijvingId: string;
  versie: number;
  verwijderd: boolean;
  crebo: string;
  leerweg: string;
  intensiteit: string;
  begin: string;
  einde: string | null;
  redenUitschrijving: string | null;
  bpv: BpvStaat[];
}

export interface BpvStaat {
  bpvId: string;
  afgesloten: string;
  begin: string;
  einde: string | null;
  omvangUren: number | null;
  leerbedrijf: string | null;
}

export interface DiplomaStaat {
  persoonsnummer: string;
  instelling: string;
  diplomaId: string;
  versie: number;
  verwijderd: boolean;
  crebo: string;
  datum: string;
}

/** An instelling's registration that a person applied for a crebo (before any inschrijving). */
export interface AanmeldingStaat {
  persoonsnummer: string;
  instelling: string;
  aanmeldingId: string;
  crebo: string;
  datum: string;
  verwijderd: boolean;
}

/** What the BRP and VO schools told DUO about a person (external feeds), as far as the intake needs it. */
export interface PersoonGegevens {
  geboortedatum: string | null;
  nationaliteit: string | null;
  verblijfsstatus: { vanaf: string; tot: string | null; rechtmatig: boolean }[];
}

/** Column names of an aanleverrecord (CSV header, JSON Lines keys, Avro map keys): docs/aanlevering.md. */
export const KOLOMMEN = [
  'soort', 'mutatie', 'instelling', 'persoonsnummer', 'inschrijving_id', 'crebo', 'leerweg', 'intensiteit',
  'begindatum', 'einddatum', 'reden_uitschrijving', 'bpv_id', 'bpv_afgesloten', 'bpv_begin', 'bpv_einde',
  'bpv_omvang', 'leerbedrijf', 'diploma_datum',
] as const;

export type Kolom = (typeof KOLOMMEN)[number];
export type RuwRecord = Partial<Record<Kolom, string>>;

export const RECORDSOORTEN = ['INSCHRIJVING', 'UITSCHRIJVING', 'BPV', 'DIPLOMA', 'AANMELDING'] as const;
export const MUTATIES = { T: 'toevoeging', W: 'wijziging', V: 'verwijdering' } as const;
export const LEERWEGEN = ['BOL', 'BBL'] as const;
export const INTENSITEITEN = ['VT', 'DT', 'EX'] as const;
