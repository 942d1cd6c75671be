import { randomUUID } from 'node:crypto';
import { EventTypes, InstellingTopics, Topics, type FotoAangevraagd, type FotoGemaakt } from '@bron/contracts';
import { teldatumVanStudiejaar } from '@bron/cascade';
import { isGeldigeBrin } from '@bron/domein';
import { nieuwBericht, PlatformClient } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten, wachtTot } from '../gebruik';
import type { BronIo } from '../io';

const SOORTEN = ['VOORLOPIG_1', 'INTEGRAAL', 'VOORLOPIG_2', 'DEFINITIEF', 'OP_VERZOEK'] as const;

/** `bron foto <BRIN>`: requests a foto of the instelling and prints it as JSON when it is made. */
export async function foto(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, { soort: { type: 'string' }, peildatum: { type: 'string' }, timeout: { type: 'string' } });
  const [instelling] = positionals;
  if (!instelling || !isGeldigeBrin(instelling)) throw new GebruiksFout(`geef de BRIN van de instelling, niet '${instelling ?? ''}'`);
  const soort = (values.soort ?? 'OP_VERZOEK') as FotoAangevraagd['soort'];
  if (!SOORTEN.includes(soort)) throw new GebruiksFout(`--soort moet een van ${SOORTEN.join(', ')} zijn`);
  const peildatum = values.peildatum ?? teldatumVanStudiejaar(io.env.BRON_PEILDATUM ?? new Date().toISOString().slice(0, 10));
  if (!/^\d{4}-10-01$/.test(peildatum)) throw new GebruiksFout(`--peildatum moet 1 oktober zijn (JJJJ-10-01), niet '${peildatum}'`);
  const timeoutMs = getal(values.timeout, 'timeout', 60) * 1000;

  const aanvraagId = randomUUID();
  const kafka = new PlatformClient(io.env);
  let gemaakt: FotoGemaakt | undefined;
  try {
    await kafka.volg([InstellingTopics.foto(instelling)], (b) => {
      if (b.type === EventTypes.FotoGemaakt && b.value.aanvraagId === aanvraagId) gemaakt = b.value;
    });
    const aanvraag: FotoAangevraagd = { aanvraagId, instelling, soort, peildatum };
    await kafka.send([nieuwBericht({ topic: Topics.fotoAanvraag, key: instelling, type: EventTypes.FotoAangevraagd, value: aanvraag, origin: `aanvraag:${instelling}` })]);
    await wachtTot(() => gemaakt !== undefined, timeoutMs, `foto ${aanvraagId}`);
    io.stdout.write(JSON.stringify(gemaakt, null, 2) + '\n');
    return 0;
  } catch (error) {
    io.stderr.write(`bron foto: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await kafka.sluit();
  }
}
