import { VerzoekFout } from './verzoek-fout';

/** For specs: the HTTP status a VerzoekFout from `werk` carries, or 0 when it throws none. */
export function status(werk: () => unknown): number {
  try {
    werk();
  } catch (error) {
    if (error instanceof VerzoekFout) return error.status;
    throw error;
  }
  return 0;
}
