import { NotSingleObjectEncodedError } from './codec.errors';
import { frameSingleObject, parseSingleObject } from './single-object';

describe('single-object framing', () => {
  const fingerprint = Buffer.from('8f5c393f1ad57572', 'hex');

  it('puts marker c3 01 and the fingerprint before the body', () => {
    const message = frameSingleObject(fingerprint, Buffer.from([0x02]));
    expect(message.toString('hex')).toBe('c301' + '8f5c393f1ad57572' + '02');
  });

  it('takes a framed message apart again', () => {
    const { fingerprint: read, body } = parseSingleObject(frameSingleObject(fingerprint, Buffer.from([1, 2])));
    expect(read).toEqual(fingerprint);
    expect([...body]).toEqual([1, 2]);
  });

  it('accepts an empty body (a record without fields)', () => {
    expect(parseSingleObject(frameSingleObject(fingerprint, Buffer.alloc(0))).body).toHaveLength(0);
  });

  it('refuses a fingerprint that is not 8 bytes', () => {
    expect(() => frameSingleObject(Buffer.alloc(4), Buffer.alloc(0))).toThrow('a fingerprint has 8 bytes, not 4');
  });

  it.each([
    ['no value', null, 'message has no value (a tombstone?)'],
    ['a short message', Buffer.from([0xc3, 0x01, 0x00]), 'message is 3 bytes long; an Avro single-object encoded message has at least 10'],
    ['another marker', Buffer.from('0001020304050607080910', 'hex'), 'message starts with 00 01, not with the Avro single-object marker c3 01'],
    ['JSON', Buffer.from('{"persoonsnummer":"123456782"}'), 'message starts with 7b 22, not with the Avro single-object marker c3 01 (it looks like JSON)'],
  ])('rejects %s, saying why', (_case, message, reason) => {
    expect(() => parseSingleObject(message)).toThrow(NotSingleObjectEncodedError);
    expect(() => parseSingleObject(message)).toThrow(reason);
  });
});
