import type { IsoDatum } from '../datum';
import type { Bpv, Intensiteit, Verblijfsperiode, Vooropleiding, VooropleidingSoort } from '../model';
import type { Leerweg } from '../referentie/kwalificaties';

/**
 * Everything the bekostiging service knows of one student, across all instellingen and external
 * sources: the input of the cascade. Built by folding facts (`evolve`); the result does not depend
 * on the order in which facts arrive, because every fact carries the full state of what it
 * describes and a versie, and an older versie never replaces a newer one.
 */
export interface Studentdossier {
  readonly persoonsnummer: string;
  readonly persoon: {
    readonly geboortedatum: IsoDatum | null;
    readonly nationaliteit: string | null;
    readonly officieleVoornamen: string | null;
    readonly verblijfsstatus: readonly Verblijfsperiode[];
    /** Versie of the person data: the event time of the BRP message it came from. */
    readonly bijgewerkt: string | null;
  };
  readonly vooropleidingen: readonly Vooropleiding[];
  /** Key `<instelling>:<inschrijvingId>`. */
  readonly inschrijvingen: Readonly<Record<string, DossierInschrijving>>;
  /** Key `<instelling>:<diplomaId>`. */
  readonly diplomas: Readonly<Record<string, DossierDiploma>>;
  /** Key `<instelling>:<aanmeldingId>`: instellingen the person applied to (D7: they may see the basisset). */
  readonly aanmeldingen?: Readonly<Record<string, DossierAanmelding>>;
}

export interface DossierAanmelding {
  readonly instelling: string;
  readonly aanmeldingId: string;
  readonly crebo: string;
  readonly datum: IsoDatum;
  readonly verwijderd: boolean;
}

export interface DossierInschrijving {
  readonly instelling: string;
  readonly inschrijvingId: string;
  readonly versie: number;
  readonly verwijderd: boolean;
  readonly crebo: string;
  readonly leerweg: Leerweg;
  readonly intensiteit: Intensiteit;
  readonly begin: IsoDatum;
  readonly einde: IsoDatum | null;
  readonly bpv: readonly DossierBpv[];
}

/** A BPV of an inschrijving, with the instelling's own id of it (the cascade itself needs no id). */
export interface DossierBpv extends Bpv {
  readonly bpvId: string;
}

export interface DossierDiploma {
  readonly instelling: string;
  readonly diplomaId: string;
  readonly versie: number;
  readonly verwijderd: boolean;
  readonly crebo: string;
  readonly datum: IsoDatum;
}

/** The facts that change a dossier (decoded integration events, mapped at the edge). */
export type DossierFeit =
  | { readonly type: 'InschrijvingBijgewerkt'; readonly inschrijving: DossierInschrijving }
  | { readonly type: 'DiplomaBijgewerkt'; readonly diploma: DossierDiploma }
  | {
      readonly type: 'PersoonGewijzigd';
      readonly geboortedatum: IsoDatum | null;
      readonly nationaliteit: string | null;
      readonly officieleVoornamen: string | null;
      readonly verblijfsstatus: readonly Verblijfsperiode[];
      readonly tijdstip: string;
    }
  | { readonly type: 'VooropleidingGeregistreerd'; readonly vooropleiding: Vooropleiding }
  | { readonly type: 'AanmeldingBijgewerkt'; readonly aanmelding: DossierAanmelding };

export function leegDossier(persoonsnummer: string): Studentdossier {
  return {
    persoonsnummer,
    persoon: { geboortedatum: null, nationaliteit: null, officieleVoornamen: null, verblijfsstatus: [], bijgewerkt: null },
    vooropleidingen: [],
    inschrijvingen: {},
    diplomas: {},
    aanmeldingen: {},
  };
}

const vooropleidingSleutel = (v: Vooropleiding) => `${v.soort}|${v.diploma}|${v.datum ?? ''}`;

export function evolve(dossier: Studentdossier, feit: DossierFeit): Studentdossier {
  switch (feit.type) {
    case 'InschrijvingBijgewerkt': {
      const sleutel = `${feit.inschrijving.instelling}:${feit.inschrijving.inschrijvingId}`;
      const huidig = dossier.inschrijvingen[sleutel];
      if (huidig && huidig.versie >= feit.inschrijving.versie) return dossier;
      return { ...dossier, inschrijvingen: { ...dossier.inschrijvingen, [sleutel]: feit.inschrijving } };
    }
    case 'DiplomaBijgewerkt': {
      const sleutel = `${feit.diploma.instelling}:${feit.diploma.diplomaId}`;
      const huidig = dossier.diplomas[sleutel];
      if (huidig && huidig.versie >= feit.diploma.versie) return dossier;
      return { ...dossier, diplomas: { ...dossier.diplomas, [sleutel]: feit.diploma } };
    }
    case 'PersoonGewijzigd': {
      if (dossier.persoon.bijgewerkt !== null && dossier.persoon.bijgewerkt >= feit.tijdstip) return dossier;
      const { geboortedatum, nationaliteit, officieleVoornamen, verblijfsstatus, tijdstip } = feit;
      return { ...dossier, persoon: { geboortedatum, nationaliteit, officieleVoornamen, verblijfsstatus, bijgewerkt: tijdstip } };
    }
    case 'VooropleidingGeregistreerd': {
      const nieuw = vooropleidingSleutel(feit.vooropleiding);
      if (dossier.vooropleidingen.some((v) => vooropleidingSleutel(v) === nieuw)) return dossier;
      const vooropleidingen = [...dossier.vooropleidingen, feit.vooropleiding].sort((a, b) => vooropleidingSleutel(a).localeCompare(vooropleidingSleutel(b)));
      return { ...dossier, vooropleidingen };
    }
    case 'AanmeldingBijgewerkt': {
      const sleutel = `${feit.aanmelding.instelling}:${feit.aanmelding.aanmeldingId}`;
      return { ...dossier, aanmeldingen: { ...dossier.aanmeldingen, [sleutel]: feit.aanmelding } };
    }
    default: {
      const onbekend: never = feit;
      throw new Error(`onbekend feit ${JSON.stringify(onbekend)}`);
    }
  }
}

export type { VooropleidingSoort };
