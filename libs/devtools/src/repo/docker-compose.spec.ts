import { readFileSync } from 'node:fs';
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
  healthcheck?: { test: string[] };
};
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const hostPort = (mapping: string) => mapping.split(':')[0];

describe('docker-compose.yml', () => {
  it('runs Kafka 3.9 in KRaft mode without auto-created topics, PostgreSQL and Kafka UI (kafbat)', () => {
    const { kafka, postgres } = compose.services;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    expect(kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false', KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://kafka:9092' });
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(compose.services['kafka-ui'].image).toMatch(/^ghcr\.io\/kafbat\/kafka-ui:/);
    expect(compose.services['kafka-ui'].environment).toMatchObject({ KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: 'kafka:9092' });
    expect(kafka.healthcheck?.test.join(' ')).toContain('9092');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it.each(SERVICES)('builds %s from this repo and starts it only when Kafka and PostgreSQL are healthy', (naam) => {
    const service = compose.services[naam];
    expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile', args: { SERVICE: naam } });
    expect(service.depends_on).toEqual({ kafka: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', PORT: '3000' });
    expect(new URL(service.environment!.DATABASE_URL).host).toBe('postgres:5432');
    expect(service.ports).toEqual([expect.stringMatching(/^\d+:3000$/)]);
    expect(service.healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  it('publishes every service on its own host port', () => {
    const poorten = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map(hostPort));
    expect(new Set(poorten).size).toBe(poorten.length);
  });

  it('has a Dockerfile that runs the chosen service from the repo', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('ARG SERVICE');
    expect(dockerfile).toContain('tools/run-service.js');
    expect(dockerfile).toContain('contracts:codegen');
  });
});
