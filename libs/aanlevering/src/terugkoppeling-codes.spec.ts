import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TERUGKOPPELING_CODES, terugkoppelingCode, zwaarsteSoort } from './terugkoppeling-codes';

describe('terugkoppeling codes (D6)', () => {
  it('are at most 3 characters', () => {
    for (const code of Object.keys(TERUGKOPPELING_CODES)) expect(code.length).toBeLessThanOrEqual(3);
  });

  it('are all documented, with the same soort and text, in docs/terugkoppeling-codes.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'terugkoppeling-codes.md'), 'utf8');
    for (const [code, { soort, tekst }] of Object.entries(TERUGKOPPELING_CODES)) {
      expect(doc).toContain(`| \`${code}\` | ${soort} | ${tekst} |`);
    }
  });

  it('fill in their parameters and give the most severe soort', () => {
    const a = terugkoppelingCode('A03', { crebo: '12345' });
    expect(a).toEqual({ code: 'A03', soort: 'AFKEURING', tekst: 'Crebo 12345 is geen bekende kwalificatie.', parameters: { crebo: '12345' } });
    expect(zwaarsteSoort([terugkoppelingCode('M00'), a])).toBe('AFKEURING');
    expect(zwaarsteSoort([terugkoppelingCode('M00')])).toBe('MELDING');
  });
});
