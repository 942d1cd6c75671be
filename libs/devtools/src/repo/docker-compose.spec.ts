import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICES } from '../service-supervisor';

/**
 * No Docker engine runs on these machines, so the production-like path is checked as a file:
 * the images, ports, dependencies and environment a `docker compose up` would use.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
  command?: string[];
  healthcheck?: { test: string[] };
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean; bind?: { create_host_path?: boolean } })[];
};
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const hostPort = (mapping: string) => mapping.split(':')[0];

describe('docker-compose.yml', () => {
  it('runs Kafka 3.9 in KRaft mode without auto-created topics, PostgreSQL and Kafka UI (kafbat)', () => {
    const { kafka, postgres } = compose.services;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    expect(kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false', KAFKA_ADVERTISED_LISTENERS: 'CLIENTS://kafka:9092,BEHEER://kafka:9094' });
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(compose.services['kafka-ui'].image).toMatch(/^ghcr\.io\/kafbat\/kafka-ui:/);
    expect(compose.services['kafka-ui'].environment).toMatchObject({ KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9094', KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' });
    expect(kafka.healthcheck?.test.join(' ')).toContain('9094');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it.each(SERVICES)('builds %s from this repo and starts it only when Kafka and PostgreSQL are healthy', (naam) => {
    const service = compose.services[naam];
    expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile', args: { SERVICE: naam } });
    expect(service.depends_on).toEqual({
      kafka: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' },
      'kafka-gebruikers': { condition: 'service_completed_successfully' }, 'kafka-acls': { condition: 'service_completed_successfully' },
    });
    expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', PORT: '3000' });
    expect(new URL(service.environment!.DATABASE_URL).host).toBe('postgres:5432');
    expect(service.ports).toEqual([expect.stringMatching(/^\d+:3000$/)]);
    expect(service.healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  describe('the security mode (SASL/SCRAM, ACLs per principal; docs/kafka.md)', () => {
    const kafka = compose.services.kafka.environment!;
    const tekst = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

    it('takes clients only with SCRAM-SHA-256 and authorizes every request, no one allowed by default', () => {
      expect(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((p) => p.split(':')[1])).toEqual(['SASL_PLAINTEXT', 'SASL_PLAINTEXT', 'SASL_PLAINTEXT']);
      expect(kafka.KAFKA_LISTENER_NAME_CLIENTS_SASL_ENABLED_MECHANISMS).toBe('SCRAM-SHA-256');
      expect(kafka).toMatchObject({ KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false', KAFKA_SUPER_USERS: 'User:bron-broker;User:bron-beheer' });
      // the administration listener is not published to the host
      expect(compose.services.kafka.ports).toEqual(['9092:9092']);
    });

    it.each(SERVICES)('runs %s as its own principal, never a super user', (naam) => {
      const env = compose.services[naam].environment!;
      expect(env).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: `bron-${naam}` });
      expect(env.KAFKA_SASL_PASSWORD).toMatch(new RegExp(`^\\$\\{BRON_KAFKA_${naam.toUpperCase()}_WACHTWOORD:\\?`));
    });

    it('makes the SCRAM users and the ACLs before any service starts', () => {
      const { 'kafka-gebruikers': gebruikers, 'kafka-acls': acls } = compose.services;
      expect(gebruikers.image).toBe(compose.services.kafka.image);
      expect(gebruikers.entrypoint?.join(' ')).toContain('compose-gebruikers.sh');
      expect(existsSync(join(ROOT, 'infra', 'kafka', 'compose-gebruikers.sh'))).toBe(true);
      expect(acls.command).toEqual(['node', 'infra/kafka/kafka.js', 'acls']);
      expect(acls.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9094' });
    });

    it('takes every password from .env, which git ignores, and commits none', () => {
      const wachtwoorden = [...tekst.matchAll(/password="([^"]*)"/g)].map((m) => m[1]);
      expect(wachtwoorden.length).toBeGreaterThan(0);
      expect(wachtwoorden.filter((w) => !/^\$\{BRON_KAFKA_[A-Z]+_WACHTWOORD(:\?[^}]*)?\}$/.test(w))).toEqual([]);
      expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.env');
      // and the image (COPY . .) never holds it
      expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('.env');
    });
  });

  it('publishes every service on its own host port', () => {
    const poorten = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map(hostPort));
    expect(new Set(poorten).size).toBe(poorten.length);
  });

  describe('Kafka UI with the serde of infra/kafka-ui-serde', () => {
    const SERDE = join(ROOT, 'infra', 'kafka-ui-serde');
    const ui = compose.services['kafka-ui'];
    const env = ui.environment ?? {};
    const mountAt = (target: string) => (ui.volumes ?? []).find((v) => typeof v === 'object' && v.target === target);

    it("reads every topic's values with the serde, and keys as strings", () => {
      expect(env.KAFKA_CLUSTERS_0_SERDE_0_NAME).toBeTruthy();
      expect(env.KAFKA_CLUSTERS_0_SERDE_0_TOPICVALUESPATTERN).toBe('.*');
      expect(env.KAFKA_CLUSTERS_0_DEFAULTKEYSERDE).toBe('String');
    });

    it('loads the jar that the Maven build makes, mounted read-only, without Docker inventing it', () => {
      const finalName = /<finalName>([^<]+)<\/finalName>/.exec(readFileSync(join(SERDE, 'pom.xml'), 'utf8'))?.[1];
      expect(finalName).toBeTruthy();
      const jar = mountAt(env.KAFKA_CLUSTERS_0_SERDE_0_FILEPATH);
      expect(jar).toEqual({
        type: 'bind', source: `./infra/kafka-ui-serde/target/${finalName}.jar`, target: env.KAFKA_CLUSTERS_0_SERDE_0_FILEPATH,
        read_only: true, bind: { create_host_path: false },
      });
    });

    it('names a serde class of the repo, which reads the schemas of schemas/ mounted read-only', () => {
      const className = env.KAFKA_CLUSTERS_0_SERDE_0_CLASSNAME;
      const source = join(SERDE, 'src', 'main', 'java', ...className.split('.')) + '.java';
      expect(existsSync(source)).toBe(true);
      const property = /SCHEMAS_DIR_PROPERTY = "([^"]+)"/.exec(readFileSync(source, 'utf8'))?.[1];
      expect(property).toBeTruthy();
      // kafbat binds environment variables with Spring's relaxed binding: upper case, no separators.
      const schemasDir = env[`KAFKA_CLUSTERS_0_SERDE_0_PROPERTIES_${property!.toUpperCase()}`];
      expect(schemasDir).toMatch(/^\//);
      expect(mountAt(schemasDir)).toEqual({ type: 'bind', source: './schemas', target: schemasDir, read_only: true, bind: { create_host_path: false } });
    });
  });

  it('has a Dockerfile that runs the chosen service from the repo', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('ARG SERVICE');
    expect(dockerfile).toContain('tools/run-service.js');
    expect(dockerfile).toContain('contracts:codegen');
  });
});
