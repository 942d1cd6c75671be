import { JsonLogger } from './json-logger';
import { VERHULD, verhul } from './verhul';

describe('verhul: no persoonsnummer or quoted value in a log line', () => {
  it.each([
    ['Key (persoonsnummer)=(123456782) already exists.', `Key (persoonsnummer)=(${VERHULD}) already exists.`],
    ['Key (instelling, persoonsnummer)=(25LX, 123456782) already exists.', `Key (instelling, persoonsnummer)=(${VERHULD}) already exists.`],
    ['invalid input syntax for type integer: "Jansen"', `invalid input syntax for type integer: "${VERHULD}"`],
    ["geen student met naam 'Piet de Vries'", `geen student met naam '${VERHULD}'`],
    ['persoon 123456782 onbekend, bsn999999990', `persoon ${VERHULD} onbekend, bsn${VERHULD}`],
  ])('%s', (tekst, verwacht) => {
    expect(verhul(tekst)).toBe(verwacht);
  });

  it('keeps what names a database object, counts and longer numbers readable', () => {
    const tekst = 'duplicate key value violates unique constraint "effect_pkey" on relation "proef.effect": 3 poging(en), offset 1234567890';
    expect(verhul(tekst)).toBe(tekst);
  });

  it('is applied by JsonLogger to the message and to every field', () => {
    const regels: string[] = [];
    const logger = new JsonLogger('proef', 'debug', (r) => regels.push(r));
    logger.event('warn', 'fout voor 123456782', { error: 'Key (persoonsnummer)=(123456782) already exists', nested: { naam: "'Jansen'" }, aantal: 3 });
    logger.error(new Error('student 123456782'), 'bij 123456782');
    const tekst = regels.join('\n');
    expect(tekst).not.toMatch(/123456782|Jansen/);
    expect(JSON.parse(regels[0])).toMatchObject({ message: `fout voor ${VERHULD}`, aantal: 3, nested: { naam: `'${VERHULD}'` } });
  });
});
