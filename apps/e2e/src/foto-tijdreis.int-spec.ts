import { Writable } from 'node:stream';
import { EventTypes } from '@bron/contracts';
import { leverAan } from '@bron/devtools';
import { maakFoto, verschillenlijst, type Basissetversie, type BronFoto, type FotoMoment } from '@bron/domein';
import { schrijfFotoCsv, schrijfFotoJson, schrijfFotoTbgi, schrijfFotoXlsx } from '@bron/adapters';
import { vanType, wachtTot } from '@bron/infra';
import {
  P, PEILDATUM, haal, haalFoto, laatsteBasissets, leesCsv, leverFixtureAan, startFotoSysteem, vraagFotoAan, wachtOpVersiesInFoto, type Aankondiging, type FotoSysteem,
} from './foto-systeem';

/** What a writer writes, kept for the test. */
class Opvanger extends Writable {
  private readonly stukken: Buffer[] = [];
  override _write(stuk: Buffer | string, _codering: BufferEncoding, klaar: (fout?: Error | null) => void): void {
    this.stukken.push(Buffer.isBuffer(stuk) ? stuk : Buffer.from(stuk));
    klaar();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.stukken);
  }
}
async function geschreven(schrijf: (uit: Writable) => Promise<void>): Promise<Buffer> {
  const uit = new Opvanger();
  await schrijf(uit);
  return uit.bytes;
}

/** The four formats as the service serves them; CSV per part. */
const FORMATEN: { naam: string; formaat: string; extra?: Record<string, string> }[] = [
  { naam: 'json', formaat: 'json' }, { naam: 'tbgi', formaat: 'tbgi' }, { naam: 'xlsx', formaat: 'xlsx' },
  ...['studenten', 'terugmeldingsoverzicht', 'sector', 'verschillen'].map((deel) => ({ naam: `csv ${deel}`, formaat: 'csv', extra: { deel } })),
];

/**
 * Issue 10, time travel: a foto is what was known at its moment. After a later correction, the
 * foto of the earlier moment, asked again or fetched again, is the same foto byte for byte in every
 * format; the foto of the later moment shows the correction, and the verschillenlijst between them
 * names what changed. The test rebuilds the earlier foto from the stored versions with the pure
 * `maakFoto` to prove it is made again, not only looked up.
 */
describe('time travel: a past foto stays what was known then, after later corrections', () => {
  let s: FotoSysteem;
  let m1: Aankondiging;
  let m2: Aankondiging;
  const vanM1: Record<string, Buffer> = {};

  const bestanden = async (foto: Aankondiging): Promise<Record<string, Buffer>> => {
    const uit: Record<string, Buffer> = {};
    for (const { naam, formaat, extra } of FORMATEN) {
      const b = await haalFoto(s.fotoUrl, foto, s.sleutel['25LX'], formaat, extra);
      expect({ naam, status: b.status }).toEqual({ naam, status: 200 });
      uit[naam] = b.bytes;
    }
    return uit;
  };
  const inhoud = async (foto: Aankondiging): Promise<BronFoto> => JSON.parse((await haalFoto(s.fotoUrl, foto, s.sleutel['25LX'], 'json')).bytes.toString('utf8'));

  beforeAll(async () => {
    s = await startFotoSysteem();
    await leverFixtureAan(s);
    const gevraagd = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX']);
    expect(gevraagd.status).toBe(201);
    m1 = gevraagd.body;
    Object.assign(vanM1, await bestanden(m1));
  }, 240_000);

  afterAll(async () => {
    await s?.sluit();
  });

  it('after a correction, the foto of M1 is the same in every format (asked again and fetched again), and the foto of M2 shows the correction', async () => {
    // The correction: the BOL voltijd student leaves on 20 January, the deeltijd student moves to another crebo (prijsfactor 1,8).
    await leverAan(s.verzamelaar.platform, '25LX', 'correctie-25lx', [
      { soort: 'UITSCHRIJVING', instelling: '25LX', persoonsnummer: P.bolVoltijd, inschrijving_id: 'I-1', einddatum: '2017-01-20', reden_uitschrijving: 'werk' },
      { soort: 'INSCHRIJVING', mutatie: 'W', instelling: '25LX', persoonsnummer: P.bolDeeltijd, inschrijving_id: 'I-2', crebo: '25099', leerweg: 'BOL', intensiteit: 'DT', begindatum: '2016-08-01' },
    ]);
    const [verwerkt] = await s.verzamelaar.wachtOp('de correctie verwerkt', (b) => b.filter(vanType(EventTypes.AanleverBatchVerwerkt)).filter((m) => m.value.batchId === 'correctie-25lx'));
    expect(verwerkt.value).toMatchObject({ aantalRecords: 2, afkeuringen: 0 });
    await wachtTot('de basissets na de correctie', () => {
      const laatste = laatsteBasissets(s.verzamelaar);
      return laatste.get('25LX|I-1')?.datumUitschrijving === '2017-01-20' && laatste.get('25LX|I-2')?.crebo === '25099';
    }, 120_000);
    await wachtOpVersiesInFoto(s);

    const later = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX']);
    expect(later.status).toBe(201);
    m2 = later.body;
    expect(Date.parse(m2.bekendOp)).toBeGreaterThan(Date.parse(m1.bekendOp));
    expect(m2.checksum).not.toBe(m1.checksum);
    // The counts did not change (nobody left before 1 October); the content did.
    expect(m2).toMatchObject({ aantalInschrijvingen: 6, aantalBekostigd: 5, sectorTotaalInschrijvingen: 8 });

    // M1 asked again: the same foto.
    const opnieuw = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX'], { peildatum: PEILDATUM, moment: m1.bekendOp });
    expect(opnieuw.status).toBe(200);
    expect(opnieuw.body).toEqual({ ...m1, aanvraagId: expect.any(String) });
    // ... and fetched again by its id: byte for byte the files of before the correction.
    const nogmaals = await bestanden(opnieuw.body);
    for (const { naam } of FORMATEN) expect({ naam, gelijk: nogmaals[naam].equals(vanM1[naam]) }).toEqual({ naam, gelijk: true });

    // M2 shows the correction.
    const vanM2 = await bestanden(m2);
    for (const naam of ['json', 'tbgi', 'csv studenten', 'csv terugmeldingsoverzicht']) expect({ naam, anders: !vanM2[naam].equals(vanM1[naam]) }).toEqual({ naam, anders: true });
    const [fotoM1, fotoM2] = [await inhoud(m1), await inhoud(m2)];
    const student = (f: BronFoto, pn: string) => f.studenten.find((st) => st.persoonsnummer === pn)!;
    expect(student(fotoM1, P.bolVoltijd)).toMatchObject({ datumUitschrijvingWerkelijk: null, inschrijvingVoorCorrectiefactor: true });
    expect(student(fotoM2, P.bolVoltijd)).toMatchObject({ datumUitschrijvingWerkelijk: '2017-01-20', inschrijvingVoorCorrectiefactor: false });
    expect([student(fotoM1, P.bolDeeltijd).crebo, student(fotoM2, P.bolDeeltijd).crebo]).toEqual(['25078', '25099']);
  });

  it('the verschillenlijst between M1 and M2 names the changed fields, per student and per TMO line', async () => {
    const lijst = JSON.parse((await haal(s.fotoUrl, `${m2.ophalen.pad}/verschillen`, s.sleutel['25LX'], { met: m1.fotoId })).bytes.toString('utf8'));
    expect(lijst).toMatchObject({ instelling: '25LX', vanFotoId: m1.fotoId, naarFotoId: m2.fotoId });
    expect(lijst.studenten).toEqual([
      {
        mutatie: 'WIJZIGING', persoonsnummer: P.bolVoltijd, inschrijvingId: 'I-1',
        velden: [{ veld: 'datumUitschrijvingWerkelijk', oud: 'null', nieuw: '"2017-01-20"' }, { veld: 'inschrijvingVoorCorrectiefactor', oud: 'true', nieuw: 'false' }],
      },
      {
        mutatie: 'WIJZIGING', persoonsnummer: P.bolDeeltijd, inschrijvingId: 'I-2',
        velden: [{ veld: 'basisset.bijdrage', oud: '1.56', nieuw: '2.16' }, { veld: 'basisset.prijsfactor', oud: '1.3', nieuw: '1.8' }, { veld: 'crebo', oud: '"25078"', nieuw: '"25099"' }],
      },
    ]);
    const feb = (oud: number, nieuw: number) => [
      { veld: 'bekostigdEenFebruari', oud: String(oud), nieuw: String(nieuw) }, { veld: 'inschrijvingenEenFebruari', oud: String(oud), nieuw: String(nieuw) },
    ];
    expect(lijst.terugmeldingsoverzicht).toEqual([
      { mutatie: 'VERWIJDERING', regelsoort: 'BEK', regel: { crebo: '25078', leerweg: 'BOL_DT', niveau: 3, verblijfsjaar: 1 }, velden: expect.arrayContaining([{ veld: 'inschrijvingenEenOktober', oud: '1', nieuw: null }]) },
      { mutatie: 'WIJZIGING', regelsoort: 'BEK', regel: { crebo: '25078', leerweg: 'BOL_VT', niveau: 3, verblijfsjaar: 1 }, velden: feb(1, 0) },
      { mutatie: 'TOEVOEGING', regelsoort: 'BEK', regel: { crebo: '25099', leerweg: 'BOL_DT', niveau: 3, verblijfsjaar: 1 }, velden: expect.arrayContaining([{ veld: 'inschrijvingenEenOktober', oud: null, nieuw: '1' }]) },
    ]);
    // By default against the previous foto of the peildatum, which is M1; and as the pure verschillenlijst gives it.
    expect(JSON.parse((await haal(s.fotoUrl, `${m2.ophalen.pad}/verschillen`, s.sleutel['25LX'])).bytes.toString('utf8'))).toEqual(lijst);
    expect(verschillenlijst(await inhoud(m1), await inhoud(m2))).toEqual(lijst);

    // The same in M2's CSV part verschillen, one line per field.
    const rijen = leesCsv((await haalFoto(s.fotoUrl, m2, s.sleutel['25LX'], 'csv', { deel: 'verschillen', vergelijkMet: m1.fotoId })).bytes);
    expect(rijen[0]).toEqual(['Mutatie', 'Onderdeel', 'Sleutel', 'Veld', 'Oude waarde', 'Nieuwe waarde']);
    expect(rijen).toEqual(expect.arrayContaining([
      ['WIJZIGING', 'STUDENT', `${P.bolVoltijd} I-1`, 'datumUitschrijvingWerkelijk', 'null', '"2017-01-20"'],
      ['WIJZIGING', 'STUDENT', `${P.bolDeeltijd} I-2`, 'crebo', '"25078"', '"25099"'],
      ['WIJZIGING', 'BEK', '25078 BOL_VT 3 1', 'inschrijvingenEenFebruari', '1', '0'],
    ]));
  });

  it('makes the foto of M1 again from the stored versions with the pure maakFoto: the same checksum and the same bytes', async () => {
    const rijen = await s.db.query<{ inhoud: Omit<Basissetversie, 'bekendSinds'>; bekend_sinds: Date }>(`SELECT inhoud, bekend_sinds FROM foto.basissetversie`);
    const versies: Basissetversie[] = rijen.map((r) => ({ ...r.inhoud, bekendSinds: r.bekend_sinds.toISOString() }));
    // The corrections are among them: versions known after M1.
    expect(versies.filter((v) => Date.parse(v.bekendSinds) > Date.parse(m1.bekendOp)).map((v) => v.inschrijvingId).sort()).toEqual(['I-1', 'I-2']);

    for (const [foto, bytes] of [[m1, vanM1], [m2, undefined]] as const) {
      const bewaard = await inhoud(foto);
      const moment: FotoMoment = { instelling: '25LX', peildatum: PEILDATUM, soort: 'OP_VERZOEK', bekendOp: foto.bekendOp };
      // With the sector totals the service kept for that moment, and with those computed from every version: the same foto.
      const opnieuw = maakFoto(versies, moment, { sector: bewaard.sector });
      expect({ fotoId: opnieuw.fotoId, checksum: opnieuw.checksum }).toEqual({ fotoId: foto.fotoId, checksum: foto.checksum });
      expect(maakFoto([...versies].reverse(), moment).checksum).toBe(foto.checksum);
      expect(opnieuw).toEqual(bewaard);
      if (bytes) {
        expect((await geschreven((uit) => schrijfFotoJson(opnieuw, uit))).equals(bytes.json)).toBe(true);
        expect((await geschreven((uit) => schrijfFotoTbgi(opnieuw, uit))).equals(bytes.tbgi)).toBe(true);
        expect((await geschreven((uit) => schrijfFotoCsv(opnieuw, uit))).equals(bytes['csv studenten'])).toBe(true);
        expect((await geschreven((uit) => schrijfFotoXlsx(opnieuw, uit))).equals(bytes.xlsx)).toBe(true);
      }
    }
  });

  it('refuses in the database to change or remove a foto or a version', async () => {
    await expect(s.db.query(`UPDATE foto.foto SET checksum = 'anders'`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM foto.foto`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`UPDATE foto.basissetversie SET actief = false`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`DELETE FROM foto.basissetversie`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`TRUNCATE foto.basissetversie`)).rejects.toThrow(/append-only/);
  });
});
