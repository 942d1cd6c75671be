// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkaJs = require('../../../infra/kafka/kafka.js') as {
  ensureJars: () => Promise<string>;
  startBroker: (o: { port: number; handleSignals?: boolean; dataDir?: string; keepData?: boolean; beveiliging?: { instellingen: string[]; topicPrefix?: string } }) => Promise<{ brokers: string[]; stop: () => Promise<void>; dataDir: string; toegang: Toegang | null }>;
  sluitInstellingAan: (o: { brokers: string[]; dataDir: string; brin: string }) => Promise<NodeJS.ProcessEnv>;
  toegang: {
    BEHEER: string;
    OPERATOR: string;
    serviceGebruiker: (service: string) => string;
    instellingGebruiker: (brin: string) => string;
    saslEnv: (toegang: Toegang, gebruiker: string) => NodeJS.ProcessEnv;
    leesToegang: (dataDir: string) => Toegang;
    toegangBestand: (dataDir: string) => string;
  };
};
const { ensureJars, startBroker } = kafkaJs;

/** The credentials of a broker in its security mode (`<dataDir>/toegang.json`, infra/kafka/toegang.js). */
export interface Toegang {
  mechanisme: string;
  topicPrefix: string;
  instellingen: string[];
  gebruikers: Record<string, string>;
}

/** A broker of the repo's own (infra/kafka) for one test: on `port`, its data in `dataDir`; `keepData` restarts it on that data. */
export async function eigenBroker(opties: { port: number; dataDir: string; keepData?: boolean }): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  await ensureJars();
  return startBroker({ ...opties, handleSignals: false });
}

/**
 * A broker in the security mode (SASL/SCRAM, ACLs per principal; docs/kafka.md) and the
 * environment each principal's client runs with: a service, an instelling (with the group prefix
 * its ACLs allow), the operator's command line, the administrator.
 */
export class BeveiligdeBroker {
  private constructor(
    readonly brokers: string[],
    readonly dataDir: string,
    readonly stop: () => Promise<void>,
  ) {}

  static async start(opties: { port: number; dataDir?: string; instellingen: string[]; topicPrefix?: string; handleSignals?: boolean }): Promise<BeveiligdeBroker> {
    await ensureJars();
    const { port, dataDir, instellingen, topicPrefix = '', handleSignals = false } = opties;
    const broker = await startBroker({ port, dataDir, handleSignals, beveiliging: { instellingen, topicPrefix } });
    return new BeveiligdeBroker(broker.brokers, broker.dataDir, broker.stop);
  }

  /** The credentials as they are now (onboarding adds to them). */
  get toegang(): Toegang {
    return kafkaJs.toegang.leesToegang(this.dataDir);
  }

  private env(gebruiker: string): NodeJS.ProcessEnv {
    return { KAFKA_BROKERS: this.brokers.join(','), ...kafkaJs.toegang.saslEnv(this.toegang, gebruiker) };
  }

  service(naam: string): NodeJS.ProcessEnv {
    return this.env(kafkaJs.toegang.serviceGebruiker(naam));
  }

  /** An instelling's own client: its principal, and its readers' groups under `instelling.<BRIN>.`. */
  instelling(brin: string): NodeJS.ProcessEnv {
    return { ...this.env(kafkaJs.toegang.instellingGebruiker(brin)), BRON_CLIENT_GROEP_PREFIX: `instelling.${brin}.` };
  }

  get operator(): NodeJS.ProcessEnv {
    return this.env(kafkaJs.toegang.OPERATOR);
  }

  get beheer(): NodeJS.ProcessEnv {
    return this.env(kafkaJs.toegang.BEHEER);
  }

  /** Onboards an instelling while everything runs (infra/kafka: SCRAM user, topics, ACLs). */
  async sluitAan(brin: string): Promise<NodeJS.ProcessEnv> {
    await kafkaJs.sluitInstellingAan({ brokers: this.brokers, dataDir: this.dataDir, brin });
    return this.instelling(brin);
  }
}

/**
 * The brokers to use: KAFKA_BROKERS when given, otherwise the repo's own broker (infra/kafka),
 * started here on KAFKA_PORT or `standaardPoort`; its stop is added to `opruimen`. A caller that
 * stops everything in order on Ctrl-C itself passes `handleSignals: false`; otherwise the broker
 * stops on the process's SIGINT/SIGTERM.
 */
export async function kafkaBrokers(opruimen: (() => Promise<void>)[], standaardPoort: number, opties: { handleSignals?: boolean } = {}): Promise<string> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  await ensureJars();
  const broker = await startBroker({ port: Number(process.env.KAFKA_PORT ?? standaardPoort), handleSignals: opties.handleSignals ?? true });
  opruimen.push(() => broker.stop());
  return broker.brokers.join(',');
}
