import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

/**
 * Every project declares, in its own package.json, the packages its production code imports, so a
 * service deployed on its own (or a lib published) brings what it needs and npm's hoisting never
 * hides a gap. Test code may also use the root's devDependencies (jest, supertest…).
 */
const root = join(__dirname, '..', '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const projects = ['apps', 'libs'].flatMap((folder) => readdirSync(join(root, folder)).map((name) => join(folder, name))).concat(['test', 'bench', 'deploy']);
const TEST_FILE = /\.(spec|int-spec)\.ts$|\/testing\/|\/test-support\/|\/spec-support\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'generated') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

function importedPackages(file: string): string[] {
  // Type-only imports are erased at build time; the type packages come with the toolchain.
  const text = readFileSync(file, 'utf8').replace(/(?:^|\n)\s*(?:import|export) type [^;]*;/g, '\n');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0]))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

describe('declared dependencies', () => {
  it.each(projects)('%s declares every package it imports', (project) => {
    const manifest = JSON.parse(readFileSync(join(root, project, 'package.json'), 'utf8'));
    const own = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}), manifest.name]);
    const forTests = new Set([...own, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(rootManifest.devDependencies ?? {})]);
    const missing = new Map<string, string>();
    for (const dir of ['src', 'scripts', ...(['test', 'bench', 'deploy'].includes(project) ? ['.'] : [])]) {
      let files: string[] = [];
      try {
        files = sourceFiles(join(root, project, dir));
      } catch {
        continue;
      }
      for (const file of files) {
        const declared = TEST_FILE.test(file) ? forTests : own;
        for (const pkg of importedPackages(file)) if (!declared.has(pkg) && !missing.has(pkg)) missing.set(pkg, `imported by ${relative(root, file)}`);
      }
    }
    expect(Object.fromEntries([...missing].sort())).toEqual({});
  });
});
