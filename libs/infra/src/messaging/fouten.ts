/**
 * A message that can never be handled, whatever the number of attempts (a broken value, an
 * unknown type, a fact that contradicts the rules): it goes to the dead-letter topic at once.
 */
export class OnverwerkbaarBerichtFout extends Error {
  override readonly name = 'OnverwerkbaarBerichtFout';
}

const RETRIABLE_POSTGRES_CODES = new Set(['40001', '40P01', '55P03', '57P01', '08000', '08003', '08006']);

/** Infrastructure trouble that another attempt may cure. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof OnverwerkbaarBerichtFout) return false;
  const code = (error as { code?: string }).code;
  if (code && RETRIABLE_POSTGRES_CODES.has(code)) return true;
  if ((error as { retriable?: boolean }).retriable === true) return true;
  // Unknown errors get their bounded attempts too; a bug then ends in the dead-letter topic.
  return !(error instanceof TypeError || error instanceof RangeError);
}
