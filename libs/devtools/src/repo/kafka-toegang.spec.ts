import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InstellingTopics, Topics } from '@bron/contracts';
import { SERVICES } from '../service-supervisor';

/**
 * The broker's ACLs (infra/kafka/toegang.js, plain JavaScript so that the broker starts without a
 * build) name topics and groups that the code defines elsewhere: these checks fail when a service
 * starts to use a topic or group its principal has no ACL for, before a secured broker refuses it.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toegang = require('../../../../infra/kafka/toegang.js') as {
  SERVICE_TOPICS: Record<string, { groepen: string[]; leest: string[]; schrijft: string[] }>;
  SERVICE_INSTELLING_TOPICS: Record<string, { leest: string[]; schrijft: string[] }>;
  OPERATOR_TOPICS: { leest: string[]; schrijft: string[] };
  INSTELLING_SOORTEN: string[];
  basisAcls: (prefix?: string) => Acl[];
  instellingAcls: (brin: string, prefix?: string) => Acl[];
  instellingTopics: (brin: string) => string[];
  laadInstellingen: (waarde?: string) => string[];
};
interface Acl { principal: string; type: string; naam: string; patroon: string; operatie: string }

function bronnen(map: string): string[] {
  return readdirSync(map).flatMap((naam) => {
    const pad = join(map, naam);
    if (statSync(pad).isDirectory()) return bronnen(pad);
    return /\.ts$/.test(naam) && !/\.(int-)?spec\.ts$/.test(naam) ? [readFileSync(pad, 'utf8')] : [];
  });
}

/** The `Topics.x` and `InstellingTopics.x` a project's code uses. */
function gebruikteTopics(project: string): { gedeeld: string[]; perInstelling: string[] } {
  const tekst = bronnen(join(ROOT, 'apps', project, 'src')).join('\n');
  const namen = (re: RegExp) => [...new Set([...tekst.matchAll(re)].map((m) => m[1]))];
  const gedeeld = namen(/(?<!Instelling)Topics\.([a-zA-Z]+)/g).map((n) => (Topics as Record<string, string>)[n]).filter(Boolean);
  const perInstelling = namen(/InstellingTopics\.([a-zA-Z]+)/g).filter((n) => toegang.INSTELLING_SOORTEN.includes(n));
  return { gedeeld, perInstelling };
}

describe('the broker ACLs (infra/kafka/toegang.js)', () => {
  it('name the topics libs/contracts defines', () => {
    const bekend = new Set(Object.values(Topics));
    const genoemd = [...Object.values(toegang.SERVICE_TOPICS).flatMap((s) => [...s.leest, ...s.schrijft]), ...toegang.OPERATOR_TOPICS.leest, ...toegang.OPERATOR_TOPICS.schrijft];
    expect(genoemd.filter((t) => !bekend.has(t as never))).toEqual([]);
    expect(toegang.instellingTopics('25LX').slice(0, -1).sort()).toEqual(InstellingTopics.alle('25LX').sort());
  });

  it.each(SERVICES)('give %s an ACL for every topic its code uses, and for its consumer groups', (service) => {
    const { gedeeld, perInstelling } = gebruikteTopics(service);
    const eigen = toegang.SERVICE_TOPICS[service];
    expect(gedeeld.filter((t) => ![...eigen.leest, ...eigen.schrijft].includes(t))).toEqual([]);
    const instelling = toegang.SERVICE_INSTELLING_TOPICS[service];
    expect(perInstelling.filter((s) => ![...instelling.leest, ...instelling.schrijft].includes(s))).toEqual([]);
    const module = readFileSync(join(ROOT, 'apps', service, 'src', 'app.module.ts'), 'utf8');
    const groepen = [...module.matchAll(/groupId: '([^']+)'/g)].map((m) => m[1]);
    expect(groepen.length).toBeGreaterThan(0);
    expect(groepen.filter((g) => !eigen.groepen.includes(g))).toEqual([]);
  });

  it("give the operator's command line the shared topics it sends and reads", () => {
    const { gedeeld } = gebruikteTopics('cli');
    expect(gedeeld.filter((t) => ![...toegang.OPERATOR_TOPICS.leest, ...toegang.OPERATOR_TOPICS.schrijft].includes(t))).toEqual([]);
  });

  it('give an instelling its own prefix to read and use as groups, and only its intake topic to write', () => {
    const acls = toegang.instellingAcls('25LX', 't1.').filter((a) => a.principal === 'User:instelling-25LX');
    expect(acls).toEqual(expect.arrayContaining([
      { principal: 'User:instelling-25LX', type: 'TOPIC', naam: 't1.instelling.25LX.', patroon: 'PREFIXED', operatie: 'READ' },
      { principal: 'User:instelling-25LX', type: 'GROUP', naam: 't1.instelling.25LX.', patroon: 'PREFIXED', operatie: 'READ' },
      { principal: 'User:instelling-25LX', type: 'TOPIC', naam: 't1.instelling.25LX.aanlevering.v1', patroon: 'LITERAL', operatie: 'WRITE' },
    ]));
    expect(acls.filter((a) => a.operatie === 'WRITE').map((a) => a.naam)).toEqual(['t1.instelling.25LX.aanlevering.v1']);
    expect(acls.filter((a) => ['TOPIC', 'GROUP'].includes(a.type)).every((a) => a.naam.startsWith('t1.instelling.25LX.'))).toBe(true);
  });

  it('give no service a prefixed ACL or a super user, and put the deployment prefix before every name', () => {
    const acls = [...toegang.basisAcls('t1.'), ...toegang.instellingAcls('25LX', 't1.')].filter((a) => a.principal.startsWith('User:bron-') && a.principal !== 'User:bron-operator');
    expect(acls.filter((a) => a.patroon !== 'LITERAL')).toEqual([]);
    expect(acls.filter((a) => a.type !== 'CLUSTER' && !a.naam.startsWith('t1.'))).toEqual([]);
    expect(acls.filter((a) => a.type === 'CLUSTER').map((a) => a.operatie)).toEqual(SERVICES.map(() => 'IDEMPOTENT_WRITE'));
  });

  it('read the instellingen like the services do: a BRIN list or a CSV file with a brin column', () => {
    expect(toegang.laadInstellingen('25LX, 26AB')).toEqual(['25LX', '26AB']);
    expect(toegang.laadInstellingen('')).toEqual(expect.arrayContaining(['25LX', '26AB']));
    expect(() => toegang.laadInstellingen('25lx')).toThrow(/geen BRIN/);
  });
});
