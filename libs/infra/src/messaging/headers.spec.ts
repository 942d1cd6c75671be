import { Headers } from '@bron/contracts';
import { nieuwBericht } from './bericht';
import { fromHeaders, toHeaders } from './headers';

const positie = { topic: 'instelling.26AB.aanlevering.v1', partition: 0, offset: '17' };

describe('headers: every message carries event-id, event-type, event-time, correlation-id, causation-id and origin', () => {
  it('a chain start is caused by the delivery it names, or else by itself', () => {
    const metBatch = nieuwBericht({ topic: 't', key: null, type: 'x.Y', value: {}, origin: 'aanlevering:26AB:b1', causationId: 'batch:b1' });
    expect(toHeaders(metBatch.metadata)).toMatchObject({ [Headers.causationId]: 'batch:b1', [Headers.correlationId]: metBatch.metadata.eventId });
    const zonder = nieuwBericht({ topic: 't', key: null, type: 'x.Y', value: {}, origin: 'extern:BRP' });
    expect(toHeaders(zonder.metadata)[Headers.causationId]).toBe(zonder.metadata.eventId);
    expect(Object.keys(toHeaders(zonder.metadata)).sort()).toEqual([Headers.causationId, Headers.correlationId, Headers.eventId, Headers.eventTime, Headers.eventType, Headers.origin].sort());
  });

  it('a message caused by another carries its correlation and names it as cause', () => {
    const eerste = nieuwBericht({ topic: 't', key: null, type: 'x.Y', value: {}, origin: 'extern:BRP' });
    const tweede = nieuwBericht({ topic: 't', key: null, type: 'x.Z', value: {} }, eerste);
    expect(tweede.metadata).toMatchObject({ correlationId: eerste.metadata.correlationId, causationId: eerste.metadata.eventId, origin: 'extern:BRP' });
  });

  it('a header-less message from a batch producer gets its position as id, an opaque correlation id and itself as cause', () => {
    const metadata = fromHeaders(undefined, positie);
    expect(metadata.eventId).toBe('instelling.26AB.aanlevering.v1:0:17');
    expect(metadata.causationId).toBe(metadata.eventId);
    expect(metadata.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(metadata.correlationId).not.toContain('26AB');
    // stable under redelivery, different per record
    expect(fromHeaders(undefined, positie).correlationId).toBe(metadata.correlationId);
    expect(fromHeaders(undefined, { ...positie, offset: '18' }).correlationId).not.toBe(metadata.correlationId);
  });

  it('reads the headers a producer sent', () => {
    const sent = { [Headers.eventId]: 'e', [Headers.eventType]: 'x.Y', [Headers.eventTime]: '2016-11-15T10:00:00.000Z', [Headers.correlationId]: 'c', [Headers.causationId]: 'd', [Headers.origin]: 'extern:BRP' };
    expect(fromHeaders(sent, positie)).toEqual({ eventId: 'e', eventType: 'x.Y', eventTime: '2016-11-15T10:00:00.000Z', correlationId: 'c', causationId: 'd', origin: 'extern:BRP' });
  });
});
