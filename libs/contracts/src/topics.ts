/**
 * Topic names: `<context>.<public|internal>.<event>.v<major>`. Everything an instelling may read
 * or write lives under `instelling.<BRIN>.`, so that prefixed ACLs can isolate instellingen.
 * The Kafka key is the student (persoonsnummer) wherever order per student matters.
 */
export const Topics = {
  /** Facts the intake accepted (InschrijvingBijgewerkt, DiplomaBijgewerkt); key persoonsnummer. */
  studentfeit: 'aanlevering.public.studentfeit.v1',
  /** Person data from the BRP (PersoonGewijzigd); key persoonsnummer. */
  persoon: 'extern.public.persoon.v1',
  /** Vooropleidingen registered by VO schools; key persoonsnummer. */
  vooropleiding: 'extern.public.vooropleiding.v1',
  /** Reference data changes of kwalificaties (PrijsfactorGewijzigd); key crebo. */
  kwalificatie: 'referentie.public.kwalificatie.v1',
  /** The answer to every external fact (ExternAntwoord), for the external sources; key as the fact's. */
  externAntwoord: 'extern.public.antwoord.v1',
  /** The bekostiging service's own recompute requests (HerberekeningGevraagd); key persoonsnummer. */
  herberekening: 'bekostiging.internal.herberekening.v1',
  /** Every recomputed basisset (BasissetBerekend), DUO-internal; key persoonsnummer. */
  basisset: 'bekostiging.public.basisset.v1',
  /** Per cause, what changed for each instelling that may be told (BasissetsGewijzigd), DUO-internal; key persoonsnummer. */
  basissetwijziging: 'bekostiging.internal.basissetwijziging.v1',
  /** Requests for a foto (FotoAangevraagd); key BRIN. */
  fotoAanvraag: 'foto.public.aanvraag.v1',
} as const;

const INSTELLING_TOPIC = /^instelling\.([0-9]{2}[A-Z0-9]{2})\.([a-z]+)\.v(\d+)$/;

const INSTELLING_TOPICS = {
  /** The instelling's batch aanleveringen (AanleverRecord, AanleverBatchAfgesloten); one partition. */
  aanlevering: (brin: string) => `instelling.${brin}.aanlevering.v1`,
  /** One Terugkoppeling per record and one AanleverBatchVerwerkt per batch. */
  terugkoppeling: (brin: string) => `instelling.${brin}.terugkoppeling.v1`,
  /** BasissetBerekend of this instelling's own inschrijvingen. */
  bekostigingsstatus: (brin: string) => `instelling.${brin}.bekostigingsstatus.v1`,
  /** Notificaties: changes this instelling did not cause itself. */
  notificatie: (brin: string) => `instelling.${brin}.notificatie.v1`,
  /** FotoGemaakt. */
  foto: (brin: string) => `instelling.${brin}.foto.v1`,
} as const;

/** Per-instelling topics: only that instelling may read them. */
export const InstellingTopics = {
  ...INSTELLING_TOPICS,
  /** Every topic of the instelling. */
  alle: (brin: string): string[] => Object.values(INSTELLING_TOPICS).map((topic) => topic(brin)),
  /**
   * The BRIN of an instelling's own topic, or null for any other topic. The intake takes the
   * instelling from the topic a record came on (ACLs authenticate the writer), never from the record.
   */
  brinVan: (topic: string): string | null => INSTELLING_TOPIC.exec(topic)?.[1] ?? null,
  /** Is this the intake topic of an instelling (`instelling.<BRIN>.aanlevering.v1`)? */
  isAanlevering: (topic: string): boolean => INSTELLING_TOPIC.exec(topic)?.[2] === 'aanlevering',
} as const;

/** Where a consumer puts a message it cannot handle, with the reason in its headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Partitions per topic when the platform creates it. */
export function partitionsFor(topic: string): number {
  if (InstellingTopics.isAanlevering(topic)) return 1;
  if (topic.endsWith('.dlq')) return 1;
  return 3;
}

/** Headers every message carries (domain events and dead letters alike). */
export const Headers = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventTime: 'event-time',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  /** Who caused it: `aanlevering:<BRIN>:<batchId>`, `extern:<bron>`, `referentie:<bron>`, `regelset:<id>`. */
  origin: 'origin',
  deadLetterReason: 'dlq-reason',
  deadLetterTopic: 'dlq-original-topic',
  deadLetterPartition: 'dlq-original-partition',
  deadLetterOffset: 'dlq-original-offset',
  deadLetterConsumer: 'dlq-consumer',
} as const;
