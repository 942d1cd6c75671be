#!/usr/bin/env node
// Local single-node Apache Kafka broker (KRaft, 127.0.0.1) for development and integration tests.
// It runs from Maven Central jars because these machines have Java and Maven but no Docker.
//   node infra/kafka/kafka.js fetch | start [--port N] [--detach] | stop | run [--port N] -- <command...>
'use strict';
const { spawn, spawnSync, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

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

async function answers(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const options = { brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 } };
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
 * its topics, messages and committed offsets are kept.
 */
async function startBroker(options = {}) {
  const { port = 19092, controllerPort = port + 1, heapMb = 384, overrides = {}, detached = false } = options;
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
    ...overrides,
  };
  const config = path.join(dataDir, 'server.properties');
  fs.writeFileSync(config, Object.entries(props).map(([k, v]) => `${k}=${String(v).replace(/\\/g, '\\\\')}\n`).join(''));
  const log4j = pathToFileURL(path.join(__dirname, 'log4j.properties')).href;
  const jvm = [`-Xmx${heapMb}m`, '-Djava.awt.headless=true', `-Dlog4j.configuration=${log4j}`, `-Dkafka.logs.dir=${logDir}`, '-cp', path.join(libs, '*')];
  if (!restart) await exec(JAVA, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', config], 'Formatting the Kafka storage');

  // A detached broker cannot write to our stderr once we are gone, so it gets a file instead.
  const out = detached ? fs.openSync(path.join(logDir, 'kafka.out'), 'a') : 'inherit';
  const child = spawn(JAVA, [...jvm, 'kafka.Kafka', config], { detached, stdio: ['ignore', detached ? out : 'ignore', out] });
  if (detached) {
    fs.closeSync(out);
    child.unref();
  }
  const broker = { pid: child.pid, brokers: [`127.0.0.1:${port}`], exitInfo: null, handleSignals };
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
  let ready = await answers(broker.brokers);
  while (!ready && broker.exitInfo === null && Date.now() < deadline) {
    await sleep(250);
    ready = await answers(broker.brokers);
  }
  if (!ready) {
    const reason = broker.exitInfo === null ? `not ready after ${READY_TIMEOUT_MS / 1000} s` : `java exited (${broker.exitInfo})`;
    if (broker.exitInfo === null) child.kill('SIGKILL');
    await broker.exited;
    printLog(logDir);
    throw new Error(`Kafka broker on 127.0.0.1:${port} did not start: ${reason}; logs in ${rel(logDir)}`);
  }
  if (detached) owned.delete(broker);
  log(`broker ${broker.brokers} ready in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${child.pid}, logs in ${rel(logDir)})`);
  const { pid, brokers, stop, exited } = broker;
  return { brokers, pid, stop, exited };
}

// ---- CLI ----

async function main([command, ...rest]) {
  const args = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const portArg = args.includes('--port') ? args[args.indexOf('--port') + 1] : process.env.KAFKA_PORT || '19092';
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`Invalid port: ${portArg}`);
  // Until the broker is ready a signal just exits; the 'exit' hook kills a half-started broker.
  let onSignal = (signal) => process.exit(128 + os.constants.signals[signal]);
  ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, (s) => onSignal(s)));

  if (command === 'fetch') {
    log(`jars in ${rel(await ensureJars())}`);
  } else if (command === 'start' && args.includes('--detach')) {
    const running = readPid(PID_FILE);
    if (isKafka(running)) throw new Error(`A detached broker already runs (pid ${running}); stop it: node infra/kafka/kafka.js stop`);
    const broker = await startBroker({ port, detached: true });
    fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
    fs.writeFileSync(PID_FILE, `${broker.pid}\n`);
    fs.writeFileSync(BROKERS_FILE, `${broker.brokers.join(',')}\n`);
    console.log(`KAFKA_BROKERS=${broker.brokers.join(',')}`);
  } else if (command === 'start') {
    const broker = await startBroker({ port, handleSignals: false });
    console.log(`KAFKA_BROKERS=${broker.brokers.join(',')}`);
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
    const broker = process.env.KAFKA_BROKERS ? null : await startBroker({ port, handleSignals: false });
    const env = broker ? { ...process.env, KAFKA_BROKERS: broker.brokers.join(',') } : process.env;
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env });
    // The command shuts down first, while its broker still runs.
    onSignal = (signal) => child.kill(signal);
    process.exitCode = await new Promise((resolve) => {
      child.on('error', (err) => (log(`cannot run ${argv[0]}: ${err.message}`), resolve(127)));
      child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
    });
    await broker?.stop();
  } else {
    console.error('Usage: node infra/kafka/kafka.js fetch | start [--port N] [--detach] | stop | run [--port N] -- <command...>');
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    log(err.message);
    process.exit(1);
  });
}

module.exports = { ensureJars, startBroker };
