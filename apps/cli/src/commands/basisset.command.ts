import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import { GebruiksFout, getal, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/** Where the bekostiging service answers HTTP unless BRON_BEKOSTIGING_URL says otherwise (its default port). */
export const STANDAARD_BEKOSTIGING_URL = 'http://127.0.0.1:3002';

/** Exit codes of `bron basisset`: answered, the service unreachable or failing, bad usage or request, refused. */
export const BASISSET_EXIT = { beantwoord: 0, onbereikbaar: 1, gebruik: 2, geweigerd: 3 } as const;

interface Antwoord {
  instelling: string;
  toegang: string;
  peildatum: string;
  persoonsnummer: string;
  teldatum: string;
  bekostigingsjaar: number;
  regime: string;
  prognose: boolean;
  hoogsteVooropleiding: { code: string; overgangsbewijs: boolean } | null;
  verblijfsjarenEntree: number;
  verblijfsjarenNiveau2tot4: number;
  bekostigdeDiplomas: { crebo: string; niveau: number; datum: string; diplomawaarde: number }[];
  verblijfsstatus: { nationaliteit: string | null; perioden: { vanaf: string; tot: string | null; rechtmatig: boolean }[]; rechtmatigOpTeldatum: boolean | null };
  officieleVoornamen: string | null;
  beoogd: { crebo: string; niveau: number | null; teller: string | null; prijsfactor: number | null; verblijfsjaar: number | null; verblijfsjaarfactor: number | null; diplomawaarde: number | null } | null;
}

/**
 * `bron basisset <BRIN> <persoonsnummer> [--crebo X] [--json]`: asks the bekostiging service for
 * the basisset of a person at aanmelding with the instelling's API key (BRON_API_SLEUTEL) and
 * prints it. Exit 0 answered, 1 the service did not answer (or failed), 2 bad usage or a request
 * the service calls invalid (400), 3 refused (401 key, 403 no access).
 */
export async function basisset(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, { crebo: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' } });
  const [brin, persoonsnummer, ...teVeel] = positionals;
  if (teVeel.length > 0) throw new GebruiksFout(`onverwacht argument ${teVeel[0]}`);
  if (!brin || !isGeldigeBrin(brin)) throw new GebruiksFout(`geef de BRIN van de instelling, niet '${brin ?? ''}'`);
  if (!persoonsnummer || !isGeldigPersoonsnummer(persoonsnummer)) throw new GebruiksFout('geef een persoonsnummer van 9 cijfers dat aan de 11-proef voldoet');
  if (values.crebo !== undefined && !/^\d{5}$/.test(values.crebo)) throw new GebruiksFout(`--crebo moet 5 cijfers zijn, niet '${values.crebo}'`);
  const sleutel = io.env.BRON_API_SLEUTEL;
  if (!sleutel) throw new GebruiksFout('zet de API-sleutel van de instelling in BRON_API_SLEUTEL (node tools/api-sleutel.js maak <BRIN>)');
  const timeoutMs = getal(values.timeout, 'timeout', 30) * 1000;

  const url = new URL(`/instellingen/${brin}/studenten/${persoonsnummer}/basisset`, io.env.BRON_BEKOSTIGING_URL ?? STANDAARD_BEKOSTIGING_URL);
  if (values.crebo !== undefined) url.searchParams.set('crebo', values.crebo);
  let antwoord: Response;
  let body: unknown;
  try {
    antwoord = await fetch(url, { headers: { Authorization: `Bearer ${sleutel}`, Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    body = await antwoord.json().catch(() => null);
  } catch (error) {
    io.stderr.write(`bron basisset: de bekostigingsservice op ${url.origin} antwoordt niet (${(error as Error).message})\n`);
    return BASISSET_EXIT.onbereikbaar;
  }
  const fout = (body as { fout?: unknown } | null)?.fout;
  if (!antwoord.ok) {
    io.stderr.write(`bron basisset: ${antwoord.status} ${typeof fout === 'string' ? fout : antwoord.statusText}\n`);
    if (antwoord.status === 401 || antwoord.status === 403) return BASISSET_EXIT.geweigerd;
    return antwoord.status === 400 ? BASISSET_EXIT.gebruik : BASISSET_EXIT.onbereikbaar;
  }
  io.stdout.write(values.json ? `${JSON.stringify(body)}\n` : leesbaar(body as Antwoord));
  return BASISSET_EXIT.beantwoord;
}

const janee = (w: boolean | null) => (w === null ? 'onbekend' : w ? 'ja' : 'nee');
const ofOnbekend = (w: number | string | null) => (w === null ? 'onbekend' : String(w));

/** The answer for people: one fact a line. */
export function leesbaar(a: Antwoord): string {
  const v = a.verblijfsstatus;
  const regels = [
    `basisset van ${a.persoonsnummer} voor ${a.instelling} (toegang: ${a.toegang === 'AANMELDING' ? 'aanmelding' : 'inschrijving'}), peildatum ${a.peildatum}`,
    `teldatum               ${a.teldatum} (bekostigingsjaar ${a.bekostigingsjaar}, ${a.regime}${a.prognose ? ', prognose' : ''})`,
    `officiële voornamen    ${a.officieleVoornamen ?? 'onbekend'}`,
    `verblijfsstatus        nationaliteit ${v.nationaliteit ?? 'onbekend'}, rechtmatig verblijf op de teldatum: ${janee(v.rechtmatigOpTeldatum)}`,
    ...v.perioden.map((p) => `                       ${p.vanaf} tot ${p.tot ?? 'heden'}: ${p.rechtmatig ? 'rechtmatig' : 'niet rechtmatig'}`),
    `hoogste vooropleiding  ${a.hoogsteVooropleiding === null ? 'onbekend' : `${a.hoogsteVooropleiding.code} (${a.hoogsteVooropleiding.overgangsbewijs ? 'overgangsbewijs havo/vwo 3-4' : 'diploma'})`}`,
    `verblijfsjaren         entree ${a.verblijfsjarenEntree}, niveau 2-4 ${a.verblijfsjarenNiveau2tot4}`,
    `bekostigde diploma's   ${a.bekostigdeDiplomas.length === 0 ? 'geen' : ''}`,
    ...a.bekostigdeDiplomas.map((d) => `                       ${d.crebo} niveau ${d.niveau}, ${d.datum}, diplomawaarde ${d.diplomawaarde}`),
  ];
  if (a.beoogd) {
    const b = a.beoogd;
    regels.push(
      `beoogde opleiding      ${b.crebo} (niveau ${ofOnbekend(b.niveau)}, ${b.teller === 'entree' ? 'entree' : 'niveau 2-4'})`,
      `                       prijsfactor ${ofOnbekend(b.prijsfactor)}, verblijfsjaar ${ofOnbekend(b.verblijfsjaar)}, verblijfsjaarfactor ${ofOnbekend(b.verblijfsjaarfactor)}, diplomawaarde ${ofOnbekend(b.diplomawaarde)}`,
    );
  }
  return regels.map((r) => r.trimEnd()).join('\n') + '\n';
}
