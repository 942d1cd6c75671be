// Who may do what on the broker in its security mode (`kafka.js start --sasl`): the principals,
// their passwords, and the ACLs of each (docs/kafka.md, "Security mode"). Plain JavaScript, like
// kafka.js, so that the broker starts without a TypeScript build; a unit test checks these topic
// and group names against libs/contracts and the services' consumer groups.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const MECHANISME = 'SCRAM-SHA-256';
/** The super user for administration only: topics, ACLs, SCRAM users (onboarding). No service uses it. */
const BEHEER = 'bron-beheer';
/** The broker's own principal (controller and inter-broker traffic); a super user too. */
const BROKER = 'bron-broker';
/** The operator's command line (`bron extern`, `bron foto`, `bron volg` of any instelling). */
const OPERATOR = 'bron-operator';
const SERVICES = ['aanlevering', 'bekostiging', 'foto', 'notificatie'];
const BRIN = /^[0-9]{2}[A-Z0-9]{2}$/;

const T = {
  studentfeit: 'aanlevering.public.studentfeit.v1',
  persoon: 'extern.public.persoon.v1',
  vooropleiding: 'extern.public.vooropleiding.v1',
  kwalificatie: 'referentie.public.kwalificatie.v1',
  externAntwoord: 'extern.public.antwoord.v1',
  herberekening: 'bekostiging.internal.herberekening.v1',
  basisset: 'bekostiging.public.basisset.v1',
  basissetwijziging: 'bekostiging.internal.basissetwijziging.v1',
  fotoAanvraag: 'foto.public.aanvraag.v1',
};
const instellingTopic = (brin, soort) => `instelling.${brin}.${soort}.v1`;
const INSTELLING_SOORTEN = ['aanlevering', 'terugkoppeling', 'bekostigingsstatus', 'notificatie', 'foto'];
const dlq = (topic) => `${topic}.dlq`;

/**
 * What each service consumes (with its consumer groups) and produces, apart from the per-instelling
 * topics. A consumed topic's `.dlq` is written too (dead letters go through the service's outbox).
 */
const SERVICE_TOPICS = {
  aanlevering: { groepen: ['aanlevering', 'aanlevering-extern'], leest: [T.persoon, T.vooropleiding, T.kwalificatie], schrijft: [T.studentfeit, T.externAntwoord] },
  bekostiging: { groepen: ['bekostiging'], leest: [T.studentfeit, T.persoon, T.vooropleiding, T.kwalificatie, T.herberekening], schrijft: [T.basisset, T.basissetwijziging, T.herberekening] },
  foto: { groepen: ['foto', 'foto-aanvraag'], leest: [T.basisset, T.fotoAanvraag], schrijft: [] },
  notificatie: { groepen: ['notificatie'], leest: [T.basissetwijziging], schrijft: [] },
};
/** The operator's command line: the external feeds and foto requests it sends, the answers it reads. */
const OPERATOR_TOPICS = { leest: [T.externAntwoord], schrijft: [T.persoon, T.vooropleiding, T.kwalificatie, T.fotoAanvraag] };
/** Per instelling: what each service reads and writes of its topics. The intake also writes the intake topic (HTTP deliveries). */
const SERVICE_INSTELLING_TOPICS = {
  aanlevering: { leest: ['aanlevering'], schrijft: ['aanlevering', 'terugkoppeling'] },
  bekostiging: { leest: [], schrijft: ['bekostigingsstatus'] },
  foto: { leest: [], schrijft: ['foto'] },
  notificatie: { leest: [], schrijft: ['notificatie'] },
};

const serviceGebruiker = (service) => `bron-${service}`;
const instellingGebruiker = (brin) => `instelling-${brin}`;
const principal = (gebruiker) => `User:${gebruiker}`;

function controleerBrin(brin) {
  if (!BRIN.test(brin)) throw new Error(`'${brin}' is geen BRIN (twee cijfers en twee hoofdletters of cijfers, bijv. 25LX)`);
  return brin;
}

const acl = (gebruiker, type, naam, patroon, operatie) => ({ principal: principal(gebruiker), type, naam, patroon, operatie });
const topicAcls = (gebruiker, topic, operaties, patroon = 'LITERAL') => operaties.map((o) => acl(gebruiker, 'TOPIC', topic, patroon, o));
/** Idempotent producers ask for a producer id (InitProducerId): IDEMPOTENT_WRITE on the cluster. */
const idempotent = (gebruiker) => acl(gebruiker, 'CLUSTER', 'kafka-cluster', 'LITERAL', 'IDEMPOTENT_WRITE');

/** A service reads its topics (and creates them when missing), writes its own and the dead letters of what it reads. */
function leesSchrijf(gebruiker, leest, schrijft) {
  return [
    ...leest.flatMap((t) => [...topicAcls(gebruiker, t, ['READ', 'CREATE']), ...topicAcls(gebruiker, dlq(t), ['WRITE', 'CREATE'])]),
    ...schrijft.filter((t) => !leest.includes(t)).flatMap((t) => topicAcls(gebruiker, t, ['WRITE', 'CREATE'])),
    ...schrijft.filter((t) => leest.includes(t)).flatMap((t) => topicAcls(gebruiker, t, ['WRITE'])),
  ];
}

/** The ACLs that do not depend on the instellingen: the services' shared topics and groups, the operator's. */
function basisAcls(prefix = '') {
  const p = (t) => prefix + t;
  const acls = [];
  for (const service of SERVICES) {
    const g = serviceGebruiker(service);
    const { groepen, leest, schrijft } = SERVICE_TOPICS[service];
    acls.push(...leesSchrijf(g, leest.map(p), schrijft.map(p)));
    acls.push(...groepen.map((groep) => acl(g, 'GROUP', p(groep), 'LITERAL', 'READ')), idempotent(g));
  }
  acls.push(
    ...OPERATOR_TOPICS.schrijft.flatMap((t) => topicAcls(OPERATOR, p(t), ['WRITE', 'CREATE'])),
    ...OPERATOR_TOPICS.leest.flatMap((t) => topicAcls(OPERATOR, p(t), ['READ', 'CREATE'])),
    ...topicAcls(OPERATOR, p('instelling.'), ['READ'], 'PREFIXED'),
    acl(OPERATOR, 'GROUP', p('bron-client-'), 'PREFIXED', 'READ'),
    idempotent(OPERATOR),
  );
  return acls;
}

/**
 * The ACLs of one instelling: its principal reads (and describes) every topic and uses every group
 * under `instelling.<BRIN>.`, and writes only its intake topic; the services get their part of its topics.
 */
function instellingAcls(brin, prefix = '') {
  controleerBrin(brin);
  const g = instellingGebruiker(brin);
  const eigen = prefix + `instelling.${brin}.`;
  const acls = [
    ...topicAcls(g, eigen, ['READ', 'DESCRIBE'], 'PREFIXED'),
    acl(g, 'GROUP', eigen, 'PREFIXED', 'READ'),
    ...topicAcls(g, prefix + instellingTopic(brin, 'aanlevering'), ['WRITE']),
    idempotent(g),
  ];
  for (const service of SERVICES) {
    const { leest, schrijft } = SERVICE_INSTELLING_TOPICS[service];
    const t = (soort) => prefix + instellingTopic(brin, soort);
    acls.push(...leesSchrijf(serviceGebruiker(service), leest.map(t), schrijft.map(t)));
  }
  return acls;
}

/** The topics an instelling gets at onboarding: its five, and the dead letters of its intake. */
function instellingTopics(brin) {
  const topics = INSTELLING_SOORTEN.map((s) => instellingTopic(controleerBrin(brin), s));
  return [...topics, dlq(topics[0])];
}

function naarKafkajs(a) {
  const { AclResourceTypes, ResourcePatternTypes, AclOperationTypes, AclPermissionTypes } = require('kafkajs');
  return {
    resourceType: AclResourceTypes[a.type], resourceName: a.naam, resourcePatternType: ResourcePatternTypes[a.patroon],
    principal: a.principal, host: '*', operation: AclOperationTypes[a.operatie], permissionType: AclPermissionTypes.ALLOW,
  };
}

/** A password for SCRAM: 24 random bytes, base64url (no character SCRAM's config syntax would trip over). */
const maakWachtwoord = () => crypto.randomBytes(24).toString('base64url');

/**
 * The credentials of a broker: every principal with a fresh password. Written to `toegang.json` in
 * the broker's data dir, mode 0600; passwords are never committed.
 */
function maakToegang(instellingen, prefix = '') {
  const gebruikers = { [BEHEER]: maakWachtwoord(), [BROKER]: maakWachtwoord(), [OPERATOR]: maakWachtwoord() };
  for (const s of SERVICES) gebruikers[serviceGebruiker(s)] = maakWachtwoord();
  for (const b of instellingen) gebruikers[instellingGebruiker(controleerBrin(b))] = maakWachtwoord();
  return { mechanisme: MECHANISME, topicPrefix: prefix, instellingen: [...instellingen], gebruikers };
}

const toegangBestand = (dataDir) => path.join(dataDir, 'toegang.json');

function schrijfToegang(dataDir, toegang) {
  const bestand = toegangBestand(dataDir);
  fs.writeFileSync(`${bestand}.tmp`, JSON.stringify(toegang, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(`${bestand}.tmp`, bestand);
}

function leesToegang(dataDir) {
  const bestand = toegangBestand(dataDir);
  if (!fs.existsSync(bestand)) throw new Error(`geen ${bestand}: start de broker met --sasl`);
  return JSON.parse(fs.readFileSync(bestand, 'utf8'));
}

/** The environment a client runs with as `gebruiker` (services, CLI, demo). */
function saslEnv(toegang, gebruiker) {
  const wachtwoord = toegang.gebruikers[gebruiker];
  if (!wachtwoord) throw new Error(`geen gebruiker ${gebruiker} in de toegang van deze broker`);
  return { KAFKA_SASL_MECHANISM: toegang.mechanisme.toLowerCase(), KAFKA_SASL_USERNAME: gebruiker, KAFKA_SASL_PASSWORD: wachtwoord };
}

/** kafkajs's `sasl` option for `gebruiker`. */
function kafkajsSasl(toegang, gebruiker) {
  return { mechanism: toegang.mechanisme.toLowerCase(), username: gebruiker, password: toegang.gebruikers[gebruiker] };
}

/**
 * The instellingen a secured broker starts with: a comma-separated BRIN list or the path of a CSV
 * file with a `brin` column (as `INSTELLINGEN` for the services); empty: the repo's data/instellingen.csv.
 */
function laadInstellingen(waarde) {
  const w = (waarde ?? '').trim();
  if (w && !/[/\\]/.test(w) && !/\.csv$/i.test(w)) return [...new Set(w.split(',').map((b) => controleerBrin(b.trim())))];
  const bestand = w ? path.resolve(w) : path.join(__dirname, '..', '..', 'data', 'instellingen.csv');
  const [kop, ...regels] = fs.readFileSync(bestand, 'utf8').split(/\r?\n/).filter((r) => r.trim());
  const kolom = kop.split(',').map((k) => k.trim()).indexOf('brin');
  if (kolom < 0) throw new Error(`${bestand} heeft geen kolom brin`);
  return [...new Set(regels.map((r) => controleerBrin(r.split(',')[kolom].trim())))];
}

module.exports = {
  laadInstellingen,
  MECHANISME, BEHEER, BROKER, OPERATOR, SERVICES, SERVICE_TOPICS, OPERATOR_TOPICS, SERVICE_INSTELLING_TOPICS, INSTELLING_SOORTEN,
  serviceGebruiker, instellingGebruiker, controleerBrin, basisAcls, instellingAcls, instellingTopics, naarKafkajs,
  maakWachtwoord, maakToegang, schrijfToegang, leesToegang, toegangBestand, saslEnv, kafkajsSasl,
};
