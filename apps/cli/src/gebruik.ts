import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage or unreadable input: exit code 2 with a message, never a stack trace. */
export class GebruiksFout extends Error {
  override readonly name = 'GebruiksFout';
}

export function leesArgumenten<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GebruiksFout((error as Error).message);
  }
}

export function getal(waarde: string | undefined, naam: string, standaard: number): number {
  if (waarde === undefined) return standaard;
  const n = Number(waarde);
  if (!Number.isFinite(n) || n <= 0) throw new GebruiksFout(`--${naam} moet een positief getal zijn, niet '${waarde}'`);
  return n;
}

/** Resolves when the condition holds, or rejects after the timeout. */
export function wachtTot(conditie: () => boolean, timeoutMs: number, wat: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const timer = setInterval(() => {
      if (conditie()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - start > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`geen antwoord binnen ${Math.round(timeoutMs / 1000)} s: ${wat}`));
      }
    }, 50);
  });
}
