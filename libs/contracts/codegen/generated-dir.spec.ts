import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GeneratedFile } from './generate-contracts';
import { staleFiles, writeGenerated } from './generated-dir';

describe('generated directory', () => {
  const files: GeneratedFile[] = [
    { path: 'index.ts', content: "export * from './types';\n" },
    { path: 'types.ts', content: 'export type A = string;\n' },
  ];
  let dir: string;

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'contracts-generated-')), 'generated');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('is stale when it does not exist yet', () => {
    expect(staleFiles(dir, files)).toEqual(['index.ts', 'types.ts']);
  });

  it('is up to date once written', () => {
    expect(writeGenerated(dir, files)).toEqual(['index.ts', 'types.ts']);
    expect(staleFiles(dir, files)).toEqual([]);
    expect(readFileSync(path.join(dir, 'types.ts'), 'utf8')).toBe('export type A = string;\n');
  });

  it('is stale when a file was edited, and rewrites only that one', () => {
    writeGenerated(dir, files);
    writeFileSync(path.join(dir, 'types.ts'), 'export type A = number;\n');
    expect(staleFiles(dir, files)).toEqual(['types.ts']);
    expect(writeGenerated(dir, files)).toEqual(['types.ts']);
  });

  it('is stale when it holds a file no schema generates any more, which writing removes', () => {
    writeGenerated(dir, files);
    mkdirSync(path.join(dir, 'oud'));
    writeFileSync(path.join(dir, 'oud/weg.ts'), '');
    expect(staleFiles(dir, files)).toEqual(['oud/weg.ts']);
    writeGenerated(dir, files);
    expect(existsSync(path.join(dir, 'oud/weg.ts'))).toBe(false);
  });
});
