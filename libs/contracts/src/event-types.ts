import {
  AanleverBatchAfgeslotenSchema, AanleverBatchVerwerktSchema, AanleverRecordSchema, AanmeldingBijgewerktSchema, BasissetBerekendSchema, BasissetsGewijzigdSchema, DiplomaBijgewerktSchema, ExternAntwoordSchema, HerberekeningGevraagdSchema,
  FotoAangevraagdSchema, FotoGemaaktSchema, InschrijvingBijgewerktSchema, NotificatieSchema, PersoonGewijzigdSchema,
  PrijsfactorGewijzigdSchema, TerugkoppelingSchema, VooropleidingGeregistreerdSchema,
  type SchemaTypes,
} from './generated';

/** The `event-type` header of each event: the full name of its Avro schema. */
export const EventTypes = {
  AanleverRecord: AanleverRecordSchema.fullName,
  AanleverBatchAfgesloten: AanleverBatchAfgeslotenSchema.fullName,
  Terugkoppeling: TerugkoppelingSchema.fullName,
  AanleverBatchVerwerkt: AanleverBatchVerwerktSchema.fullName,
  InschrijvingBijgewerkt: InschrijvingBijgewerktSchema.fullName,
  DiplomaBijgewerkt: DiplomaBijgewerktSchema.fullName,
  AanmeldingBijgewerkt: AanmeldingBijgewerktSchema.fullName,
  PersoonGewijzigd: PersoonGewijzigdSchema.fullName,
  VooropleidingGeregistreerd: VooropleidingGeregistreerdSchema.fullName,
  PrijsfactorGewijzigd: PrijsfactorGewijzigdSchema.fullName,
  ExternAntwoord: ExternAntwoordSchema.fullName,
  BasissetBerekend: BasissetBerekendSchema.fullName,
  BasissetsGewijzigd: BasissetsGewijzigdSchema.fullName,
  HerberekeningGevraagd: HerberekeningGevraagdSchema.fullName,
  Notificatie: NotificatieSchema.fullName,
  FotoAangevraagd: FotoAangevraagdSchema.fullName,
  FotoGemaakt: FotoGemaaktSchema.fullName,
} as const;

/** The full name of every event the platform knows (generated from schemas/). */
export type EventType = keyof SchemaTypes;

/** The decoded value of an event of type `K`. */
export type EventPayload<K extends EventType> = SchemaTypes[K];

const BEKENDE_TYPES: ReadonlySet<string> = new Set(Object.values(EventTypes));

export function isEventType(type: string): type is EventType {
  return BEKENDE_TYPES.has(type);
}
