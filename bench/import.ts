// bench/import: an Excel template of ~100,000 values (the monthly employment form for every
// county-level unit over 269 months — a back-fill of history, so the form's entry window is
// widened in this bench's own database) is parsed (zip checks + streaming read), validated
// (dry run through the reporting core) and committed (one all-or-nothing saveValues), three
// times, each into a fresh database. Each commit is compared with a raw batched INSERT of the
// same rows into a scratch table of the same shape (no triggers, no history), right after it;
// figures are medians. Goals: raw ÷ commit ≥ 0.5; peak RSS < 400 MB (kernel maxRSS of the
// measuring process, which does not build the file). The file is generated once per run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import {
  ROOT,
  benchDatabase,
  figureMaker,
  median,
  round2,
  type BenchFigure,
  type Engine,
} from './lib';
import { formatPeriod, parsePeriod } from '../core/periods/periods';
import { buildTemplate, previousPeriod, readTemplate, valueKey } from '../core/reporting-io';
import { loadConfig } from '../server/src/config';
import { createContext, type AppContext } from '../server/src/context';
import { bootstrap } from '../server/src/modules/setup/bootstrap';
import { loadCatalog, reporterUnits } from '../server/src/modules/reporting/catalog';
import { importValues } from '../server/src/modules/reporting-io/reporting-io.service';
import type { Actor } from '../server/src/common/policy';

const FORM = 'D01-county-month';
const MONTHS = Number(process.env.BENCH_IMPORT_MONTHS ?? 269);
/** Commits measured (each into a fresh database); the figures are their medians. */
const COMMITS = Number(process.env.BENCH_IMPORT_COMMITS ?? 3);

interface Measured {
  values: number;
  fileBytes: number;
  parseMs: number;
  validateMs: number;
  /** Medians over COMMITS runs. */
  commitMs: number;
  rawInsertMs: number;
  /** raw ÷ commit of each run (each pair measured back to back). */
  ratios: number[];
  peakRssMb: number;
}

async function openContext(database: Engine) {
  const db = await benchDatabase(database);
  await bootstrap(db, { dataDir: db.dataDir, demo: false });
  const ctx = await createContext({ ...loadConfig(), dataDir: db.dataDir, webDistDir: null }, db);
  // A back-fill of history: keep every month of the bench's form open for entry.
  await ctx.db
    .updateTable('report_forms')
    .set({ expiry_days: 100_000 })
    .where('code', '=', FORM)
    .execute();
  return { db, ctx };
}

function months(count: number): string[] {
  const result: string[] = [];
  let p = formatPeriod({
    type: 'month',
    year: new Date().getUTCFullYear(),
    index: new Date().getUTCMonth() + 1,
  });
  for (let i = 0; i < count; i++, p = previousPeriod(p)!) result.unshift(p);
  return result.filter((code) => parsePeriod(code));
}

async function generate(file: string): Promise<void> {
  const { db, ctx } = await openContext('sqlite');
  const form = (await loadCatalog(ctx.db)).forms.get(FORM)!;
  const units = reporterUnits(ctx.orgs, form).map((code) => ({
    code,
    name: ctx.orgs.get(code)!.name,
  }));
  const periods = months(MONTHS);
  // The file as a reporter would upload it: every value cell filled in.
  const current = new Map<string, { value: number }>();
  let n = 0;
  for (const unit of units)
    for (const period of periods)
      for (const element of form.elements)
        current.set(valueKey(element.code, unit.code, period), { value: (n++ * 7919) % 5000 });
  const buffer = await buildTemplate({
    form: { code: form.code, name: form.name, periodType: form.periodType },
    elements: form.elements.map((e) => ({ ...e, valueType: e.valueType })),
    units,
    periods,
    current,
    previous: new Map(),
    generatedAt: new Date().toISOString(),
    generatedBy: 'bench',
    maxUploadMegabytes: 10,
  });
  fs.writeFileSync(file, buffer);
  await db.destroy();
}

async function measure(file: string, database: Engine): Promise<Measured> {
  const buffer = fs.readFileSync(file);
  let t = performance.now();
  const reading = await readTemplate(buffer);
  const parseMs = performance.now() - t;
  trace('parsed');
  if (reading.errorCount) throw new Error(`template errors: ${reading.errors[0]?.message}`);
  const base = {
    source: 'xlsx' as const,
    formCode: FORM,
    values: reading.values,
    submit: false,
    receivedAt: new Date().toISOString(),
  };
  let validateMs = NaN;
  let peakRssMb = NaN;
  const commits: number[] = [];
  const raws: number[] = [];
  // Each commit goes into a fresh database (a second commit of the same values would change
  // nothing); the dry run is timed once, on the first.
  for (let run = 0; run < COMMITS; run++) {
    const { db, ctx } = await openContext(database);
    const actor = await departmentActor(ctx);
    if (run === 0) {
      t = performance.now();
      const dry = await importValues(ctx, actor, { ...base, dryRun: true });
      validateMs = performance.now() - t;
      trace('validated');
      if (dry.errorCount) throw new Error(`dry run: ${dry.errors[0]?.message}`);
    }
    t = performance.now();
    const done = await importValues(ctx, actor, { ...base, dryRun: false });
    commits.push(performance.now() - t);
    trace('committed');
    // One import's peak: parse + dry run + commit (later runs only add timings).
    if (run === 0) peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (!done.stored || done.summary.created !== reading.values.length)
      throw new Error('commit did not store everything');
    raws.push(await rawInsert(ctx, reading.values));
    await db.destroy();
  }
  return {
    values: reading.values.length,
    fileBytes: buffer.length,
    parseMs,
    validateMs,
    commitMs: median(commits),
    rawInsertMs: median(raws),
    ratios: commits.map((c, i) => raws[i]! / c),
    peakRssMb,
  };
}

/** BENCH_TRACE=1 prints memory after each phase (to stderr). */
function trace(phase: string): void {
  if (!process.env.BENCH_TRACE) return;
  const m = process.memoryUsage();
  console.error(
    `${phase}: rss ${Math.round(m.rss / 1e6)} MB, heap ${Math.round(m.heapUsed / 1e6)} MB, maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

async function departmentActor(ctx: AppContext): Promise<Actor> {
  const form = (await loadCatalog(ctx.db)).forms.get(FORM)!;
  return {
    userId: 1,
    username: 'bench',
    role: 'department',
    unitCode: null,
    unitScope: 'all',
    domainScope: new Set([form.domainCode!]),
  };
}

/** The same rows, batched INSERTs into a scratch copy of data_values, one transaction. */
async function rawInsert(
  ctx: AppContext,
  values: Array<{ elementCode: string; unitCode: string; period: string; value: number }>,
) {
  await sql`create table bench_raw_values (element_code text not null, unit_code text not null, period text not null, value double precision not null, status text not null, updated_at text not null, updated_by text not null, version integer not null, comment text, primary key (element_code, unit_code, period))`.execute(
    ctx.db,
  );
  const at = new Date().toISOString();
  const t = performance.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < values.length; i += 500) {
      const rows = values.slice(i, i + 500).map((v) => ({
        element_code: v.elementCode,
        unit_code: v.unitCode,
        period: v.period,
        value: v.value,
        status: 'draft',
        updated_at: at,
        updated_by: 'bench',
        version: 1,
        comment: null,
      }));
      await sql`insert into bench_raw_values ${sql.raw(`(${Object.keys(rows[0]!).join(', ')})`)} values ${sql.join(
        rows.map((r) => sql`(${sql.join(Object.values(r))})`),
      )}`.execute(trx);
    }
  });
  return performance.now() - t;
}

/** Runs one phase in a child process and returns what it printed. */
function child(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/import.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) =>
      code === 0
        ? resolve(out.trim().split('\n').at(-1) ?? '')
        : reject(new Error(`import bench child exited ${code}`)),
    );
  });
}

/** The generated file, kept for the process's other engine (same content, same bytes). */
let generated: string | null = null;

export async function importBench(database: Engine): Promise<BenchFigure[]> {
  if (!generated || !fs.existsSync(generated)) {
    generated = path.join(os.tmpdir(), `minsheng-bench-import-${process.pid}.xlsx`);
    await child(['--generate', generated]);
    process.once('exit', () => fs.rmSync(generated!, { force: true }));
  }
  const m = JSON.parse(await child(['--measure', generated, database])) as Measured;
  const ratio = round2(m.rawInsertMs / m.commitMs);
  const f = figureMaker('import', database);
  return [
    f('values in the xlsx', m.values, 'values'),
    f('file size', Math.round((m.fileBytes / 1024 / 1024) * 10) / 10, 'MB'),
    f('parse (zip checks + streaming read)', Math.round(m.parseMs), 'ms'),
    f('validate (dry run)', Math.round(m.validateMs), 'ms'),
    f(`commit (all-or-nothing saveValues), median of ${COMMITS}`, Math.round(m.commitMs), 'ms'),
    f(
      `baseline: raw batched INSERT of the same rows, median of ${COMMITS}`,
      Math.round(m.rawInsertMs),
      'ms',
    ),
    f('total parse + validate + commit', Math.round(m.parseMs + m.validateMs + m.commitMs), 'ms'),
    f('ratio raw insert / commit', ratio, '×', { goal: '≥ 0.5', met: ratio >= 0.5 }),
    f('peak RSS (parse + dry run + first commit)', Math.round(m.peakRssMb), 'MB', {
      goal: '< 400 MB',
      met: m.peakRssMb < 400,
    }),
  ];
}

const [mode, file, database] = process.argv.slice(2);
if (mode === '--generate') {
  await generate(file!);
  process.stdout.write('ok\n');
} else if (mode === '--measure') {
  process.stdout.write(`${JSON.stringify(await measure(file!, database as Engine))}\n`);
}
