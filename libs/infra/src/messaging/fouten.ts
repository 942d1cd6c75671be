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

const VERBINDING_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const VERBINDING_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// `is not currently accepting connections`: a new connection to a database closed to connections
// (ALTER DATABASE ... ALLOW_CONNECTIONS false, as an operator does in maintenance); its code 55000
// also means other things, so the text decides.
const VERBINDING_TEKST = /connection terminated|connection error|terminating connection|timeout exceeded when trying to connect|not queryable|server closed the connection|the database system is (starting up|shutting down)|is not currently accepting connections/i;

/**
 * The database is away (connections terminated, refused, server restarting): not the message's
 * fault. Such a failure does not use up a message's bounded attempts, or every message handled
 * while the database is away would end in the dead-letter topic; it is retried until the database
 * answers again (the consumer keeps its group membership meanwhile, and health says not ready).
 */
export function isVerbindingWeg(error: unknown): boolean {
  const e = error as { code?: string; errno?: string; message?: string; driverError?: unknown };
  if (e?.code && (VERBINDING_CODES.has(e.code) || VERBINDING_ERRNO.has(e.code))) return true;
  if (e?.errno && VERBINDING_ERRNO.has(String(e.errno))) return true;
  if (typeof e?.message === 'string' && VERBINDING_TEKST.test(e.message)) return true;
  return e?.driverError !== undefined && e.driverError !== error && isVerbindingWeg(e.driverError);
}

/**
 * A Kafka error another attempt may cure (NOT_LEADER_FOR_PARTITION, LEADER_NOT_AVAILABLE, a lost
 * connection, ...): kafkajs marks it `retriable`, also when it wraps it after its own retries ran out.
 */
export function isKafkaHerhaalbaar(error: unknown): boolean {
  for (let e = error as { retriable?: boolean; cause?: unknown; errors?: unknown[]; name?: string } | undefined, diepte = 0; e && diepte < 10; diepte++) {
    if (e.retriable === true) return true;
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((sub) => isKafkaHerhaalbaar(sub))) return true;
    if (e.name === 'KafkaJSConnectionError' || e.name === 'KafkaJSRequestTimeoutError') return true;
    e = e.cause as typeof e;
  }
  return false;
}
