import { aanleveren } from './commands/aanleveren.command';
import { audit } from './commands/audit.command';
import { basisset } from './commands/basisset.command';
import { bereken } from './commands/bereken.command';
import { dlq } from './commands/dlq.command';
import { extern } from './commands/extern.command';
import { foto } from './commands/foto.command';
import { genereer } from './commands/genereer.command';
import { volg } from './commands/volg.command';
import { GebruiksFout } from './gebruik';
import type { BronIo, Command } from './io';

const COMMANDS: Record<string, Command> = { aanleveren, volg, extern, foto, bereken, dlq, basisset, audit, genereer };

const USAGE = `bron: the command line of bron-terugkoppeling

  bron aanleveren <bestand.csv|bestand.jsonl> --instelling <BRIN> [--batch-id ID] [--timeout S]
  bron volg <BRIN> [--max N] [--timeout S] [--vanaf-begin]
  bron extern <bestand.jsonl> [--timeout S]
  bron foto <BRIN> [--peildatum JJJJ-10-01] [--moment ISO] [--formaat json|csv|xlsx|tbgi] [--deel D] [--uit pad]   (exit 3: refused)
  bron bereken <invoer.json | ->
  bron dlq toon <topic> [--json] [--timeout S]
  bron dlq herhaal <topic> (--event <id> ... | --alles) [--timeout S]
  bron basisset <BRIN> <persoonsnummer> [--crebo X] [--json]   (exit 3: refused)
  bron audit [--instelling BRIN] [--persoonsnummer X] [--sinds ISO] [--max N] [--json]
  bron genereer --uit <map> [--studenten N] [--instellingen M] [--jaren J] [--seed S]

bron aanleveren writes the answers to <bestand>.terugkoppeling.<batchId>.csv beside the file.
bron extern waits for the answer to every fact: exit 0 all accepted, 1 one refused or unanswered, 2 bad usage or a line that is no fact.

Environment: KAFKA_BROKERS (default 127.0.0.1:19092); bron basisset: BRON_API_SLEUTEL and
BRON_BEKOSTIGING_URL (default http://127.0.0.1:3002); bron foto: BRON_API_SLEUTEL and BRON_FOTO_URL
(default http://127.0.0.1:3003); bron audit: DATABASE_URL.`;

/**
 * The bron command line as a function: runs one command against the given streams and
 * environment and resolves to the exit code (0 ok, 1 the platform did not answer as it should,
 * 2 bad usage or input). It never rejects and never exits the process, so that it can run
 * in-process; ending the process is the shell's job (bin/bron.js).
 */
export async function runBron(argv: string[], io: BronIo): Promise<number> {
  const [naam, ...rest] = argv;
  if (naam === '--help') {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  // Own properties only: `bron toString` is an unknown command, not Object.prototype.toString.
  const command = naam !== undefined && Object.hasOwn(COMMANDS, naam) ? COMMANDS[naam] : undefined;
  if (!command) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof GebruiksFout) {
      io.stderr.write(`bron ${naam}: ${error.message}\n`);
      return 2;
    }
    // Anything else (e.g. `bron volg` losing Kafka) is the platform failing: one line, exit 1.
    const message = (error as { message?: unknown } | null | undefined)?.message;
    io.stderr.write(`bron: ${String(message ? message : error)}\n`);
    return 1;
  }
}
