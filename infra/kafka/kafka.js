#!/usr/bin/env node
// Local single-node Apache Kafka broker (KRaft, 127.0.0.1) for development and integration tests.
// It runs from Maven Central jars because these machines have Java and Maven but no Docker.
//   node infra/kafka/kafka.js fetch | start [--port N] [--detach] [--sasl] | stop | run [--port N] [--sasl] -- <command...>
//   node infra/kafka/kafka.js instelling <BRIN> [--port N]   (onboarding on a --sasl broker)
'use strict';
const { spawn, spawnSync, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const toegang = require('./toegang');

const ROOT = path.resolve(__dirname, '..', '..');
const LIBS = path.join(__dirname, 'libs');
const POM = path.join(__dirname, 'pom.xml');
const PID_FILE = path.join(ROOT, 'tmp', 'kafka', 'broker.pid'); // the `start --detach` broker
const BROKERS_FILE = path.join(ROOT, 'tmp', 'kafka', 'brokers');
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const STOP_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 120_000;

const log = (message) => process.stderr.write(`kafka: ${message}\n`);
const rel = (p) => path.relative(process.cwd(), p) || '.';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const readPid = (file) => (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0);

function exec(command, args, what) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const detail = err.code === 'ENOENT' ? `'${command}' is not installed or not on PATH` : `${stdout}${stderr}`.trim();
      reject(new Error(`${what} failed: ${detail || err.message}`));
    });
  });
}

function isAlive(pid) {
  try {
    return process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
}

// Guards every kill of a pid read from a file: the pid may have been reused by another program.
function isKafka(pid) {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  return (spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).stdout ?? '').includes('kafka.Kafka');
}

async function waitGone(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  return !isAlive(pid);
}

/** Fetches the broker jars into infra/kafka/libs once per pom.xml content; returns that dir. */
async function ensureJars() {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(POM)).digest('hex');
  const marker = path.join(LIBS, '.pom-sha256');
  const fresh = () => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash;
  if (fresh()) return LIBS;
  log('fetching the broker jars with Maven (once, about 48 MB)...');
  // Fetched into a private dir and swapped in whole: parallel runs never see a half-filled libs/,
  // and jars of an older pom never stay on the classpath.
  const tmp = path.join(__dirname, 'target', `libs-${process.pid}`);
  try {
    const args = ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`];
    await exec('mvn', args, 'Fetching the Kafka jars with Maven');
    fs.writeFileSync(path.join(tmp, '.pom-sha256'), hash);
    if (!fresh()) {
      fs.rmSync(LIBS, { recursive: true, force: true });
      fs.renameSync(tmp, LIBS);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return LIBS;
}

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', (err) => {
      const hint = err.code === 'EADDRINUSE'
        ? 'is already in use (another Kafka broker? see `pgrep -af kafka.Kafka`; or pick another port: --port / KAFKA_PORT)'
        : `cannot be opened: ${err.message}`;
      reject(new Error(`Port ${port} on 127.0.0.1 ${hint}`));
    });
    server.listen(port, '127.0.0.1', () => server.close(resolve));
  });
}

// A broker whose parent was SIGKILLed (so no exit hook ran) would otherwise hold its port for good.
async function killOrphan(dataDir) {
  const file = path.join(dataDir, 'broker.json');
  const { pid, owner } = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  if (!isKafka(pid)) return;
  if (owner === null) throw new Error(`A detached Kafka broker (pid ${pid}) uses ${rel(dataDir)}; stop it: node infra/kafka/kafka.js stop`);
  if (isAlive(owner)) throw new Error(`Kafka broker pid ${pid} of the running process ${owner} still uses ${rel(dataDir)}`);
  log(`killing orphaned broker pid ${pid} (its parent process ${owner} is gone)`);
  process.kill(pid, 'SIGKILL');
  await waitGone(pid, 5000);
}

function resetDir(dir) {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length && !fs.existsSync(path.join(dir, 'server.properties'))) {
    throw new Error(`Refusing to wipe ${dir}: it is not a broker data dir made by infra/kafka/kafka.js`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

function clusterId() {
  let id;
  do id = crypto.randomBytes(16).toString('base64url');
  while (id.startsWith('-')); // Kafka's tools would read a leading '-' as an option
  return id;
}

async function answers(brokers, sasl) {
  const { Kafka, logLevel } = require('kafkajs');
  const options = { brokers, sasl, logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 } };
  const admin = new Kafka({ clientId: 'kafka-js-readiness', ...options }).admin();
  const ok = await admin.connect().then(() => admin.describeCluster()).then(() => true, () => false);
  await admin.disconnect().catch(() => {});
  return ok;
}

// The last lines of a failed start are shutdown noise; the first error says what went wrong.
function printLog(logDir, count = 40) {
  for (const file of ['server.log', 'kafka.out'].map((name) => path.join(logDir, name))) {
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trimEnd().split('\n') : [];
    const first = lines.findIndex((line) => / (ERROR|FATAL) /.test(line));
    const shown = first >= 0 ? lines.slice(first, first + count) : lines.slice(-count);
    if (shown.join('').trim()) process.stderr.write(`----- ${rel(file)}\n${shown.join('\n')}\n-----\n`);
  }
}

// Brokers that must not outlive this process (detached ones only until they are ready).
const owned = new Set();
const killOwned = () => owned.forEach((b) => isAlive(b.pid) && process.kill(b.pid, 'SIGKILL'));
const hooked = { exit: false, signals: false };
function hookParent(handleSignals) {
  // 'exit' allows only synchronous work; the data dir is throwaway, so SIGKILL is fine there.
  if (!hooked.exit) {
    process.on('exit', killOwned);
    hooked.exit = true;
  }
  if (!handleSignals || hooked.signals) return;
  hooked.signals = true;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async function onSignal() {
      // Counted now: a `once` listener that runs after this one is gone by the time we resume.
      const othersHandleIt = process.listenerCount(signal) > 1;
      await Promise.all([...owned].filter((b) => b.handleSignals).map((b) => b.stop()));
      if (othersHandleIt) return;
      // Nobody else decides how to exit: do the default (die by the signal), leaving no broker.
      killOwned();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Starts a fresh single-node broker+controller and resolves once it answers an admin request.
 * `detached`: the broker outlives this process (`start --detach`). `handleSignals`: stop it on this
 * process's SIGINT/SIGTERM; callers that order their own shutdown turn it off. `keepData`: start
 * again on the data of a broker that ran in `dataDir` before (a restart, as a fault test needs):
 * its topics, messages and committed offsets are kept. `beveiliging` ({ instellingen, topicPrefix }):
 * the security mode (SASL/SCRAM, ACLs per principal; docs/kafka.md): the principals' passwords are
 * made here and written to `<dataDir>/toegang.json` (mode 0600), returned as `toegang`.
 */
async function startBroker(options = {}) {
  const { port = 19092, controllerPort = port + 1, heapMb = 384, overrides = {}, detached = false, beveiliging } = options;
  const { handleSignals = !detached, keepData = false } = options;
  const dataDir = path.resolve(options.dataDir ?? path.join(ROOT, 'tmp', `kafka-${port}`));
  const logDir = path.resolve(options.logDir ?? path.join(dataDir, 'logs'));
  const libs = await ensureJars();
  const began = Date.now();
  await killOrphan(dataDir);
  for (const p of [port, controllerPort]) await assertPortFree(p);
  const restart = keepData && fs.existsSync(path.join(dataDir, 'data', 'meta.properties'));
  if (!restart) resetDir(dataDir);
  fs.mkdirSync(logDir, { recursive: true });
  let toegangen = null;
  if (beveiliging) {
    const bestaand = restart && fs.existsSync(toegang.toegangBestand(dataDir));
    toegangen = bestaand ? toegang.leesToegang(dataDir) : toegang.maakToegang(beveiliging.instellingen ?? [], beveiliging.topicPrefix ?? '');
    toegang.schrijfToegang(dataDir, toegangen);
  }

  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': path.join(dataDir, 'data'),
    'auto.create.topics.enable': false,
    'num.partitions': 3,
    'log.retention.hours': 168,
    // Test speed: no join delay, one-partition internal topics with one replica, and a session
    // minimum low enough for the short client sessions that keep consumer-group tests fast.
    'group.initial.rebalance.delay.ms': 0,
    'offsets.topic.num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'default.replication.factor': 1,
    'group.min.session.timeout.ms': 1000,
    ...(toegangen ? beveiligdeListeners(port, controllerPort, toegangen) : {}),
    ...overrides,
  };
  const config = path.join(dataDir, 'server.properties');
  // Mode 0600: in the security mode it holds the broker's own passwords.
  fs.writeFileSync(config, Object.entries(props).map(([k, v]) => `${k}=${String(v).replace(/\\/g, '\\\\')}\n`).join(''), { mode: 0o600 });
  const log4j = pathToFileURL(path.join(__dirname, 'log4j.properties')).href;
  const jvm = [`-Xmx${heapMb}m`, '-Djava.awt.headless=true', `-Dlog4j.configuration=${log4j}`, `-Dkafka.logs.dir=${logDir}`, '-cp', path.join(libs, '*')];
  // SCRAM users are bootstrapped into the metadata at format time (KRaft, Kafka 3.5+).
  const scram = toegangen ? Object.entries(toegangen.gebruikers).flatMap(([name, password]) => ['--add-scram', `${toegang.MECHANISME}=[name=${name},password=${password}]`]) : [];
  if (!restart) await exec(JAVA, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', config, ...scram], 'Formatting the Kafka storage');

  // A detached broker cannot write to our stderr once we are gone, so it gets a file instead.
  const out = detached ? fs.openSync(path.join(logDir, 'kafka.out'), 'a') : 'inherit';
  const child = spawn(JAVA, [...jvm, 'kafka.Kafka', config], { detached, stdio: ['ignore', detached ? out : 'ignore', out] });
  if (detached) {
    fs.closeSync(out);
    child.unref();
  }
  const broker = { pid: child.pid, brokers: [`127.0.0.1:${port}`], exitInfo: null, handleSignals };
  const beheer = toegangen ? toegang.kafkajsSasl(toegangen, toegang.BEHEER) : undefined;
  child.on('error', (err) => log(`could not run ${JAVA}: ${err.message}`));
  broker.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    broker.exitInfo = signal ?? `exit code ${code}`;
    owned.delete(broker);
    resolve(broker.exitInfo);
  }));
  let stopping;
  broker.stop = () => (stopping ??= (async () => {
    if (broker.exitInfo !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      log(`broker pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await broker.exited;
    clearTimeout(timer);
  })());
  owned.add(broker);
  hookParent(handleSignals);
  fs.writeFileSync(path.join(dataDir, 'broker.json'), JSON.stringify({ pid: child.pid, owner: detached ? null : process.pid }));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let ready = await answers(broker.brokers, beheer);
  while (!ready && broker.exitInfo === null && Date.now() < deadline) {
    await sleep(250);
    ready = await answers(broker.brokers, beheer);
  }
  if (!ready) {
    const reason = broker.exitInfo === null ? `not ready after ${READY_TIMEOUT_MS / 1000} s` : `java exited (${broker.exitInfo})`;
    if (broker.exitInfo === null) child.kill('SIGKILL');
    await broker.exited;
    printLog(logDir);
    throw new Error(`Kafka broker on 127.0.0.1:${port} did not start: ${reason}; logs in ${rel(logDir)}`);
  }
  if (toegangen) {
    try {
      await richtToegangIn(broker.brokers, toegangen);
    } catch (err) {
      await broker.stop();
      throw new Error(`Kafka broker on 127.0.0.1:${port}: setting up the ACLs failed: ${err.message}`);
    }
  }
  if (detached) owned.delete(broker);
  const modus = toegangen ? `, SASL/${toegang.MECHANISME} with ACLs, credentials in ${rel(toegang.toegangBestand(dataDir))}` : '';
  log(`broker ${broker.brokers} ready in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${child.pid}, logs in ${rel(logDir)}${modus})`);
  const { pid, brokers, stop, exited } = broker;
  return { brokers, pid, stop, exited, dataDir, toegang: toegangen };
}

// ---- security mode ----

/**
 * Clients on SASL_PLAINTEXT with SCRAM-SHA-256 only; the controller listener on SASL_PLAINTEXT with
 * PLAIN (SCRAM credentials live in the metadata the controller serves, so it cannot use them
 * itself), its one user the broker's own principal. No listener takes anonymous clients.
 */
function beveiligdeListeners(port, controllerPort, t) {
  const broker = toegang.BROKER;
  const wachtwoord = t.gebruikers[broker];
  return {
    listeners: `SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': toegang.MECHANISME,
    'sasl.mechanism.inter.broker.protocol': toegang.MECHANISME,
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${broker}" password="${wachtwoord}";`,
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="${broker}" password="${wachtwoord}" user_${broker}="${wachtwoord}";`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': false,
    'super.users': `User:${broker};User:${toegang.BEHEER}`,
  };
}

async function beheerAdmin(brokers, t, sasl = toegang.kafkajsSasl(t, toegang.BEHEER)) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ clientId: 'bron-beheer', brokers, sasl, logLevel: logLevel.NOTHING, retry: { retries: 6 } }).admin();
  await admin.connect();
  return admin;
}

/** The topics of an instelling, created by the administrator (an instelling may not create topics). */
async function maakInstellingTopics(admin, brins, prefix) {
  const retentie = String(Number(process.env.KAFKA_TOPIC_RETENTIE_DAGEN ?? 7) * 24 * 60 * 60 * 1000);
  const bestaand = new Set(await admin.listTopics());
  const topics = brins.flatMap((b) => toegang.instellingTopics(b)).filter((t) => !bestaand.has(prefix + t));
  // One partition for the intake (an instelling's records in order) and for dead letters (libs/contracts partitionsFor).
  const partities = (t) => (t.endsWith('.aanlevering.v1') || t.endsWith('.dlq') ? 1 : 3);
  if (topics.length) {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((t) => ({ topic: prefix + t, numPartitions: partities(t), replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: retentie }] })) });
  }
}

/** After start: the ACLs of every principal, and the topics of the instellingen. */
async function richtToegangIn(brokers, t, sasl) {
  const admin = await beheerAdmin(brokers, t, sasl);
  try {
    const acls = [...toegang.basisAcls(t.topicPrefix), ...t.instellingen.flatMap((b) => toegang.instellingAcls(b, t.topicPrefix))];
    await admin.createAcls({ acl: acls.map(toegang.naarKafkajs) });
    await maakInstellingTopics(admin, t.instellingen, t.topicPrefix);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Onboards an instelling on a running broker in the security mode, without restarting anything:
 * its SCRAM user (kafka-configs: kafkajs cannot create SCRAM users), its topics and its ACLs (and
 * the services' ACLs on its topics). The intake sees the new intake topic on its next look
 * (`BRON_TOPIC_HERLEES_MS`) and subscribes to it. Returns the instelling's credentials; they are
 * also added to `toegang.json`.
 */
async function sluitInstellingAan({ brokers, dataDir, brin }) {
  toegang.controleerBrin(brin);
  const t = toegang.leesToegang(dataDir);
  const gebruiker = toegang.instellingGebruiker(brin);
  const wachtwoord = t.gebruikers[gebruiker] ?? toegang.maakWachtwoord();
  const libs = await ensureJars();
  const commandConfig = path.join(dataDir, `beheer-${process.pid}.properties`);
  fs.writeFileSync(commandConfig, [
    'security.protocol=SASL_PLAINTEXT', `sasl.mechanism=${toegang.MECHANISME}`,
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${toegang.BEHEER}" password="${t.gebruikers[toegang.BEHEER]}";`,
  ].join('\n') + '\n', { mode: 0o600 });
  try {
    const log4j = pathToFileURL(path.join(__dirname, 'log4j.properties')).href;
    await exec(JAVA, [
      '-Xmx256m', `-Dlog4j.configuration=${log4j}`, `-Dkafka.logs.dir=${path.join(dataDir, 'logs')}`, '-cp', path.join(libs, '*'), 'kafka.admin.ConfigCommand',
      '--bootstrap-server', brokers.join(','), '--command-config', commandConfig, '--alter', '--entity-type', 'users', '--entity-name', gebruiker,
      '--add-config', `${toegang.MECHANISME}=[password=${wachtwoord}]`,
    ], `Creating the SCRAM user ${gebruiker}`);
  } finally {
    fs.rmSync(commandConfig, { force: true });
  }
  const admin = await beheerAdmin(brokers, t);
  try {
    await maakInstellingTopics(admin, [brin], t.topicPrefix);
    await admin.createAcls({ acl: toegang.instellingAcls(brin, t.topicPrefix).map(toegang.naarKafkajs) });
  } finally {
    await admin.disconnect();
  }
  const bijgewerkt = toegang.leesToegang(dataDir);
  bijgewerkt.gebruikers[gebruiker] = wachtwoord;
  if (!bijgewerkt.instellingen.includes(brin)) bijgewerkt.instellingen.push(brin);
  toegang.schrijfToegang(dataDir, bijgewerkt);
  await wachtOpToegang(brokers, bijgewerkt, gebruiker, toegang.instellingTopics(brin), t.topicPrefix);
  return toegang.saslEnv(bijgewerkt, gebruiker);
}

/**
 * The controller has the new user and ACLs at once, the broker a moment later: returns when the
 * instelling can log in and sees its topics, so that whoever onboards can hand the credentials on.
 */
async function wachtOpToegang(brokers, t, gebruiker, topics, prefix) {
  const { Kafka, logLevel } = require('kafkajs');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = new Kafka({ clientId: 'bron-aansluiten', brokers, sasl: toegang.kafkajsSasl(t, gebruiker), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    const gezien = await admin.connect().then(() => admin.listTopics()).catch(() => []);
    await admin.disconnect().catch(() => {});
    if (topics.every((topic) => gezien.includes(prefix + topic))) return;
    if (Date.now() > deadline) throw new Error(`${gebruiker} ziet zijn topics niet binnen 60 s na het aansluiten`);
    await sleep(200);
  }
}

/** The variables docker-compose.yml reads its passwords from. */
function composeEnv(t) {
  const w = (gebruiker) => t.gebruikers[gebruiker];
  const regels = [
    '# docker compose: the Kafka passwords and the key of the opaque ids (node infra/kafka/kafka.js compose-env). Never commit this file.',
    `BRON_ID_SLEUTEL=${crypto.randomBytes(32).toString('base64url')}`,
    `BRON_KAFKA_BROKER_WACHTWOORD=${w(toegang.BROKER)}`,
    `BRON_KAFKA_BEHEER_WACHTWOORD=${w(toegang.BEHEER)}`,
    `BRON_KAFKA_OPERATOR_WACHTWOORD=${w(toegang.OPERATOR)}`,
    ...toegang.SERVICES.map((s) => `BRON_KAFKA_${s.toUpperCase()}_WACHTWOORD=${w(toegang.serviceGebruiker(s))}`),
    `BRON_KAFKA_INSTELLINGEN=${t.instellingen.map((b) => `${b}:${w(toegang.instellingGebruiker(b))}`).join(',')}`,
  ];
  return regels.join('\n') + '\n';
}

// ---- CLI ----

async function main([command, ...rest]) {
  const args = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const portArg = args.includes('--port') ? args[args.indexOf('--port') + 1] : process.env.KAFKA_PORT || '19092';
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`Invalid port: ${portArg}`);
  const instellingenArg = args.includes('--instellingen') ? args[args.indexOf('--instellingen') + 1] : process.env.INSTELLINGEN;
  const beveiliging = args.includes('--sasl') ? { instellingen: toegang.laadInstellingen(instellingenArg), topicPrefix: process.env.BRON_TOPIC_PREFIX ?? '' } : undefined;
  const meldToegang = (broker) => broker.toegang && console.log(`BRON_KAFKA_TOEGANG=${toegang.toegangBestand(broker.dataDir)}`);
  // Until the broker is ready a signal just exits; the 'exit' hook kills a half-started broker.
  let onSignal = (signal) => process.exit(128 + os.constants.signals[signal]);
  ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, (s) => onSignal(s)));

  if (command === 'fetch') {
    log(`jars in ${rel(await ensureJars())}`);
  } else if (command === 'start' && args.includes('--detach')) {
    const running = readPid(PID_FILE);
    if (isKafka(running)) throw new Error(`A detached broker already runs (pid ${running}); stop it: node infra/kafka/kafka.js stop`);
    const broker = await startBroker({ port, detached: true, beveiliging });
    fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
    fs.writeFileSync(PID_FILE, `${broker.pid}\n`);
    fs.writeFileSync(BROKERS_FILE, `${broker.brokers.join(',')}\n`);
    console.log(`KAFKA_BROKERS=${broker.brokers.join(',')}`);
    meldToegang(broker);
  } else if (command === 'start') {
    const broker = await startBroker({ port, handleSignals: false, beveiliging });
    console.log(`KAFKA_BROKERS=${broker.brokers.join(',')}`);
    meldToegang(broker);
    log('running; Ctrl-C stops it');
    const signalled = new Promise((resolve) => (onSignal = resolve));
    const crashed = broker.exited.then((how) => Promise.reject(new Error(`broker exited unexpectedly (${how})`)));
    await Promise.race([signalled, crashed]);
    await broker.stop();
  } else if (command === 'stop') {
    const pid = readPid(PID_FILE);
    if (isKafka(pid)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitGone(pid, STOP_TIMEOUT_MS))) {
        process.kill(pid, 'SIGKILL');
        await waitGone(pid, 5000);
      }
      log(`stopped broker pid ${pid}`);
    } else log('no detached broker is running');
    fs.rmSync(PID_FILE, { force: true });
    fs.rmSync(BROKERS_FILE, { force: true });
  } else if (command === 'run' && rest.includes('--') && rest.at(-1) !== '--') {
    const argv = rest.slice(rest.indexOf('--') + 1);
    const broker = process.env.KAFKA_BROKERS ? null : await startBroker({ port, handleSignals: false, beveiliging });
    const env = broker ? { ...process.env, KAFKA_BROKERS: broker.brokers.join(',') } : process.env;
    if (broker?.toegang) env.BRON_KAFKA_TOEGANG = toegang.toegangBestand(broker.dataDir);
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env });
    // The command shuts down first, while its broker still runs.
    onSignal = (signal) => child.kill(signal);
    process.exitCode = await new Promise((resolve) => {
      child.on('error', (err) => (log(`cannot run ${argv[0]}: ${err.message}`), resolve(127)));
      child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
    });
    await broker?.stop();
  } else if (command === 'compose-env') {
    // docker-compose.yml's passwords, made once into .env (git-ignored, mode 0600); never overwritten.
    const bestand = path.join(ROOT, '.env');
    if (fs.existsSync(bestand)) throw new Error(`${rel(bestand)} bestaat al; verwijder het eerst om nieuwe wachtwoorden te maken`);
    const t = toegang.maakToegang(toegang.laadInstellingen(instellingenArg));
    fs.writeFileSync(bestand, composeEnv(t), { mode: 0o600 });
    log(`wachtwoorden voor docker compose in ${rel(bestand)} (mode 0600)`);
  } else if (command === 'acls') {
    // docker compose's kafka-acls step: the ACLs and instelling topics, as the administrator over
    // the broker's PLAIN administration listener (KAFKA_BROKERS), the instellingen from BRON_KAFKA_INSTELLINGEN.
    const instellingen = (process.env.BRON_KAFKA_INSTELLINGEN ?? '').split(',').filter(Boolean).map((i) => i.split(':')[0]);
    const t = { mechanisme: toegang.MECHANISME, topicPrefix: process.env.BRON_TOPIC_PREFIX ?? '', instellingen, gebruikers: {} };
    const sasl = { mechanism: 'plain', username: toegang.BEHEER, password: process.env.BRON_KAFKA_BEHEER_WACHTWOORD };
    await richtToegangIn((process.env.KAFKA_BROKERS ?? '').split(','), t, sasl);
    log(`ACLs en topics voor ${instellingen.join(', ')} aangemaakt`);
  } else if (command === 'instelling' && args[0] && !args[0].startsWith('--')) {
    // The broker on --port / KAFKA_PORT (the detached one by default), its credentials in its data dir.
    const dataDir = path.join(ROOT, 'tmp', `kafka-${port}`);
    const env = await sluitInstellingAan({ brokers: [`127.0.0.1:${port}`], dataDir, brin: args[0] });
    log(`instelling ${args[0]} aangesloten: gebruiker ${env.KAFKA_SASL_USERNAME}, wachtwoord in ${rel(toegang.toegangBestand(dataDir))}`);
  } else {
    console.error('Usage: node infra/kafka/kafka.js fetch | start [--port N] [--detach] [--sasl [--instellingen L]] | stop | run [--port N] [--sasl] -- <command...> | instelling <BRIN> [--port N]');
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    log(err.message);
    process.exit(1);
  });
}

module.exports = { ensureJars, startBroker, sluitInstellingAan, toegang };
