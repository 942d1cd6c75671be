import { aanleveren } from './commands/aanleveren.command';
import { bereken } from './commands/bereken.command';
import { extern } from './commands/extern.command';
import { foto } from './commands/foto.command';
import { volg } from './commands/volg.command';
import { GebruiksFout } from './gebruik';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { aanleveren, volg, extern, foto, bereken };

const USAGE = `bron: the command line of bron-terugkoppeling

  bron aanleveren <bestand.csv|bestand.jsonl> --instelling <BRIN> [--batch-id ID] [--timeout S]
  bron volg <BRIN> [--max N] [--timeout S] [--vanaf-begin]
  bron extern <bestand.jsonl>
  bron foto <BRIN> [--soort OP_VERZOEK] [--peildatum JJJJ-10-01] [--timeout S]
  bron bereken <invoer.json | ->

Environment: KAFKA_BROKERS (default 127.0.0.1:19092).`;

/** Returns the exit code: 0 ok, 1 the platform did not answer as it should, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  const [naam, ...rest] = argv;
  const command = naam ? COMMANDS[naam] : undefined;
  if (!command || naam === '--help') {
    (command || naam === '--help' ? process.stdout : process.stderr).write(USAGE + '\n');
    return naam === '--help' ? 0 : 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof GebruiksFout) {
      process.stderr.write(`bron ${naam}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
