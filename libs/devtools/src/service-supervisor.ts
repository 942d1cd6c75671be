import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const SERVICES = ['aanlevering', 'bekostiging', 'foto', 'notificatie'] as const;
export type ServiceNaam = (typeof SERVICES)[number];

const ROOT = join(__dirname, '..', '..', '..');

export interface GestarteService {
  naam: ServiceNaam;
  /** 0 for the first process of a service, 1 for the second in the same consumer groups, ... */
  instantie: number;
  url: string;
  proces: ChildProcess;
  /** The last log lines (JSON, no personal data): why a service stopped at start is in them. */
  staart: string[];
}

/** Log lines kept per process for the error of a service that stops while starting. */
const STAART_REGELS = 15;

export interface SupervisorOpties {
  env: NodeJS.ProcessEnv;
  /** Receives every log line of every service (JSON), e.g. to write them to a file. */
  log?: (service: ServiceNaam, regel: string) => void;
  readyTimeoutMs?: number;
  /** Processes per service (default 1): more share the service's consumer groups, as in a scaled deployment. */
  instanties?: Partial<Record<ServiceNaam, number>>;
  /** Per service, on top of `env`: e.g. its own Kafka principal (`KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`) on a secured broker. */
  envPerService?: Partial<Record<ServiceNaam, NodeJS.ProcessEnv>>;
}

/** A free TCP port on 127.0.0.1. */
export function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Two free consecutive ports (a broker needs its client port and the controller port after it). */
export async function vrijePoortpaar(): Promise<number> {
  for (;;) {
    const poort = await vrijePoort();
    const vrij = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(poort + 1, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (poort < 65535 && vrij) return poort;
  }
}

/**
 * Runs the four services as child processes from their sources, as in production: each its own
 * process, talking only through Kafka. Waits until every /health/ready answers; stops them all.
 */
export class ServiceSupervisor {
  readonly services: GestarteService[] = [];

  constructor(private readonly opties: SupervisorOpties) {}

  async start(): Promise<void> {
    for (const naam of SERVICES) {
      for (let instantie = 0; instantie < (this.opties.instanties?.[naam] ?? 1); instantie++) this.services.push(await this.spawn(naam, instantie));
    }
    const deadline = Date.now() + (this.opties.readyTimeoutMs ?? 120_000);
    await Promise.all(this.services.map((s) => this.wachtOpReady(s, deadline)));
  }

  /** Starts only one service (one process; `instantie` 1, 2, ... for a further process in the same consumer groups) and waits until it is ready. */
  async startEen(naam: ServiceNaam, instantie = 0): Promise<GestarteService> {
    const service = await this.spawn(naam, instantie);
    this.services.push(service);
    await this.wachtOpReady(service, Date.now() + (this.opties.readyTimeoutMs ?? 120_000));
    return service;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.splice(0).map((s) => stopProces(s.proces)));
  }

  /** Kills one service (one of its processes) without a clean shutdown (a crash), as a failure test needs. */
  async crash(naam: ServiceNaam, instantie = 0): Promise<void> {
    const service = this.service(naam, instantie);
    await new Promise<void>((resolve) => {
      if (service.proces.exitCode !== null || service.proces.signalCode !== null) return resolve();
      service.proces.once('exit', () => resolve());
      service.proces.kill('SIGKILL');
    });
  }

  /** Starts a service again (after a crash or stop) and waits until it is ready. */
  async herstart(naam: ServiceNaam, instantie = 0): Promise<GestarteService> {
    const index = this.services.findIndex((s) => s.naam === naam && s.instantie === instantie);
    await stopProces(this.services[index].proces);
    const nieuw = await this.spawn(naam, instantie);
    this.services[index] = nieuw;
    await this.wachtOpReady(nieuw, Date.now() + (this.opties.readyTimeoutMs ?? 120_000));
    return nieuw;
  }

  service(naam: ServiceNaam, instantie = 0): GestarteService {
    const service = this.services.find((s) => s.naam === naam && s.instantie === instantie);
    if (!service) throw new Error(`${naam} (instantie ${instantie}) draait niet`);
    return service;
  }

  private async spawn(naam: ServiceNaam, instantie = 0): Promise<GestarteService> {
    const poort = await vrijePoort();
    // BRON_SERVICE_NODE_ARGS: node flags for the services only, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof" (not allowed in NODE_OPTIONS).
    const nodeArgs = (process.env.BRON_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proces = spawn(process.execPath, [...nodeArgs, join(ROOT, 'tools', 'run-service.js'), naam], {
      cwd: ROOT,
      env: { ...process.env, ...this.opties.env, ...this.opties.envPerService?.[naam], [`${naam.toUpperCase()}_PORT`]: String(poort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = this.opties.log ?? (() => undefined);
    const staart: string[] = [];
    const regels = (data: Buffer) => data.toString().split('\n').filter(Boolean).forEach((r) => {
      staart.push(r);
      if (staart.length > STAART_REGELS) staart.shift();
      log(naam, r);
    });
    proces.stdout!.on('data', regels);
    proces.stderr!.on('data', regels);
    return { naam, instantie, url: `http://127.0.0.1:${poort}`, proces, staart };
  }

  private async wachtOpReady(service: GestarteService, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      if (service.proces.exitCode !== null) {
        throw new Error(`${service.naam} stopte bij het starten (exit ${service.proces.exitCode}); de laatste regels van zijn log:\n  ${service.staart.join('\n  ')}`);
      }
      const ok = await fetch(`${service.url}/health/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${service.naam} werd niet ready binnen de tijd`);
  }
}

/** SIGTERM (Nest shuts down cleanly), then SIGKILL if it takes too long. */
export function stopProces(proces: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (proces.exitCode !== null || proces.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proces.kill('SIGKILL'), timeoutMs);
    proces.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proces.kill('SIGTERM');
  });
}
