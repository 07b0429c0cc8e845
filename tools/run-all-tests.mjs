// Runs build, typecheck, lint and test for every Nx project and prints one closing summary line.
// A failing typecheck or lint target counts as a failure, as does a test suite that cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const startedAt = Date.now();
const RESULTS = '.jest-results.json';

function nx(args) {
  const result = spawnSync('nx', [...args, '--outputStyle=static'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const failed = [...result.stdout.matchAll(/^\s+-\s+(\S+:\S+)\s*$/gm)].map((match) => match[1]);
  return { ok: result.status === 0, failed };
}

const projects = JSON.parse(spawnSync('nx', ['show', 'projects', '--json'], { cwd: root, encoding: 'utf8' }).stdout);
const failures = [];

const build = nx(['run-many', '-t', 'build']);
if (!build.ok) failures.push(...(build.failed.length ? build.failed : ['build']));

const checks = nx(['run-many', '-t', 'typecheck', 'lint', '--nxBail=false']);
if (!checks.ok) failures.push(...(checks.failed.length ? checks.failed : ['typecheck/lint']));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const project of projects) {
  const { root: dir, targets } = JSON.parse(spawnSync('nx', ['show', 'project', project, '--json'], { cwd: root, encoding: 'utf8' }).stdout);
  if (!targets.test) continue;
  const resultsFile = join(root, dir, RESULTS);
  rmSync(resultsFile, { force: true });
  const run = nx(['run', `${project}:test`, '--skip-nx-cache', '--', '--ci', '--json', `--outputFile=${RESULTS}`]);
  if (!existsSync(resultsFile)) {
    failures.push(`${project}:test (no results)`);
    continue;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  for (const suite of results.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0) failures.push(`${project}: ${suite.name} could not run`);
  }
  if (!run.ok && results.numFailedTests === 0 && results.numRuntimeErrorTestSuites === 0) failures.push(`${project}:test`);
}

console.log('');
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`checks: build, typecheck and lint of ${projects.length} projects ${failures.length ? 'with failures' : 'clean'}; ${Math.round((Date.now() - startedAt) / 1000)} s`);
const summary = `${passed} passed, ${failed + failures.length} failed${skipped ? `, ${skipped} skipped` : ''}`;
console.log(summary);
process.exit(failed + failures.length === 0 ? 0 : 1);
