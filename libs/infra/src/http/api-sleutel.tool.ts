import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../config';
import { BRIN } from './api-sleutel';
import { ApiSleutelRepository, type ApiSleutelGegevens } from './api-sleutel.repository';
import { openToegangDatabase } from './toegang-schema';

const isGeldigeBrin = (tekst: string) => BRIN.test(tekst);

const GEBRUIK = `gebruik:
  node tools/api-sleutel.js maak <BRIN> [--omschrijving <tekst>]   maakt een sleutel en toont hem eenmalig
  node tools/api-sleutel.js intrekken <id>                         de sleutel werkt vanaf nu niet meer
  node tools/api-sleutel.js lijst [<BRIN>]                         de sleutels (zonder de sleutels zelf)
DATABASE_URL (standaard ${DEFAULT_DATABASE_URL}) wijst de database aan.`;

export interface Uitvoer {
  stdout: (tekst: string) => void;
  stderr: (tekst: string) => void;
}

const procesUitvoer: Uitvoer = {
  stdout: (tekst) => process.stdout.write(tekst),
  stderr: (tekst) => process.stderr.write(tekst),
};

class GebruiksFout extends Error {}

/**
 * The operator tool for API keys (`tools/api-sleutel.js`): one key works for every HTTP-serving
 * service. Opens the shared toegang schema with its migrations, so it also works before any
 * service ever ran. Exit code 0 when done,
 * 1 when it could not be done (database, unknown id), 2 on bad usage. `maak` prints only the key
 * on stdout, so that a script can capture it.
 */
export async function apiSleutelTool(args: string[], env: NodeJS.ProcessEnv = process.env, uit: Uitvoer = procesUitvoer): Promise<number> {
  let opdracht: () => Promise<number>;
  try {
    opdracht = leesOpdracht(args, env, uit);
  } catch (error) {
    uit.stderr(`api-sleutel: ${(error as Error).message}\n${GEBRUIK}\n`);
    return 2;
  }
  try {
    return await opdracht();
  } catch (error) {
    uit.stderr(`api-sleutel: ${(error as Error).message}\n`);
    return 1;
  }
}

function leesOpdracht(args: string[], env: NodeJS.ProcessEnv, uit: Uitvoer): () => Promise<number> {
  const { values, positionals } = leesArgumenten(args);
  const [opdracht, argument, ...teVeel] = positionals;
  if (teVeel.length > 0) throw new GebruiksFout(`onverwacht argument ${teVeel[0]}`);
  if (values.omschrijving !== undefined && opdracht !== 'maak') throw new GebruiksFout('--omschrijving hoort alleen bij maak');
  const metRepository = <T>(werk: (sleutels: ApiSleutelRepository) => Promise<T>) => () => metSleutels(env, werk);

  switch (opdracht) {
    case 'maak': {
      const brin = argument ?? '';
      if (!isGeldigeBrin(brin)) throw new GebruiksFout(`'${brin}' is geen BRIN (2 cijfers gevolgd door 2 hoofdletters of cijfers, bijvoorbeeld 25LX)`);
      const omschrijving = values.omschrijving?.trim() || null;
      return metRepository(async (sleutels) => {
        const { id, sleutel } = await sleutels.maak(brin, omschrijving);
        uit.stdout(`${sleutel}\n`);
        uit.stderr(`API-sleutel ${id} voor ${brin} gemaakt. Bewaar hem nu: hij wordt niet opnieuw getoond (alleen zijn hash is opgeslagen).\n`);
        return 0;
      });
    }
    case 'intrekken': {
      const id = argument ?? '';
      if (!/^[1-9]\d{0,17}$/.test(id)) throw new GebruiksFout(`'${id}' is geen sleutel-id (een positief geheel getal; zie lijst)`);
      return metRepository(async (sleutels) => {
        const sleutel = await sleutels.trekIn(id);
        if (!sleutel) {
          uit.stderr(`api-sleutel: er is geen sleutel met id ${id}\n`);
          return 1;
        }
        uit.stderr(`API-sleutel ${id} van ${sleutel.instelling} is ingetrokken sinds ${sleutel.ingetrokkenOp?.toISOString()}.\n`);
        return 0;
      });
    }
    case 'lijst': {
      if (argument !== undefined && !isGeldigeBrin(argument)) throw new GebruiksFout(`'${argument}' is geen BRIN`);
      return metRepository(async (sleutels) => {
        for (const sleutel of await sleutels.lijst(argument)) uit.stdout(`${regel(sleutel)}\n`);
        return 0;
      });
    }
    default:
      throw new GebruiksFout(opdracht ? `onbekende opdracht ${opdracht}` : 'geef een opdracht');
  }
}

function leesArgumenten(args: string[]) {
  try {
    return parseArgs({ args, options: { omschrijving: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GebruiksFout((error as Error).message);
  }
}

async function metSleutels<T>(env: NodeJS.ProcessEnv, werk: (sleutels: ApiSleutelRepository) => Promise<T>): Promise<T> {
  const dataSource = await openToegangDatabase(env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  try {
    return await werk(new ApiSleutelRepository(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

function regel(s: ApiSleutelGegevens): string {
  const status = s.ingetrokkenOp ? `ingetrokken ${s.ingetrokkenOp.toISOString()}` : 'geldig';
  return [s.id, s.instelling, s.aangemaaktOp.toISOString(), status, s.omschrijving ?? ''].join('\t');
}
