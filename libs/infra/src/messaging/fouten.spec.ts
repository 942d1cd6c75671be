import { OnverwerkbaarBerichtFout, isVerbindingWeg } from './fouten';

/** Errors as PostgreSQL and the pg driver give them while the database is away, and some that are not. */
describe('isVerbindingWeg: the database away costs a message no attempt', () => {
  const pg = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

  it.each([
    ['a terminated backend', pg('terminating connection due to administrator command', '57P01')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a database closed to new connections (55000)', pg('database "bron_x" is not currently accepting connections', '55000')],
    ['the same, wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: pg('database "bron_x" is not currently accepting connections', '55000') })],
    ['a server starting up', pg('the database system is starting up', '57P03')],
  ])('%s', (_naam, fout) => expect(isVerbindingWeg(fout)).toBe(true));

  it.each([
    ['another 55000', pg('cannot drop the currently open database', '55000')],
    ['a unique violation', pg('duplicate key value violates unique constraint', '23505')],
    ['a message that can never be handled', new OnverwerkbaarBerichtFout('leerweg XYZ onbekend')],
  ])('not: %s', (_naam, fout) => expect(isVerbindingWeg(fout)).toBe(false));
});
