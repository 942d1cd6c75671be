import { KafkaJSGroupCoordinatorNotFound, KafkaJSProtocolError, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { readConfig, saslUitEnv } from '../config';
import { KafkaClient, isToegangGeweigerd } from './kafka-client';

describe('SASL from the environment', () => {
  it('is off without a user name: PLAINTEXT, as the test suite runs', () => {
    expect(saslUitEnv({})).toBeUndefined();
    expect(new KafkaClient('x', ['127.0.0.1:1'], '', undefined, 0, { sasl: saslUitEnv({}) }).principal).toBeNull();
  });

  it('takes user, password and mechanism (default scram-sha-256), and a service config carries them', () => {
    const env = { KAFKA_SASL_USERNAME: 'bron-foto', KAFKA_SASL_PASSWORD: 'geheim' };
    expect(saslUitEnv(env)).toEqual({ mechanism: 'scram-sha-256', username: 'bron-foto', password: 'geheim' });
    expect(readConfig('foto', 3003, env).kafkaSasl?.username).toBe('bron-foto');
    expect(new KafkaClient('x', ['127.0.0.1:1'], '', undefined, 0, { sasl: saslUitEnv(env) }).principal).toBe('User:bron-foto');
  });

  it('refuses a user without password and an unknown mechanism, naming the variable', () => {
    expect(() => saslUitEnv({ KAFKA_SASL_USERNAME: 'bron-foto' })).toThrow(/KAFKA_SASL_PASSWORD/);
    expect(() => saslUitEnv({ KAFKA_SASL_USERNAME: 'a', KAFKA_SASL_PASSWORD: 'b', KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});

describe('a refusal by the broker', () => {
  // kafkajs's types declare these constructors without the message they take
  const fout = <T>(Klasse: new () => T, bericht: string): T => new (Klasse as unknown as new (bericht: string) => T)(bericht);
  const protocol = (type: string) => Object.assign(new KafkaJSProtocolError('weigering'), { type });

  it('is an authorization or authentication error, also inside an aggregate (topic creation)', () => {
    expect(isToegangGeweigerd(protocol('TOPIC_AUTHORIZATION_FAILED'))).toBe(true);
    expect(isToegangGeweigerd(protocol('GROUP_AUTHORIZATION_FAILED'))).toBe(true);
    expect(isToegangGeweigerd(fout(KafkaJSSASLAuthenticationError, 'SASL SCRAM SHA256 authentication failed'))).toBe(true);
    expect(isToegangGeweigerd(Object.assign(new Error('Topic creation errors'), { errors: [protocol('TOPIC_AUTHORIZATION_FAILED')] }))).toBe(true);
  });

  it('counts "failed to find group coordinator" only with SASL (kafkajs hides GROUP_AUTHORIZATION_FAILED there)', () => {
    expect(isToegangGeweigerd(fout(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator'), true)).toBe(true);
    expect(isToegangGeweigerd(fout(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator'), false)).toBe(false);
  });

  it('is not a broker that is away or a leader election', () => {
    expect(isToegangGeweigerd(protocol('NOT_LEADER_FOR_PARTITION'))).toBe(false);
    expect(isToegangGeweigerd(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092'))).toBe(false);
  });
});
