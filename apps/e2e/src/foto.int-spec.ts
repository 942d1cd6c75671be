import { randomUUID } from 'node:crypto';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { andereInstellingIn, draaiBron } from '@bron/devtools';
import type { BronFoto, FotoStudent } from '@bron/domein';
import { nieuwBericht, wachtTot } from '@bron/infra';
import {
  KENMERKEN_26AB, P, PEILDATUM, Q, aankondigingen, haal, haalFoto, laatsteBasissets, leverFixtureAan, startFotoSysteem, vraagFotoAan,
  type Aankondiging, type Brin, type FotoSysteem,
} from './foto-systeem';

/**
 * Issue 10, against the real broker and database with the services as processes: foto's on
 * request over HTTP and over the request topic, the whole basisset per student, the
 * terugmeldingsoverzicht against hand-counted lines, the sector totals without another
 * instelling's data, and who may fetch a foto (every fetch of content audited).
 */
describe("BRON-foto's on request: content, TMO, sector totals and isolation", () => {
  let s: FotoSysteem;
  /** The first foto of 25LX (moment M1, the last stable moment when it was asked) and 26AB's of the same moment. */
  let foto25: Aankondiging;
  let foto26: Aankondiging;
  /** Every content fetch this file made that was answered: the audit must hold exactly these. */
  const opgehaald: { instelling: string; gevraagde_instelling: string; reden: string }[] = [];

  beforeAll(async () => {
    s = await startFotoSysteem();
    await leverFixtureAan(s);
  }, 240_000);

  afterAll(async () => {
    await s?.sluit();
  });

  /** A foto's content in a format, as its own instelling fetches it (recorded for the audit check). */
  async function inhoud(brin: Brin, foto: Aankondiging, formaat = 'json', extra: Record<string, string> = {}): Promise<Buffer> {
    const bestand = await haalFoto(s.fotoUrl, foto, s.sleutel[brin], formaat, extra);
    expect({ formaat, status: bestand.status }).toEqual({ formaat, status: 200 });
    opgehaald.push({ instelling: brin, gevraagde_instelling: brin, reden: `foto ${formaat}` });
    return bestand.bytes;
  }
  const json = async (brin: Brin, foto: Aankondiging): Promise<BronFoto> => JSON.parse((await inhoud(brin, foto)).toString('utf8'));

  it('makes a foto on request over HTTP: 201 when new, 200 with the same foto for the same moment, announced with each request', async () => {
    const voor = Date.now();
    const eerste = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX']);
    expect(eerste.status).toBe(201);
    foto25 = eerste.body;
    const m1 = foto25.bekendOp;
    // Without a moment the foto is of the last stable moment: what was known when it was asked.
    expect(Date.parse(m1)).toBeGreaterThanOrEqual(voor - 1000);
    expect(Date.parse(m1)).toBeLessThanOrEqual(Date.now());
    expect(foto25).toEqual({
      fotoId: `foto:25LX:${PEILDATUM}:OP_VERZOEK:${m1}`, aanvraagId: expect.any(String), instelling: '25LX', soort: 'OP_VERZOEK', status: 'O', peildatum: PEILDATUM,
      bekendOp: m1, gemaaktOp: expect.any(String), checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      aantalInschrijvingen: 6, aantalStudenten: 6, aantalBekostigd: 5, sectorTotaalInschrijvingen: 8,
      ophalen: { pad: `/instellingen/25LX/fotos/${encodeURIComponent(foto25.fotoId)}`, formaten: ['json', 'csv', 'xlsx', 'tbgi'] },
    });

    // The same moment again, also written in another time zone: the same foto, answered 200.
    const plusEen = new Date(Date.parse(m1) + 3_600_000).toISOString().replace('Z', '+01:00');
    for (const moment of [m1, plusEen]) {
      const opnieuw = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX'], { peildatum: PEILDATUM, moment });
      expect({ moment, status: opnieuw.status }).toEqual({ moment, status: 200 });
      expect(opnieuw.body).toEqual({ ...foto25, aanvraagId: expect.any(String) });
      expect(opnieuw.body.aanvraagId).not.toBe(foto25.aanvraagId);
    }
    // 26AB's foto of the same moment, for the sector and isolation tests below.
    const van26 = await vraagFotoAan(s.fotoUrl, '26AB', s.sleutel['26AB'], { peildatum: PEILDATUM, moment: m1 });
    expect(van26.status).toBe(201);
    foto26 = van26.body;
    expect(foto26).toMatchObject({ fotoId: `foto:26AB:${PEILDATUM}:OP_VERZOEK:${m1}`, aantalInschrijvingen: 2, aantalBekostigd: 2, sectorTotaalInschrijvingen: 8 });

    // Each request is announced on the instelling's own topic, without the content, with its aanvraagId.
    const op25 = await s.verzamelaar.wachtOp('drie aankondigingen voor 25LX', () => {
      const a = aankondigingen(s.verzamelaar).filter((m) => m.topic === InstellingTopics.foto('25LX'));
      return a.length >= 3 && a;
    });
    expect(op25.map((a) => a.value.fotoId)).toEqual([foto25.fotoId, foto25.fotoId, foto25.fotoId]);
    expect(new Set(op25.map((a) => a.value.aanvraagId)).size).toBe(3);
    const eersteAankondiging = op25.find((a) => a.value.aanvraagId === foto25.aanvraagId)!;
    expect(eersteAankondiging.value).toEqual(foto25);
    expect(eersteAankondiging.key).toBe('25LX');
    expect(Buffer.byteLength(JSON.stringify(eersteAankondiging.value))).toBeLessThan(1000);

    // The list: the instelling's foto's, oldest moment first, without content.
    const lijst = await haal(s.fotoUrl, '/instellingen/25LX/fotos', s.sleutel['25LX'], { peildatum: PEILDATUM });
    expect(lijst.status).toBe(200);
    expect(JSON.parse(lijst.bytes.toString())).toEqual({ fotos: [{ ...foto25, aanvraagId: null }] });
  });

  it('refuses a request it can never make with 400 and says why', async () => {
    const vraag = (query: Record<string, string | undefined>) => vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX'], query);
    const morgen = new Date(Date.now() + 86_400_000).toISOString();
    expect(await vraag({})).toEqual({ status: 400, body: { fout: 'geef de peildatum mee (?peildatum=JJJJ-10-01)' } });
    expect(await vraag({ peildatum: '2016-09-01' })).toEqual({ status: 400, body: { fout: "de peildatum moet 1 oktober zijn (JJJJ-10-01), niet '2016-09-01'" } });
    expect(await vraag({ peildatum: PEILDATUM, moment: 'gisteren' })).toEqual({ status: 400, body: { fout: expect.stringContaining("ISO-tijdstip met tijdzone") } });
    expect(await vraag({ peildatum: PEILDATUM, moment: '2016-12-01T12:00:00' })).toMatchObject({ status: 400 });
    expect(await vraag({ peildatum: PEILDATUM, moment: morgen })).toEqual({ status: 400, body: { fout: `het moment ${morgen} ligt in de toekomst: een foto toont wat bekend was, niet wat nog komt` } });
    const lijst = await haal(s.fotoUrl, '/instellingen/25LX/fotos', s.sleutel['25LX'], { peildatum: '2016-1-01' });
    expect(lijst.status).toBe(400);
  });

  it('answers a request on the request topic with an announcement carrying its aanvraagId; an impossible request ends in the dead letters with its reason', async () => {
    const aanvraag = (aanvraagId: string, over: { peildatum?: string; bekendOp?: string | null }) => nieuwBericht({
      topic: Topics.fotoAanvraag, key: '25LX', type: EventTypes.FotoAangevraagd, origin: 'aanvraag:25LX',
      value: { aanvraagId, instelling: '25LX', soort: 'OP_VERZOEK' as const, peildatum: PEILDATUM, bekendOp: null, ...over },
    });
    const opMoment = `aanvraag-${randomUUID()}`;
    const inToekomst = `aanvraag-${randomUUID()}`;
    const slechtePeildatum = `aanvraag-${randomUUID()}`;
    const nu = `aanvraag-${randomUUID()}`;
    const morgen = new Date(Date.now() + 86_400_000).toISOString();
    await s.verzamelaar.platform.send([
      aanvraag(opMoment, { bekendOp: foto25.bekendOp }),
      aanvraag(inToekomst, { bekendOp: morgen }),
      aanvraag(slechtePeildatum, { peildatum: '2016-10-1' }),
      // The same request delivered again (a new event, the same aanvraagId): answered once.
      aanvraag(opMoment, { bekendOp: foto25.bekendOp }),
      aanvraag(nu, { bekendOp: null }),
    ]);
    const metId = (id: string) => aankondigingen(s.verzamelaar).filter((a) => a.value.aanvraagId === id);
    // One partition per key: once the last request is answered, each before it has been handled.
    const [laatste] = await s.verzamelaar.wachtOp('de aankondiging van de laatste aanvraag', () => metId(nu));
    expect(laatste.topic).toBe(InstellingTopics.foto('25LX'));
    expect(laatste.value).toMatchObject({ instelling: '25LX', soort: 'OP_VERZOEK', status: 'O', peildatum: PEILDATUM, aantalInschrijvingen: 6 });
    expect(Date.parse(laatste.value.bekendOp)).toBeGreaterThan(Date.parse(foto25.bekendOp));
    // A later moment is another foto, even with nothing changed since M1.
    expect(laatste.value.fotoId).not.toBe(foto25.fotoId);

    expect(metId(opMoment).map((a) => a.value)).toEqual([{ ...foto25, aanvraagId: opMoment }]);
    expect(metId(inToekomst)).toEqual([]);
    expect(metId(slechtePeildatum)).toEqual([]);

    const doodsoorzaken = await wachtTot('beide onmogelijke aanvragen in de dead letters', async () => {
      const { code, uitvoer } = await draaiBron(['dlq', 'toon', Topics.fotoAanvraag, '--json'], s.env);
      if (code !== 0) return false;
      const regels = uitvoer.trim().split('\n').filter(Boolean).map((r) => JSON.parse(r) as { reason: string; consumer: string; originalTopic: string });
      return regels.length >= 2 && regels;
    }, 90_000, 1000);
    expect(doodsoorzaken).toHaveLength(2);
    expect(doodsoorzaken.every((d) => d.consumer === 'foto-aanvraag' && d.originalTopic === Topics.fotoAanvraag)).toBe(true);
    expect(doodsoorzaken.map((d) => d.reason)).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`fotoaanvraag ${inToekomst}: het moment ${morgen.replace(/\./g, '\\.')} ligt in de toekomst`)),
      // The dead letter's reason does not repeat the value the request gave (the infra hides quoted values in reasons).
      expect.stringMatching(new RegExp(`fotoaanvraag ${slechtePeildatum}: de peildatum moet 1 oktober zijn \\(JJJJ-10-01\\)`)),
    ]));
  });

  it('holds the whole basisset of every student, as the bekostiging service computed it', async () => {
    const foto = await json('25LX', foto25);
    expect(foto.checksum).toBe(foto25.checksum);
    const { studenten } = foto;
    expect(studenten.map((st) => st.persoonsnummer)).toEqual([P.bblZonderBpv, P.eindigtVoorFebruari, P.bolVoltijd, P.bolDeeltijd, P.metDiploma, P.bblMetBpv]);
    const van = (pn: string): FotoStudent => studenten.find((st) => st.persoonsnummer === pn)!;

    // Every student's basisset is the one the bekostiging service published last.
    const berekend = laatsteBasissets(s.verzamelaar);
    for (const st of studenten) {
      const b = berekend.get(`25LX|${st.inschrijvingId}`)!;
      const { verblijfsstatusRechtmatig, ...basisset } = b.basisset;
      expect({ pn: st.persoonsnummer, ...st.basisset }).toMatchObject({ pn: st.persoonsnummer, ...basisset, bekostigingsjaar: 2018, prognose: false });
      expect({ pn: st.persoonsnummer, versie: st.versie, rechtmatig: st.verblijfsstatusRechtmatig }).toEqual({ pn: st.persoonsnummer, versie: Number(b.versie), rechtmatig: verblijfsstatusRechtmatig });
    }

    // Vooropleiding with the overgangsbewijs havo 3-4, verblijfsstatus and official first names from the BRP.
    expect(van(P.bolVoltijd)).toMatchObject({
      persoonsnummerSoort: 'BSN', instelling: '25LX', inschrijvingId: 'I-1', teldatum: PEILDATUM, actief: true,
      crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', niveau: 3, datumInschrijving: '2016-08-01', datumUitschrijvingWerkelijk: null,
      leeftijdOpEenAugustus: 16, indicatieBekostigbaar: true, inschrijvingVoorCorrectiefactor: true,
      verblijfsstatusRechtmatig: true, officieleVoornamen: 'Zoë Amal', codeLeerbedrijf: null, bpv: [], diplomas: [], signalen: [],
      basisset: {
        hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true }, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 1, bekostigdeDiplomas: [],
        verblijfsjaar: 1, prijsfactor: 1.3, diplomawaardeOpleiding: 3, bekostigd: true, leerwegfactor: 1, verblijfsjaarfactor: 1.2, bijdrage: 1.56,
      },
    });
    expect(van(P.bolVoltijd).basisset.redenen.map((r) => r.code)).toEqual(['INS_BEKOSTIGD', 'LW_BOL', 'PF_TABEL', 'VJ_NIVEAU_2_4']);
    expect(van(P.bolVoltijd).basisset.redenen[0]).toEqual({ code: 'INS_BEKOSTIGD', tekst: expect.stringContaining('Ingeschreven op de teldatum'), regel: expect.stringContaining('UWEB 2.2.2') });

    // BBL with its BPV: the code leerbedrijf, leerwegfactor 0,4.
    expect(van(P.bblMetBpv)).toMatchObject({
      leerweg: 'BBL', niveau: 2, codeLeerbedrijf: '000123456',
      bpv: [{ volgnummer: 1, afsluitdatum: '2016-07-15', datumBegin: '2016-08-01', datumEindWerkelijk: '2017-07-31', crebo: '25080', codeLeerbedrijf: '000123456' }],
      basisset: { bekostigd: true, leerwegfactor: 0.4, verblijfsjaar: 1 },
    });
    expect(van(P.bblMetBpv).basisset.bijdrage).toBeCloseTo(0.4 * 1.3 * 1.2, 10);

    // Not bekostigd, with its reason and the signaal that goes with it.
    expect(van(P.bblZonderBpv)).toMatchObject({
      leerweg: 'BBL', codeLeerbedrijf: null, bpv: [],
      basisset: { bekostigd: false, leerwegfactor: 0, bijdrage: 0 },
      signalen: [{ volgnummer: 1, code: 'INS_BBL_GEEN_BPV', teldatum: 'EEN_OKTOBER', omschrijving: expect.stringContaining('Bbl zonder BPV-overeenkomst'), parameters: [{ naam: 'regel', waarde: expect.stringContaining('UWEB 2.2.2') }] }],
    });
    expect(van(P.bblZonderBpv).basisset.redenen[0].code).toBe('INS_BBL_GEEN_BPV');

    // Ends before 1 February: counted on 1 October, not for the correctiefactor.
    expect(van(P.eindigtVoorFebruari)).toMatchObject({ datumUitschrijvingWerkelijk: '2017-01-15', inschrijvingVoorCorrectiefactor: false, basisset: { bekostigd: true } });
    expect(van(P.bolDeeltijd)).toMatchObject({ leerweg: 'BOL', intensiteit: 'DT', basisset: { bekostigd: true, leerwegfactor: 1 } });

    // The second verblijfsjaar, the bekostigde diploma with its diplomawaarde, and the diploma behaald on this inschrijving.
    expect(van(P.metDiploma)).toMatchObject({
      datumInschrijving: '2015-08-01',
      basisset: {
        verblijfsjarenNiveau2tot4: 2, verblijfsjaar: 2, verblijfsjaarfactor: 1, bijdrage: 1.3, diplomawaardeOpleiding: 0,
        bekostigdeDiplomas: [{ crebo: '25080', niveau: 2, datum: '2016-07-01', diplomawaarde: 1, specialist: null }],
      },
      diplomas: [{ resultaatvolgnummer: 1, crebo: '25080', datumBehaald: '2016-07-01', niveau: 2, specialist: false, bekostigd: true, diplomawaarde: 1, signalen: [] }],
    });
    // No version bookkeeping of another moment: every student as known at M1.
    expect(studenten.every((st) => Date.parse(st.bekendSinds) <= Date.parse(foto25.bekendOp))).toBe(true);
  });

  it("counts the terugmeldingsoverzicht as counted by hand: per crebo, leerweg, niveau and verblijfsjaar on 1 October and 1 February", async () => {
    const { terugmeldingsoverzicht } = await json('25LX', foto25);
    const bek = (crebo: string, leerweg: string, niveau: number, verblijfsjaar: number, okt: [number, number, number], feb: [number, number, number], diplomas: [number, number]) => ({
      crebo, leerweg, niveau, verblijfsjaar,
      inschrijvingenEenOktober: okt[0], bekostigdEenOktober: okt[1], nietBekostigdEenOktober: okt[2],
      inschrijvingenEenFebruari: feb[0], bekostigdEenFebruari: feb[1], nietBekostigdEenFebruari: feb[2],
      diplomas: diplomas[0], bekostigdeDiplomas: diplomas[1],
    });
    expect(terugmeldingsoverzicht).toEqual({
      bek: [
        // the BOL deeltijd student
        bek('25078', 'BOL_DT', 3, 1, [1, 1, 0], [1, 1, 0], [0, 0]),
        // two BOL voltijd students; the one who leaves on 15 January is not there on 1 February
        bek('25078', 'BOL_VT', 3, 1, [2, 2, 0], [1, 1, 0], [0, 0]),
        // BBL: one with a BPV (bekostigd), one without (not bekostigd), both still enrolled on 1 February
        bek('25080', 'BBL', 2, 1, [2, 1, 1], [2, 1, 1], [0, 0]),
        // the student in the second year, with a bekostigd diploma
        bek('25080', 'BOL_VT', 2, 2, [1, 1, 0], [1, 1, 0], [1, 1]),
      ],
      sag: [{ crebo: '25080', leerweg: 'BBL', signaalcode: 'INS_BBL_GEEN_BPV', inschrijvingssignalenEenOktober: 1, inschrijvingssignalenEenFebruari: 0, diplomasignalen: 0 }],
      sin: [{ persoonsnummer: P.bblZonderBpv, inschrijvingId: 'I-4', crebo: '25080', signaalcode: 'INS_BBL_GEEN_BPV', eenOktober: true, eenFebruari: false, diploma: false }],
    });
  });

  it('gives every foto the sector totals of all instellingen, and nothing else of another instelling', async () => {
    const sector = {
      peildatum: PEILDATUM, bekendOp: foto25.bekendOp, totaalInschrijvingen: 8, totaalBekostigd: 7,
      perNiveauEnLeerweg: [
        { niveau: 2, leerweg: 'BBL', inschrijvingen: 2, bekostigd: 1, inschrijvingenEenFebruari: 2 },
        { niveau: 2, leerweg: 'BOL_VT', inschrijvingen: 1, bekostigd: 1, inschrijvingenEenFebruari: 1 },
        { niveau: 3, leerweg: 'BOL_DT', inschrijvingen: 1, bekostigd: 1, inschrijvingenEenFebruari: 1 },
        // 25LX's two and 26AB's student in 25078
        { niveau: 3, leerweg: 'BOL_VT', inschrijvingen: 3, bekostigd: 3, inschrijvingenEenFebruari: 2 },
        // 26AB's student in 25104
        { niveau: 4, leerweg: 'BOL_VT', inschrijvingen: 1, bekostigd: 1, inschrijvingenEenFebruari: 1 },
      ],
    };
    const van25 = await json('25LX', foto25);
    const van26 = await json('26AB', foto26);
    expect(van25.sector).toEqual(sector);
    expect(van26.sector).toEqual(sector);
    expect(van26.studenten.map((st) => st.persoonsnummer)).toEqual([Q.twee, Q.een]);
    expect(van26.aantallen).toEqual({ inschrijvingen: 2, studenten: 2, bekostigd: 2 });

    // 25LX's files and announcements name neither 26AB nor its batch, inschrijvingen or students (D7).
    const bekend = { brins: ['25LX', '26AB'], kenmerken: new Map([['26AB', KENMERKEN_26AB]]) };
    const opTopic = InstellingTopics.foto('25LX');
    const bestanden: [string, unknown][] = [['json', van25], ['tbgi', (await inhoud('25LX', foto25, 'tbgi')).toString('utf8')]];
    for (const deel of ['studenten', 'terugmeldingsoverzicht', 'sector']) bestanden.push([`csv ${deel}`, (await inhoud('25LX', foto25, 'csv', { deel })).toString('utf8')]);
    for (const [naam, value] of bestanden) expect({ naam, vondsten: andereInstellingIn({ topic: opTopic, key: null, headers: {}, value }, bekend) }).toEqual({ naam, vondsten: [] });
    for (const a of aankondigingen(s.verzamelaar).filter((m) => m.topic === opTopic)) {
      const headers = Object.fromEntries(Object.entries(a.metadata).map(([k, v]) => [k, String(v)]));
      expect(andereInstellingIn({ topic: a.topic, key: a.key, headers, value: a.value }, bekend)).toEqual([]);
    }
    // The check itself sees 26AB's students in 26AB's foto, as 25LX would if it leaked.
    expect(andereInstellingIn({ topic: opTopic, key: null, headers: {}, value: van26 }, bekend).length).toBeGreaterThan(0);
  });

  it("serves a foto to its own instelling only: 403 on another's path, 404 for another's foto on its own path, 401 without a key; every fetch of content audited", async () => {
    const pad25 = foto25.ophalen.pad;
    const fout = (bestand: { status: number; bytes: Buffer }) => ({ status: bestand.status, body: JSON.parse(bestand.bytes.toString()) });
    // 26AB's key on 25LX's path: whatever the foto, the path is not its own.
    for (const formaat of ['json', 'csv', 'xlsx', 'tbgi']) {
      expect(fout(await haal(s.fotoUrl, pad25, s.sleutel['26AB'], { formaat }))).toEqual({ status: 403, body: { fout: 'de API-sleutel is van instelling 26AB, niet van 25LX' } });
    }
    expect((await haal(s.fotoUrl, '/instellingen/25LX/fotos', s.sleutel['26AB'])).status).toBe(403);
    expect((await haal(s.fotoUrl, `${pad25}/verschillen`, s.sleutel['26AB'])).status).toBe(403);
    expect((await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['26AB'])).status).toBe(403);

    // Its own path with 25LX's fotoId: not found, in the same words as an id nobody has.
    const eigenPad = `/instellingen/26AB/fotos/${encodeURIComponent(foto25.fotoId)}`;
    const nietGevonden = { status: 404, body: { fout: 'deze instelling heeft geen foto met dit id' } };
    expect(fout(await haal(s.fotoUrl, eigenPad, s.sleutel['26AB'], { formaat: 'tbgi' }))).toEqual(nietGevonden);
    expect(fout(await haal(s.fotoUrl, `/instellingen/26AB/fotos/${encodeURIComponent(`foto:26AB:${PEILDATUM}:OP_VERZOEK:2000-01-01T00:00:00.000Z`)}`, s.sleutel['26AB']))).toEqual(nietGevonden);
    expect(fout(await haal(s.fotoUrl, `${eigenPad}/verschillen`, s.sleutel['26AB']))).toEqual(nietGevonden);
    // Nor may it compare its own foto with 25LX's.
    expect(fout(await haal(s.fotoUrl, `${foto26.ophalen.pad}/verschillen`, s.sleutel['26AB'], { met: foto25.fotoId }))).toEqual({ status: 404, body: { fout: `vergelijken: ${nietGevonden.body.fout}` } });
    expect((await haal(s.fotoUrl, foto26.ophalen.pad, s.sleutel['26AB'], { formaat: 'xlsx', vergelijkMet: foto25.fotoId })).status).toBe(404);
    // Its list holds only its own.
    const lijst26 = JSON.parse((await haal(s.fotoUrl, '/instellingen/26AB/fotos', s.sleutel['26AB'])).bytes.toString()) as { fotos: Aankondiging[] };
    expect(lijst26.fotos.map((f) => f.instelling)).toEqual(['26AB']);

    // No key, or one that is no key: 401.
    for (const sleutel of [undefined, `bron_25LX_${'A'.repeat(43)}`]) {
      expect(fout(await haal(s.fotoUrl, pad25, sleutel, { formaat: 'json' }))).toEqual({ status: 401, body: { fout: expect.stringMatching(/API-sleutel/) } });
      expect((await vraagFotoAan(s.fotoUrl, '25LX', sleutel)).status).toBe(401);
    }

    // Every fetch of content that was answered is in the audit, with who asked and in what format; none of the refused ones was answered.
    expect(opgehaald.length).toBeGreaterThan(5);
    const audit = await s.db.query<{ instelling: string; gevraagde_instelling: string; reden: string }>(
      `SELECT instelling, gevraagde_instelling, reden FROM toegang.raadpleging WHERE service = 'foto' AND uitkomst = 'BEANTWOORD' ORDER BY id`,
    );
    expect(audit).toEqual(opgehaald);
    // A foto is about many students: the audit names the key that fetched it, not a person.
    const rijen = await s.db.query<{ sleutel_id: string | null; persoonsnummer: string | null; http_status: number }>(
      `SELECT sleutel_id, persoonsnummer, http_status FROM toegang.raadpleging WHERE service = 'foto' AND uitkomst = 'BEANTWOORD'`,
    );
    expect(rijen.every((r) => r.sleutel_id !== null && r.persoonsnummer === null && r.http_status === 200)).toBe(true);
    // The refusals are audited too, with who tried and why (the key's instelling, or 'onbekend' without one).
    const geweigerd = await s.db.query<{ instelling: string; gevraagde_instelling: string; uitkomst: string; http_status: number; reden: string }>(
      `SELECT instelling, gevraagde_instelling, uitkomst, http_status, reden FROM toegang.raadpleging WHERE service = 'foto' AND uitkomst <> 'BEANTWOORD' ORDER BY id`,
    );
    expect(geweigerd).toEqual(expect.arrayContaining([
      { instelling: '26AB', gevraagde_instelling: '25LX', uitkomst: 'GEWEIGERD', http_status: 403, reden: 'BRIN_IS_NIET_DE_GEAUTHENTICEERDE_INSTELLING' },
      { instelling: '26AB', gevraagde_instelling: '26AB', uitkomst: 'GEWEIGERD', http_status: 404, reden: 'FOTO_ONBEKEND' },
      expect.objectContaining({ instelling: 'onbekend', gevraagde_instelling: '25LX', uitkomst: 'NIET_GEAUTHENTICEERD', http_status: 401 }),
    ]));
  });
});
