import type { Kwalificatietabel } from '@bron/cascade';
import { canoniekeJson, type Decider, type DomeinEvent } from '@bron/domein';
import { beoordeelLeesfout, beoordeelRecord, type Beoordeling, type BeoordelingContext, type NieuweStaat } from './beoordeel-record';
import { PersistentMap } from './persistent-map';
import type { AanmeldingStaat, DiplomaStaat, InschrijvingStaat, PersoonGegevens, RuwRecord } from './record';
import type { TerugkoppelingCode, TerugkoppelingSoort } from './terugkoppeling-codes';

/** Who delivered, and what of the world the decision needs: the same for every record of a delivery. */
export interface AanleverContext {
  /** The instelling whose intake topic or API key delivered the record (never a BRIN the record claims). */
  readonly aanleverendeInstelling: string;
  /** The system's "today" (mutatiestop, BBL deadline, the plausible dates). */
  readonly peildatum: string;
  readonly kwalificaties: Kwalificatietabel;
}

/** Where a record stands in its batch. */
export interface RecordPlaats {
  readonly batchId: string;
  /** 1-based number of the record in the batch. */
  readonly recordnummer: number;
  /** The line in the sender's file, when it came from a file. */
  readonly regel: number | null;
}

export interface Aanleverrecord extends RecordPlaats {
  readonly velden: RuwRecord;
}

/** A record the sender could not read from its file; it is answered all the same. */
export interface OnleesbaarRecord extends RecordPlaats {
  readonly leesfout: string;
}

export interface BeoordeelRecord {
  readonly type: 'BeoordeelRecord';
  readonly record: Aanleverrecord;
  readonly context: AanleverContext;
}

export interface BeoordeelLeesfout {
  readonly type: 'BeoordeelLeesfout';
  readonly record: OnleesbaarRecord;
  readonly context: AanleverContext;
}

export type AanleverCommando = BeoordeelRecord | BeoordeelLeesfout;

/** The one answer to a record (docs/domein.md D6), as the instelling reads it on its terugkoppeling topic. */
export interface RecordTerugkoppeling {
  readonly batchId: string;
  readonly recordnummer: number;
  readonly regel: number | null;
  /** The delivering instelling. */
  readonly instelling: string;
  readonly persoonsnummer: string | null;
  readonly inschrijvingId: string | null;
  readonly soort: TerugkoppelingSoort;
  readonly codes: readonly TerugkoppelingCode[];
}

export type AanleverEvent =
  /**
   * A record got its answer. `inhoud` is the record's fields as canonical JSON when it is the
   * first record of its batch with these fields (a later identical one is afgekeurd, A12); null
   * for a leesfout and for a record that repeats an earlier one.
   */
  | DomeinEvent<'RecordBeoordeeld', { readonly terugkoppeling: RecordTerugkoppeling; readonly inhoud: string | null }>
  /** The record was answered before (its batch is delivered again): the same answer, nothing else changes. */
  | DomeinEvent<'BeoordelingHerhaald', { readonly terugkoppeling: RecordTerugkoppeling }>
  /** The accepted new state, stored and passed on; a signaal is accepted too (D6). */
  | DomeinEvent<'InschrijvingAanvaard', InschrijvingStaat>
  | DomeinEvent<'DiplomaAanvaard', DiplomaStaat>
  | DomeinEvent<'AanmeldingAanvaard', AanmeldingStaat>;

export type AanvaardEvent = Extract<AanleverEvent, { type: 'InschrijvingAanvaard' | 'DiplomaAanvaard' | 'AanmeldingAanvaard' }>;

/**
 * What the intake knows when it decides a record: the instellingen's inschrijvingen, diploma's and
 * aanmeldingen the records name, what the BRP and VO schools said about their students, the answers
 * given before and the records seen before in each batch. Keys name the instelling, so one state
 * can hold the knowledge of several. The decider's `evolve` adds the effect of every record, so
 * that a record sees the records before it.
 */
export interface Aanleverkennis {
  /** By instelling and inschrijving id. */
  readonly inschrijvingen: PersistentMap<string, InschrijvingStaat>;
  /** By instelling and diploma id (the id of the inschrijving it belongs to). */
  readonly diplomas: PersistentMap<string, DiplomaStaat>;
  /** By instelling and aanmelding id. */
  readonly aanmeldingen: PersistentMap<string, AanmeldingStaat>;
  /** By instelling and persoonsnummer: the student's inschrijvingen at that instelling (overlap check). */
  readonly inschrijvingenVanStudent: PersistentMap<string, readonly InschrijvingStaat[]>;
  /** By persoonsnummer: the student's mbo diploma's at any instelling (toelating niveau 4). */
  readonly diplomasVanStudent: PersistentMap<string, readonly DiplomaStaat[]>;
  /** By persoonsnummer: what the BRP said (Koppelingswet). */
  readonly personen: ReadonlyMap<string, PersoonGegevens>;
  /** By persoonsnummer: what VO schools registered (toelating niveau 4). */
  readonly vooropleidingen: ReadonlyMap<string, readonly { readonly soort: string; readonly diploma: boolean }[]>;
  /** By instelling, batch and recordnummer: answers given. */
  readonly antwoorden: PersistentMap<string, RecordTerugkoppeling>;
  /** By instelling, batch and the fields as canonical JSON: the first record with those fields. */
  readonly eersteMetInhoud: PersistentMap<string, number>;
}

/** What is known before a run of records, as read (the repository loads it, `aanleverkennis` keys it). */
export interface Voorkennis {
  readonly inschrijvingen?: readonly InschrijvingStaat[];
  readonly diplomas?: readonly DiplomaStaat[];
  readonly aanmeldingen?: readonly AanmeldingStaat[];
  /** Every inschrijving the instelling has of the run's students. */
  readonly inschrijvingenVanStudenten?: readonly InschrijvingStaat[];
  /** Every diploma of the run's students, at any instelling. */
  readonly diplomasVanStudenten?: readonly DiplomaStaat[];
  readonly personen?: readonly { readonly persoonsnummer: string; readonly gegevens: PersoonGegevens }[];
  readonly vooropleidingen?: readonly { readonly persoonsnummer: string; readonly soort: string; readonly diploma: boolean }[];
  readonly antwoorden?: readonly RecordTerugkoppeling[];
  /** Records of the run's batches handled before, by their fields as canonical JSON. */
  readonly eerdereRecords?: readonly { readonly instelling: string; readonly batchId: string; readonly inhoud: string; readonly recordnummer: number }[];
}

const sleutel = (...delen: (string | number)[]) => delen.join('\u0000');

function groepeer<T>(items: readonly T[], sleutelVan: (item: T) => string): Map<string, T[]> {
  const groepen = new Map<string, T[]>();
  for (const item of items) {
    const k = sleutelVan(item);
    const groep = groepen.get(k);
    if (groep) groep.push(item);
    else groepen.set(k, [item]);
  }
  return groepen;
}

/** The decider's state of what was loaded before a run. */
export function aanleverkennis(bekend: Voorkennis = {}): Aanleverkennis {
  return {
    inschrijvingen: PersistentMap.of((bekend.inschrijvingen ?? []).map((s) => [sleutel(s.instelling, s.inschrijvingId), s])),
    diplomas: PersistentMap.of((bekend.diplomas ?? []).map((s) => [sleutel(s.instelling, s.diplomaId), s])),
    aanmeldingen: PersistentMap.of((bekend.aanmeldingen ?? []).map((s) => [sleutel(s.instelling, s.aanmeldingId), s])),
    inschrijvingenVanStudent: PersistentMap.of(groepeer(bekend.inschrijvingenVanStudenten ?? [], (s) => sleutel(s.instelling, s.persoonsnummer))),
    diplomasVanStudent: PersistentMap.of(groepeer(bekend.diplomasVanStudenten ?? [], (s) => s.persoonsnummer)),
    personen: new Map((bekend.personen ?? []).map((p) => [p.persoonsnummer, p.gegevens])),
    vooropleidingen: groepeer(bekend.vooropleidingen ?? [], (v) => v.persoonsnummer),
    antwoorden: PersistentMap.of((bekend.antwoorden ?? []).map((t) => [sleutel(t.instelling, t.batchId, t.recordnummer), t])),
    eersteMetInhoud: PersistentMap.of((bekend.eerdereRecords ?? []).map((r) => [sleutel(r.instelling, r.batchId, r.inhoud), r.recordnummer])),
  };
}

/** The record's fields as canonical JSON: equal for identical records whatever the order of their columns. */
export const inhoudVan = (velden: RuwRecord): string => canoniekeJson(velden);

export function terugkoppelingVan(instelling: string, record: RecordPlaats, beoordeling: Beoordeling): RecordTerugkoppeling {
  return {
    batchId: record.batchId, recordnummer: record.recordnummer, regel: record.regel, instelling,
    persoonsnummer: beoordeling.persoonsnummer, inschrijvingId: beoordeling.inschrijvingId, soort: beoordeling.soort, codes: beoordeling.codes,
  };
}

/** What `beoordeelRecord` needs to know of the record's inschrijving, student and batch. */
function beoordelingContext(kennis: Aanleverkennis, record: Aanleverrecord, context: AanleverContext, eerderInBatch: number | undefined): BeoordelingContext {
  const instelling = context.aanleverendeInstelling;
  const id = record.velden.inschrijving_id?.trim() ?? '';
  const persoonsnummer = record.velden.persoonsnummer?.trim() ?? '';
  return {
    aanleverendeInstelling: instelling,
    peildatum: context.peildatum,
    regel: record.regel,
    kwalificaties: context.kwalificaties,
    bestaandeInschrijving: kennis.inschrijvingen.get(sleutel(instelling, id)),
    bestaandDiploma: kennis.diplomas.get(sleutel(instelling, id)),
    bestaandeAanmelding: record.velden.soort === 'AANMELDING' ? kennis.aanmeldingen.get(sleutel(instelling, id)) : undefined,
    andereInschrijvingen: kennis.inschrijvingenVanStudent.get(sleutel(instelling, persoonsnummer)) ?? [],
    persoon: kennis.personen.get(persoonsnummer),
    vooropleidingen: kennis.vooropleidingen.get(persoonsnummer) ?? [],
    mboDiplomaNiveaus: (kennis.diplomasVanStudent.get(persoonsnummer) ?? []).filter((d) => !d.verwijderd).map((d) => context.kwalificaties.kwalificatie(d.crebo)?.niveau ?? 0),
    eerderInBatch,
  };
}

const AANVAARD = { inschrijving: 'InschrijvingAanvaard', diploma: 'DiplomaAanvaard', aanmelding: 'AanmeldingAanvaard' } as const;

function aanvaard(nieuw: NieuweStaat): AanvaardEvent {
  switch (nieuw.soort) {
    case 'inschrijving':
      return { type: AANVAARD.inschrijving, data: nieuw.staat };
    case 'diploma':
      return { type: AANVAARD.diploma, data: nieuw.staat };
    case 'aanmelding':
      return { type: AANVAARD.aanmelding, data: nieuw.staat };
  }
}

/** The new state an accepted record leads to, as the intake stores it. */
export function nieuweStaatVan(event: AanvaardEvent): NieuweStaat {
  switch (event.type) {
    case 'InschrijvingAanvaard':
      return { soort: 'inschrijving', staat: event.data };
    case 'DiplomaAanvaard':
      return { soort: 'diploma', staat: event.data };
    case 'AanmeldingAanvaard':
      return { soort: 'aanmelding', staat: event.data };
  }
}

const vervang = <T>(lijst: readonly T[] | undefined, staat: T, zelfde: (t: T) => boolean): readonly T[] => [...(lijst ?? []).filter((t) => !zelfde(t)), staat];

/**
 * docs/domein.md D6 as a decider: every aanleverrecord gets exactly one answer (melding, signaal
 * or afkeuring, docs/terugkoppeling-codes.md) and, when it is accepted, its new state. A record of
 * a batch that was answered before gets that same answer again and changes nothing. A record sees
 * what the records before it did: their inschrijvingen, diploma's and aanmeldingen, and their
 * fields (an identical record later in the batch is afgekeurd, A12).
 */
export const aanleverrecordDecider: Decider<AanleverCommando, Aanleverkennis, AanleverEvent> = {
  initialState: aanleverkennis(),

  decide(command, kennis) {
    const instelling = command.context.aanleverendeInstelling;
    const { record } = command;
    const eerder = kennis.antwoorden.get(sleutel(instelling, record.batchId, record.recordnummer));
    if (eerder) return [{ type: 'BeoordelingHerhaald', data: { terugkoppeling: eerder } }];
    if (command.type === 'BeoordeelLeesfout') {
      return [{ type: 'RecordBeoordeeld', data: { terugkoppeling: terugkoppelingVan(instelling, record, beoordeelLeesfout(command.record.regel, command.record.leesfout)), inhoud: null } }];
    }
    const inhoud = inhoudVan(command.record.velden);
    const eerderInBatch = kennis.eersteMetInhoud.get(sleutel(instelling, record.batchId, inhoud));
    const beoordeling = beoordeelRecord(command.record.velden, beoordelingContext(kennis, command.record, command.context, eerderInBatch));
    const beoordeeld: AanleverEvent = { type: 'RecordBeoordeeld', data: { terugkoppeling: terugkoppelingVan(instelling, record, beoordeling), inhoud: eerderInBatch === undefined ? inhoud : null } };
    return beoordeling.nieuweStaat ? [beoordeeld, aanvaard(beoordeling.nieuweStaat)] : [beoordeeld];
  },

  evolve(kennis, event) {
    switch (event.type) {
      case 'RecordBeoordeeld': {
        const { terugkoppeling: t, inhoud } = event.data;
        return {
          ...kennis,
          antwoorden: kennis.antwoorden.with(sleutel(t.instelling, t.batchId, t.recordnummer), t),
          eersteMetInhoud: inhoud === null ? kennis.eersteMetInhoud : kennis.eersteMetInhoud.with(sleutel(t.instelling, t.batchId, inhoud), t.recordnummer),
        };
      }
      case 'BeoordelingHerhaald':
        return kennis;
      case 'InschrijvingAanvaard': {
        const s = event.data;
        const student = sleutel(s.instelling, s.persoonsnummer);
        return {
          ...kennis,
          inschrijvingen: kennis.inschrijvingen.with(sleutel(s.instelling, s.inschrijvingId), s),
          inschrijvingenVanStudent: kennis.inschrijvingenVanStudent.with(student, vervang(kennis.inschrijvingenVanStudent.get(student), s, (t) => t.inschrijvingId === s.inschrijvingId)),
        };
      }
      case 'DiplomaAanvaard': {
        const s = event.data;
        return {
          ...kennis,
          diplomas: kennis.diplomas.with(sleutel(s.instelling, s.diplomaId), s),
          diplomasVanStudent: kennis.diplomasVanStudent.with(s.persoonsnummer, vervang(kennis.diplomasVanStudent.get(s.persoonsnummer), s, (t) => t.instelling === s.instelling && t.diplomaId === s.diplomaId)),
        };
      }
      case 'AanmeldingAanvaard': {
        const s = event.data;
        return { ...kennis, aanmeldingen: kennis.aanmeldingen.with(sleutel(s.instelling, s.aanmeldingId), s) };
      }
    }
  },
};
