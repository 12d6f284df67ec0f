// `npm run bench`: every benchmark, on SQLite and (with BENCH_DATABASE_URL) PostgreSQL,
// writing bench/results/summary.json and summary.md.
import fs from 'node:fs';
import path from 'node:path';
import { httpOverhead } from './http-overhead';
import { dashboardBench } from './dashboard';
import { surveyIngest } from './survey-ingest';
import { satisfactionIndex } from './satisfaction-index';
import { hotlineImport } from './hotline-import';
import { importBench } from './import';
import { entryRush } from './entry-rush';
import { charging } from './charging';
import { bulletinBench } from './bulletin';
import { ROOT, machine, writeResults, type BenchFigure } from './lib';

const figures: BenchFigure[] = [];
const databases: Array<'sqlite' | 'postgres'> = process.env.BENCH_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];
for (const database of databases) figures.push(...(await httpOverhead(database)));
for (const database of databases) figures.push(...(await dashboardBench(database)));
for (const database of databases) figures.push(...(await surveyIngest(database)));
figures.push(...(await satisfactionIndex()));
figures.push(...(await hotlineImport()));
for (const database of databases) figures.push(...(await importBench(database)));
for (const database of databases) figures.push(...(await entryRush(database)));

for (const database of databases) figures.push(...(await charging(database)));
for (const database of databases) figures.push(...(await bulletinBench(database)));

writeResults('summary', figures);
const rows = figures.map(
  (f) =>
    `| ${f.bench} | ${f.database} | ${f.figure} | ${f.value} ${f.unit} | ${f.goal ? `${f.goal} ${f.met ? '✅' : '❌'}` : ''} |`,
);
const md = [
  `Machine: ${machine()} — ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| bench | db | figure | value | goal |',
  '|---|---|---|---|---|',
  ...rows,
  '',
].join('\n');
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'summary.md'), md);
console.log(`\n${md}`);
