// `npm run bench`: every benchmark on SQLite and (with BENCH_DATABASE_URL) PostgreSQL, one at a
// time, each printing its figures, its ratio against the baseline measured in the same run and
// its goal. Writes bench/results/summary.json (machine, load average, durations, figures) and
// summary.md (one row per figure, both engines side by side).
//   npm run bench -- --only http-overhead,import --db postgres
// A partial run writes bench/results/partial.{json,md} instead, so the full summary stays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { httpOverhead } from './http-overhead';
import { closeVolumeApps, dashboardBench } from './dashboard';
import { surveyIngest } from './survey-ingest';
import { satisfactionIndex } from './satisfaction-index';
import { hotlineImport } from './hotline-import';
import { importBench } from './import';
import { entryRush } from './entry-rush';
import { charging } from './charging';
import { bulletinBench } from './bulletin';
import { multiprocessBench } from './multiprocess';
import { ROOT, machine, printFigures, type BenchFigure, type Engine } from './lib';

const BENCHES: Record<string, (database: Engine) => Promise<BenchFigure[]>> = {
  'http-overhead': httpOverhead,
  import: importBench,
  'entry-rush': entryRush,
  dashboard: dashboardBench,
  bulletin: bulletinBench,
  'survey-ingest': surveyIngest,
  'satisfaction-index': satisfactionIndex,
  'hotline-import': hotlineImport,
  charging,
  // PostgreSQL only: the dashboard with 2 app processes against 1.
  multiprocess: multiprocessBench,
};

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, db: { type: 'string' } },
});
const only = args.only?.split(',').map((s) => s.trim()) ?? Object.keys(BENCHES);
for (const name of only)
  if (!BENCHES[name])
    throw new Error(`unknown bench ${name}; one of: ${Object.keys(BENCHES).join(', ')}`);
if (args.db && args.db !== 'sqlite' && args.db !== 'postgres')
  throw new Error('--db is sqlite or postgres');
const engines: Engine[] = args.db
  ? [args.db as Engine]
  : process.env.BENCH_DATABASE_URL
    ? ['sqlite', 'postgres']
    : ['sqlite'];
if (engines.includes('postgres') && !process.env.BENCH_DATABASE_URL)
  throw new Error(
    'PostgreSQL needs BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
  );
const partial = Boolean(args.only || args.db);

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
const started = performance.now();
const startedAt = new Date().toISOString();
const startLoad = load();
const runs: Array<{ bench: string; database: Engine; seconds: number; load1: number }> = [];
const figures: BenchFigure[] = [];
for (const name of only)
  for (const database of engines) {
    const t = performance.now();
    const load1 = load()[0];
    console.log(`\n── ${name} [${database}] (load average ${load1}) ──`);
    const got = await BENCHES[name]!(database);
    const seconds = Math.round((performance.now() - t) / 1000);
    printFigures(got);
    console.log(`   ${name} [${database}] took ${seconds} s`);
    runs.push({ bench: name, database, seconds, load1 });
    figures.push(...got);
  }
await closeVolumeApps();
const totalSeconds = Math.round((performance.now() - started) / 1000);
const endLoad = load();

const base = partial ? 'partial' : 'summary';
const dir = path.join(ROOT, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const at = startedAt;
fs.writeFileSync(
  path.join(dir, `${base}.json`),
  JSON.stringify(
    {
      machine: machine(),
      at,
      totalSeconds,
      loadAverage: { start: startLoad, end: endLoad },
      runs,
      figures,
    },
    null,
    2,
  ),
);
const md = markdown(figures, { at, totalSeconds, startLoad, endLoad });
fs.writeFileSync(path.join(dir, `${base}.md`), md);
console.log(`\n${md}`);
console.log(`Written: bench/results/${base}.json, bench/results/${base}.md`);

/** One row per figure, SQLite and PostgreSQL side by side, the goal and whether each met it. */
function markdown(
  all: BenchFigure[],
  meta: { at: string; totalSeconds: number; startLoad: number[]; endLoad: number[] },
): string {
  interface Row {
    bench: string;
    figure: string;
    goal?: string;
    by: Map<Engine, BenchFigure>;
  }
  const rows = new Map<string, Row>();
  for (const f of all) {
    const key = `${f.bench}\u0000${f.figure}`;
    const row: Row = rows.get(key) ?? { bench: f.bench, figure: f.figure, by: new Map() };
    row.by.set(f.database, f);
    row.goal ??= f.goal;
    rows.set(key, row);
  }
  const cell = (f: BenchFigure | undefined) =>
    f ? `${fmt(f.value)} ${f.unit}${f.goal ? ` ${f.met ? '✅' : '❌'}` : ''}` : '—';
  const lines = [...rows.values()].map(
    (r) =>
      `| ${r.bench} | ${r.figure} | ${cell(r.by.get('sqlite'))} | ${cell(r.by.get('postgres'))} | ${r.goal ?? ''} |`,
  );
  const unmet = all.filter((f) => f.goal && !f.met);
  return [
    `Machine: ${machine()}. Run started ${meta.at.slice(0, 16).replace('T', ' ')} UTC, took ${Math.floor(meta.totalSeconds / 60)} min ${meta.totalSeconds % 60} s; load average (1/5/15 min) ${meta.startLoad.join(' / ')} at the start, ${meta.endLoad.join(' / ')} at the end.`,
    '',
    '| bench | figure | SQLite | PostgreSQL | goal |',
    '|---|---|---|---|---|',
    ...lines,
    '',
    unmet.length
      ? `Goals not met: ${unmet.map((f) => `${f.bench} [${f.database}] ${f.figure}`).join('; ')}.`
      : 'Every goal met.',
    '',
  ].join('\n');
}

function fmt(x: number): string {
  return Math.abs(x) >= 10_000 ? x.toLocaleString('en') : String(x);
}
