import { readFileSync, writeFileSync } from 'node:fs';

/** `--klein` (also as nx forwards it, `--klein=true`): the small sizes CI runs. */
export const KLEIN = process.argv.some((a) => a === '--klein' || a === '--klein=true');

/** The value at quantile `q` (0..1) of sorted numbers (nearest rank). */
export function kwantiel(gesorteerd: number[], q: number): number {
  return gesorteerd[Math.min(gesorteerd.length - 1, Math.max(0, Math.ceil(q * gesorteerd.length) - 1))];
}

/** p50, p99 and the maximum of unsorted numbers, rounded to `decimalen`. */
export function verdeling(waarden: number[], decimalen = 0): { p50: number; p99: number; max: number; aantal: number } {
  const s = [...waarden].sort((a, b) => a - b);
  const r = (x: number) => Number(x.toFixed(decimalen));
  return { p50: r(kwantiel(s, 0.5)), p99: r(kwantiel(s, 0.99)), max: r(s[s.length - 1]), aantal: s.length };
}

/** Peak resident memory of a process so far (VmHWM), in MB; 0 when it is gone or not Linux. */
export function piekGeheugenMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/**
 * Hands a bench's figures to the runner (bench.ts): it starts each bench as a process with
 * BENCH_RESULTAAT naming a file and reads the JSON from it. Run alone, a bench only prints.
 */
export function meldResultaat(resultaat: object): void {
  if (process.env.BENCH_RESULTAAT) writeFileSync(process.env.BENCH_RESULTAAT, JSON.stringify(resultaat, null, 2) + '\n');
}

/** `belofte`, or an error saying `wat` when it takes longer than `timeoutMs` (the timer does not outlive it). */
export async function binnen<T>(belofte: Promise<T>, timeoutMs: number, wat: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([belofte, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${wat()} (na ${timeoutMs / 1000} s)`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
}
