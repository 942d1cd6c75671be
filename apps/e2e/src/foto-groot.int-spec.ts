import { randomBytes } from 'node:crypto';
import { EventTypes, Topics, type BasissetBerekend } from '@bron/contracts';
import { REDENEN, type RedenCode } from '@bron/cascade';
import { ServiceSupervisor, Verzamelaar } from '@bron/devtools';
import { TestDatabase, nieuwBericht, wachtTot } from '@bron/infra';
import { PEILDATUM, haalFoto, leesCsv, maakSleutel, vraagFotoAan, xlsxBladen } from './foto-systeem';

const AANTAL = 30_000;
const LEERWEGEN = [['BOL', 'VT'], ['BOL', 'DT'], ['BBL', 'VT']] as const;
const CREBOS = [['25078', 3], ['25080', 2], ['25104', 4]] as const;

/** The n-th persoonsnummer that passes the 11-proef, with leading zeros. */
function* persoonsnummers(): Generator<string> {
  for (let i = 1; ; i++) {
    const cijfers = String(i).padStart(8, '0');
    const rest = [...cijfers].reduce((som, c, k) => som + (9 - k) * Number(c), 0) % 11;
    if (rest < 10) yield cijfers + rest;
  }
}

const reden = (code: RedenCode) => ({ code, tekst: REDENEN[code].omschrijving, regel: REDENEN[code].regel });

/** One inschrijving's basisset as the bekostiging service publishes it on the basisset topic; every tenth not bekostigd (Koppelingswet). */
function basissetBerekend(i: number, persoonsnummer: string): BasissetBerekend {
  const [leerweg, intensiteit] = LEERWEGEN[i % 3];
  const [crebo, niveau] = CREBOS[Math.floor(i / 3) % CREBOS.length];
  const bekostigd = i % 10 !== 0;
  const leerwegfactor = leerweg === 'BBL' ? 0.4 : 1;
  return {
    persoonsnummer, instelling: '25LX', inschrijvingId: `G-${i}`, crebo, leerweg, niveau, versie: 1, bekostigingsjaar: 2018, teldatum: PEILDATUM, regime: 'cascade2015', prognose: false, actief: true,
    basisset: {
      bekostigd,
      redenen: bekostigd
        ? [reden('INS_BEKOSTIGD'), reden(leerweg === 'BBL' ? 'LW_BBL' : 'LW_BOL'), reden('PF_TABEL'), reden('VJ_NIVEAU_2_4')]
        : [reden('INS_KOPPELINGSWET'), reden('PF_TABEL'), reden('VJ_NIVEAU_2_4')],
      hoogsteVooropleiding: i % 2 === 0 ? { code: 'VMBO_TL', overgangsbewijs: false } : null, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 1, bekostigdeDiplomas: [],
      verblijfsjaar: 1, verblijfsjaarfactor: 1.2, leerwegfactor: bekostigd ? leerwegfactor : 0, prijsfactor: 1.3, diplomawaardeOpleiding: niveau === 4 ? 5 : 3,
      bijdrage: bekostigd ? Math.round(leerwegfactor * 1.3 * 1.2 * 1000) / 1000 : 0, verblijfsstatusRechtmatig: bekostigd ? true : false,
    },
    wijzigingen: [],
    oorzaak: { soort: 'AANLEVERING', instelling: '25LX', bron: null, eventId: `groot-${i}` },
    intensiteit, datumInschrijving: '2016-08-01', datumUitschrijving: i % 7 === 0 ? '2017-01-31' : null, leeftijdOpEenAugustus: 16 + (i % 5),
    inschrijvingVoorCorrectiefactor: i % 7 !== 0, officieleVoornamen: i % 11 === 0 ? 'Zoë' : 'Jan', codeLeerbedrijf: leerweg === 'BBL' ? '000012345' : null,
    bpv: leerweg === 'BBL' ? [{ bpvId: 'BPV-1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '000012345' }] : [],
    diplomas: [],
  };
}

/**
 * Issue 10: a foto of 30,000 students through the foto service as a process, against the real
 * broker and database: the basissets straight onto the basisset topic, the foto made over HTTP,
 * its TBG-i file with every inschrijving and its XLSX opened by LibreOffice with every row.
 */
describe(`a foto of ${AANTAL.toLocaleString('nl-NL')} students`, () => {
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;
  let sleutel: string;
  let fotoUrl: string;

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX', LOG_LEVEL: 'warn' };
    sleutel = maakSleutel('25LX', env);
    services = new ServiceSupervisor({ env });
    fotoUrl = (await services.startEen('foto')).url;
    verzamelaar = new Verzamelaar(env);
  }, 120_000);

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  it('keeps every basisset, makes the foto over HTTP, and serves its TBG-i and XLSX with every student', async () => {
    const start = Date.now();
    const nummers = persoonsnummers();
    const eerste = '000000012';
    const berichten = Array.from({ length: AANTAL }, (_, i) => {
      const persoonsnummer = nummers.next().value as string;
      return nieuwBericht({ topic: Topics.basisset, key: persoonsnummer, type: EventTypes.BasissetBerekend, value: basissetBerekend(i, persoonsnummer), origin: 'aanlevering:25LX:groot' });
    });
    await verzamelaar.platform.send(berichten);
    await wachtTot('alle basissetversies in de fotoservice', async () => {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM foto.basissetversie`);
      return n >= AANTAL;
    }, 150_000, 500);
    const bewaard = Date.now();

    const gevraagd = await vraagFotoAan(fotoUrl, '25LX', sleutel);
    expect(gevraagd.status).toBe(201);
    expect(gevraagd.body).toMatchObject({ aantalInschrijvingen: AANTAL, aantalStudenten: AANTAL, aantalBekostigd: AANTAL * 0.9, sectorTotaalInschrijvingen: AANTAL });
    const gemaakt = Date.now();

    const tbgi = await haalFoto(fotoUrl, gevraagd.body, sleutel, 'tbgi');
    expect(tbgi.status).toBe(200);
    const xml = tbgi.bytes.toString('utf8');
    expect(xml.match(/<Inschrijving>/g)).toHaveLength(AANTAL);
    expect(xml.match(/<Bekostigingsstatus>NIET_BEKOSTIGD</g)?.length).toBeGreaterThanOrEqual(AANTAL / 10);
    expect(xml.match(/<Signaalcode>INS_KOPPELINGSWET</g)).toHaveLength(AANTAL / 10);
    expect(xml).toContain(`<Burgerservicenummer>${eerste}</Burgerservicenummer>`);
    expect(xml.trimEnd().endsWith('</Bekostigingsgrondslagen>')).toBe(true);

    const xlsx = await haalFoto(fotoUrl, gevraagd.body, sleutel, 'xlsx');
    expect(xlsx.status).toBe(200);
    const opgehaald = Date.now();
    const tmo = leesCsv((await haalFoto(fotoUrl, gevraagd.body, sleutel, 'csv', { deel: 'terugmeldingsoverzicht' })).bytes);
    const bladen = xlsxBladen(xlsx.bytes);
    expect(Object.fromEntries(Object.entries(bladen).map(([naam, rijen]) => [naam, rijen.length]))).toEqual({
      studenten: AANTAL + 1, terugmeldingsoverzicht: tmo.length, sector: 2 + 3 * 3, verschillen: 1,
    });
    expect(bladen.studenten[1].slice(0, 3)).toEqual([eerste, 'BSN', 'G-0']);
    console.log(`foto van ${AANTAL} studenten: versies ${bewaard - start} ms, foto ${gemaakt - bewaard} ms, tbgi+xlsx ${opgehaald - gemaakt} ms, LibreOffice ${Date.now() - opgehaald} ms`);
  }, 300_000);
});
