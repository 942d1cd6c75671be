import { runBron } from './bron';

/** The process's side of the command line: its arguments, streams and environment. */
export function main(argv: string[]): Promise<number> {
  return runBron(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
}
