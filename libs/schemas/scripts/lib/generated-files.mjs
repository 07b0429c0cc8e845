// Builds the catalog from avro/ and compares or writes src/generated/. Shared by generate.mjs
// and register-schemas.mjs, so nothing is registered that the services do not embed.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from './build-catalog.mjs';
import { importTypeScript } from './import-typescript.mjs';
import { renderGeneratedFiles } from './render-typescript.mjs';

const libDir = fileURLToPath(new URL('../../', import.meta.url));
export const avroDir = path.join(libDir, 'avro');
export const generatedDir = path.join(libDir, 'src', 'generated');

export async function buildGeneratedFiles() {
  // The same logical types the library registers with avsc at runtime.
  const { logicalTypes, logicalTypeTsTypes } = await importTypeScript('logical-types.ts');
  const catalog = buildCatalog({ avroDir, logicalTypes });
  return { catalog, files: renderGeneratedFiles(catalog, { logicalTypeTsTypes }) };
}

/** Differences between `files` and src/generated, one line each; empty when up to date. */
export function findOutdatedFiles(files) {
  const problems = [];
  for (const [name, expected] of files) {
    const file = path.join(generatedDir, name);
    if (!existsSync(file)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const actual = readFileSync(file, 'utf8');
    if (actual !== expected) problems.push(`${name} differs from line ${firstDifferentLine(actual, expected)} on`);
  }
  const existing = existsSync(generatedDir) ? readdirSync(generatedDir) : [];
  for (const name of existing.filter((name) => !files.has(name))) problems.push(`${name} is not generated any more`);
  return problems;
}

export function writeGeneratedFiles(files) {
  rmSync(generatedDir, { recursive: true, force: true });
  mkdirSync(generatedDir, { recursive: true });
  for (const [name, content] of files) writeFileSync(path.join(generatedDir, name), content);
}

function firstDifferentLine(actual, expected) {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const index = a.findIndex((line, i) => line !== b[i]);
  return (index === -1 ? a.length : index) + 1;
}
