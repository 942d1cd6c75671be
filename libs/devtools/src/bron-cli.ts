import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BRON = join(__dirname, '..', '..', '..', 'apps', 'cli', 'bin', 'bron.js');

/** Runs the `bron` command as a user would (its own process), with its exit code and all it printed. */
export function draaiBron(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; uitvoer: string }> {
  return new Promise((resolve) => {
    const proces = spawn(process.execPath, [BRON, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let uitvoer = '';
    proces.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    proces.stderr.on('data', (d: Buffer) => (uitvoer += d.toString()));
    proces.on('exit', (code) => resolve({ code, uitvoer }));
  });
}
