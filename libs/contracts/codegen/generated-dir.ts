import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from './generate-contracts';

/**
 * Paths in `dir` that do not hold what `files` says they should: changed, missing, or left over
 * from a schema that no longer exists. Empty means the directory is up to date.
 */
export function staleFiles(dir: string, files: readonly GeneratedFile[]): string[] {
  const wanted = new Map(files.map((file) => [file.path, file.content]));
  const stale = files.filter((file) => readIfExists(path.join(dir, file.path)) !== file.content).map((file) => file.path);
  const leftOver = existingFiles(dir).filter((file) => !wanted.has(file));
  return [...stale, ...leftOver].sort();
}

/** Makes `dir` hold exactly `files`, touching only what changed (keeps tools' file watchers calm). */
export function writeGenerated(dir: string, files: readonly GeneratedFile[]): string[] {
  const changed = staleFiles(dir, files);
  const wanted = new Map(files.map((file) => [file.path, file.content]));
  for (const file of changed) {
    const target = path.join(dir, file);
    const content = wanted.get(file);
    if (content === undefined) {
      rmSync(target);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return changed;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function existingFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
