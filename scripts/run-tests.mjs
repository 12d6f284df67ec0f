#!/usr/bin/env node
// Runs every suite once with Vitest and ends with the one totals line CI reads:
// `N passed, N failed`. In CI (CI=true) a skipped or pending test is a failure: every suite
// (PostgreSQL, Chromium) must really run there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const report = path.resolve('test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

if (!fs.existsSync(report)) {
  console.log('0 passed, 1 failed');
  console.error('Vitest wrote no report: the run itself failed.');
  process.exit(1);
}

const result = JSON.parse(fs.readFileSync(report, 'utf8'));
const passed = result.numPassedTests;
const skipped = result.numPendingTests + result.numTodoTests;
const failedSuites = result.testResults.filter(
  (f) => f.status === 'failed' && f.assertionResults.length === 0,
).length;
const failed = result.numFailedTests + failedSuites;
const inCi = Boolean(process.env.CI);

if (inCi && skipped > 0) console.error(`${skipped} test(s) skipped: in CI every suite must run.`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status !== 0 || failed > 0 || (inCi && skipped > 0) ? 1 : 0);
