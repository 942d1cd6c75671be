import { EventTypes, InstellingTopics, type BasissetBerekend, type Notificatie } from '@bron/contracts';
import { isEigenAanlevering, oorzaakVanOrigin, originVoorInstelling } from '@bron/domein';
import { opaakId, type UitgaandBericht } from '@bron/infra';

/**
 * D7 at the edge: the form in which a message goes to an instelling's own topic
 * (`instelling.<BRIN>.*`). Nothing in it names another instelling, its batch or its records:
 * - `origin` says only the soort of the cause as this instelling sees it (`aanlevering:eigen`,
 *   `aanlevering:andere-instelling`, `extern:BRP`, ...: `originVoorInstelling`);
 * - on a chain the instelling did not start with its own aanlevering, the event, correlation and
 *   causation ids are opaque (`opaakId`: a keyed hash per instelling, the same for the same id);
 *   on its own chain they stay, so it can follow its own records;
 * - in a BasissetBerekend the cause names an instelling only when it is this one, and its event id
 *   is opaque like the headers; a Notificatie's id is its event id.
 * The DUO-internal topics keep the whole cause. Every service puts its messages for an instelling's
 * topics through this function; any other message passes unchanged.
 */
export function voorInstelling<T>(bericht: UitgaandBericht<T>): UitgaandBericht<T> {
  const brin = InstellingTopics.brinVan(bericht.topic);
  if (brin === null) return bericht;
  const { metadata } = bericht;
  const eigen = isEigenAanlevering(oorzaakVanOrigin(metadata.origin), brin);
  const id = (waarde: string) => (eigen ? waarde : opaakId(brin, waarde));
  const eventId = id(metadata.eventId);
  return {
    ...bericht,
    value: waardeVoorInstelling(metadata.eventType, bericht.value, brin, eventId, id) as T,
    metadata: {
      ...metadata,
      eventId,
      correlationId: id(metadata.correlationId),
      causationId: id(metadata.causationId ?? metadata.eventId),
      origin: originVoorInstelling(metadata.origin, brin),
    },
  };
}

function waardeVoorInstelling(type: string, value: unknown, brin: string, eventId: string, id: (waarde: string) => string): unknown {
  switch (type) {
    case EventTypes.BasissetBerekend: {
      const b = value as BasissetBerekend;
      return { ...b, oorzaak: { ...b.oorzaak, instelling: b.oorzaak.instelling === brin ? brin : null, eventId: id(b.oorzaak.eventId) } } satisfies BasissetBerekend;
    }
    case EventTypes.Notificatie:
      return { ...(value as Notificatie), notificatieId: eventId } satisfies Notificatie;
    default:
      return value;
  }
}
