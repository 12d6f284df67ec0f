// `minsheng seed-demo --scale full`: the demo of every module, then the volume a province
// produces over the plan — every data element monthly in every county-level unit for five
// years, ten million survey responses with their running aggregates, a million 12345 tickets —
// bulk-loaded one transaction per table group. Reproducible: the seed fixes every row; only
// which recent months are still 'submitted' (not yet approved) depends on the day it runs.
import type { Plan } from '../../../../core/plan/schema';
import { responseScores } from '../../../../core/satisfaction/satisfaction-index';
import { likertRange, type LikertQuestion } from '../../../../core/satisfaction/survey';
import type { Database } from '../../db/database';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import { withBulkWriter, type BulkColumn, type BulkWriter } from './bulk-insert';
import { demoUnits, seedDemo } from './demo.service';
import { reportingUnits } from './demo-data';
import {
  FULL_SCALE,
  SCALE_QUESTIONS,
  SCALE_SURVEY_TITLE,
  SCALE_TICKET_PREFIX,
  scaleMonths,
  scalePlaces,
  scaleResponses,
  scaleTickets,
  scaleValues,
  scaleWaves,
  type ScalePlace,
} from './scale-data';

export type ScalePhase = 'demo' | 'values' | 'responses' | 'tickets';

export interface ScaleOptions {
  seed: number;
  label: string;
  /** Calendar years from the plan's first year (default 5, at most the plan's length). */
  years?: number;
  responses?: number;
  tickets?: number;
  now?: Date;
  /** false: only the volume, not the demo of every module first (tests). */
  moduleDemo?: boolean;
  onProgress?: (phase: ScalePhase, done: number, total: number) => void;
}

export interface ScaleResult {
  demoValues: number;
  values: number;
  responses: number;
  aggregates: number;
  tickets: number;
  seconds: Record<ScalePhase, number>;
}

export async function seedScale(
  database: Database,
  plan: Plan,
  orgs: OrgDirectory,
  options: ScaleOptions,
): Promise<ScaleResult> {
  const now = options.now ?? new Date();
  const planYears = Number(plan.end.slice(0, 4)) - Number(plan.start.slice(0, 4)) + 1;
  const years = Math.min(options.years ?? FULL_SCALE.years, planYears);
  const progress = options.onProgress ?? (() => undefined);
  const seconds = {} as Record<ScalePhase, number>;
  const timed = async <T>(phase: ScalePhase, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    seconds[phase] = Math.round((performance.now() - started) / 100) / 10;
    return result;
  };
  const units = demoUnits(orgs, options.seed);
  const places = scalePlaces(units);

  const demo = await timed('demo', async () =>
    options.moduleDemo === false
      ? { values: 0 }
      : seedDemo(database.db, plan, orgs, { seed: options.seed, now, label: options.label }),
  );
  progress('demo', demo.values, demo.values);
  const values = await timed('values', () =>
    withBulkWriter(database, (w) => loadValues(w, plan, units, years, options, now)),
  );
  const { responses, aggregates } = await timed('responses', () =>
    withBulkWriter(database, (w) =>
      loadResponses(w, plan, places, years, options.responses ?? FULL_SCALE.responses, options),
    ),
  );
  const tickets = await timed('tickets', () =>
    withBulkWriter(database, (w) =>
      loadTickets(w, plan, places, years, options.tickets ?? FULL_SCALE.tickets, options),
    ),
  );
  await recordAudit(database.db, {
    action: 'demo.seed',
    username: options.label,
    details: { scale: 'full', seed: options.seed, years, values, responses, tickets },
  });
  return { demoValues: demo.values, values, responses, aggregates, tickets, seconds };
}

/** Passes rows through, reporting every `every` rows and at the end. */
function* counted<T>(rows: Iterable<T>, every: number, tick: (n: number) => void): Generator<T> {
  let n = 0;
  for (const row of rows) {
    yield row;
    if (++n % every === 0) tick(n);
  }
  tick(n);
}

const VALUE_COLUMNS: readonly BulkColumn[] = [
  ['element_code', 'text'],
  ['unit_code', 'text'],
  ['period', 'text'],
  ['value', 'float8'],
  ['status', 'text'],
  ['updated_at', 'timestamptz'],
  ['updated_by', 'text'],
];

/**
 * Replaces the demo's values with the monthly volume. The demo's submissions described the
 * values it replaces (yearly and quarterly forms), so they go too: the volume is load, not
 * a reporting round.
 */
async function loadValues(
  w: BulkWriter,
  plan: Plan,
  units: ReturnType<typeof demoUnits>,
  years: number,
  options: ScaleOptions,
  now: Date,
): Promise<number> {
  for (const table of [
    'report_submission_events',
    'report_submissions',
    'data_value_history',
    'data_values',
  ])
    await w.run(`delete from ${table}`);
  const at = now.toISOString();
  // Months before the last two complete ones are approved; later ones await approval.
  const approvedBefore = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))
    .toISOString()
    .slice(0, 7);
  const total =
    plan.dataElements.length *
    reportingUnits({ ...plan.dataElements[0]!, reportedBy: ['county'] }, units).length *
    years *
    12;
  const rows = counted(scaleValues(plan, units, options.seed, years), 100_000, (n) =>
    options.onProgress?.('values', n, total),
  );
  return w.insert(
    'data_values',
    VALUE_COLUMNS,
    (function* () {
      for (const v of rows)
        yield [
          v.elementCode,
          v.unitCode,
          v.period,
          v.value,
          v.period < approvedBefore ? 'approved' : 'submitted',
          at,
          options.label,
        ];
    })(),
  );
}

async function loadResponses(
  w: BulkWriter,
  plan: Plan,
  places: ScalePlace[],
  years: number,
  count: number,
  options: ScaleOptions,
): Promise<{ responses: number; aggregates: number }> {
  const owned = `(select id from survey_waves where survey_id in (select id from surveys where title = ?))`;
  for (const table of ['survey_responses', 'survey_aggregates', 'survey_panel_links'])
    await w.run(`delete from ${table} where wave_id in ${owned}`, [SCALE_SURVEY_TITLE]);
  await w.run(
    'delete from survey_waves where survey_id in (select id from surveys where title = ?)',
    [SCALE_SURVEY_TITLE],
  );
  await w.run('delete from surveys where title = ?', [SCALE_SURVEY_TITLE]);

  const at = new Date(`${plan.start}T00:00:00Z`).toISOString();
  const survey = await w.get<{ id: number }>(
    'insert into surveys (title, description, questions, min_n, created_at, updated_at) values (?, ?, ?, ?, ?, ?) returning id',
    [
      SCALE_SURVEY_TITLE,
      '规模演示数据（seed-demo --scale full）',
      JSON.stringify(SCALE_QUESTIONS),
      30,
      at,
      at,
    ],
  );
  const waves = scaleWaves(plan, years);
  const waveIds: number[] = [];
  for (const wave of waves) {
    const row = await w.get<{ id: number }>(
      'insert into survey_waves (survey_id, code, opens_at, closes_at, created_at) values (?, ?, ?, ?, ?) returning id',
      [survey!.id, wave.code, wave.opensAt, wave.closesAt, at],
    );
    waveIds.push(row!.id);
  }

  return insertResponses(w, {
    seed: options.seed,
    places,
    waves: waves.map((wave, i) => ({ ...wave, id: waveIds[i]! })),
    count,
    onProgress: (n) => options.onProgress?.('responses', n, count),
  });
}

/**
 * Generated responses into existing waves, with the aggregates the public API would have
 * left (replacing none: the waves should be empty). Also for benches that need a volume.
 */
export async function insertResponses(
  w: BulkWriter,
  input: {
    seed: number;
    places: ScalePlace[];
    waves: Array<{ id: number; opensAt: string; closesAt: string }>;
    count: number;
    questions?: LikertQuestion[];
    onProgress?: (done: number) => void;
  },
): Promise<{ responses: number; aggregates: number }> {
  const questions = input.questions ?? SCALE_QUESTIONS;
  const { waves, count } = input;
  const waveIds = waves.map((wave) => wave.id);
  // n, Σx, Σx² per wave × city × county × domain, as the public API would have left them:
  // kept in one flat array (wave, place, domain) — ten million string-keyed map updates cost
  // more than the inserts. Scores come from the core function, once per distinct answer set.
  const pairs = placePairs(input.places);
  const domains = [...new Set([...responseScores(questions, firstAnswers(questions)).keys()])];
  const domainIndex = new Map(domains.map((d, i) => [d, i]));
  const cells = waves.length * pairs.list.length * domains.length;
  const moments = new Float64Array(cells * 3);
  const scoreCache = new Map<string, Array<[number, number]>>();
  const responses = counted(
    scaleResponses(input.seed, input.places, waves, count, questions),
    250_000,
    (n) => input.onProgress?.(n),
  );
  const inserted = await w.insert(
    'survey_responses',
    [
      ['wave_id', 'integer'],
      ['city_code', 'text'],
      ['county_code', 'text'],
      ['respondent', 'text'],
      ['answers', 'text'],
      ['submitted_at', 'timestamptz'],
    ],
    (function* () {
      for (const r of responses) {
        const answers = JSON.stringify(r.answers);
        let scores = scoreCache.get(answers);
        if (!scores) {
          scores = [...responseScores(questions, r.answers)].map(
            ([d, x]) => [domainIndex.get(d)!, x] as [number, number],
          );
          scoreCache.set(answers, scores);
        }
        const base = (r.wave * pairs.list.length + pairs.index(r.city, r.county)) * domains.length;
        for (const [d, x] of scores) {
          const at = (base + d) * 3;
          moments[at]! += 1;
          moments[at + 1]! += x;
          moments[at + 2]! += x * x;
        }
        yield [waveIds[r.wave]!, r.city, r.county, r.respondent, answers, r.submittedAt];
      }
    })(),
  );
  const aggregates = await w.insert(
    'survey_aggregates',
    [
      ['wave_id', 'integer'],
      ['city_code', 'text'],
      ['county_code', 'text'],
      ['domain_code', 'text'],
      ['shard', 'integer'],
      ['n', 'integer'],
      ['sum', 'float8'],
      ['sum_sq', 'float8'],
    ],
    (function* () {
      for (let cell = 0; cell < cells; cell++) {
        const n = moments[cell * 3]!;
        if (n === 0) continue;
        const d = cell % domains.length;
        const pair = Math.floor(cell / domains.length) % pairs.list.length;
        const wave = Math.floor(cell / domains.length / pairs.list.length);
        const [city, county] = pairs.list[pair]!;
        yield [
          waveIds[wave]!,
          city,
          county,
          domains[d]!,
          0,
          n,
          moments[cell * 3 + 1]!,
          moments[cell * 3 + 2]!,
        ];
      }
    })(),
  );
  return { responses: inserted, aggregates };
}

/** Every (city, county) a response can come from; '' is a city-wide link. */
function placePairs(places: ScalePlace[]) {
  const list: Array<[string, string]> = [];
  const byCity = new Map<string, Map<string, number>>();
  for (const p of places) {
    const counties = new Map<string, number>();
    for (const county of ['', ...p.counties]) {
      counties.set(county, list.length);
      list.push([p.city, county]);
    }
    byCity.set(p.city, counties);
  }
  return {
    list,
    index: (city: string, county: string | null) => byCity.get(city)!.get(county ?? '')!,
  };
}

const firstAnswers = (questions: LikertQuestion[]) =>
  Object.fromEntries(questions.map((q) => [q.id, likertRange(q.scale).min]));

async function loadTickets(
  w: BulkWriter,
  plan: Plan,
  places: ScalePlace[],
  years: number,
  count: number,
  options: ScaleOptions,
): Promise<number> {
  await w.run('delete from hotline_tickets where ticket_id like ?', [`${SCALE_TICKET_PREFIX}%`]);
  await w.run('delete from hotline_imports where file_name = ?', ['seed-demo --scale full']);
  const months = scaleMonths(plan, years);
  const importRow = await w.get<{ id: number }>(
    'insert into hotline_imports (file_name, rows, inserted, updated, imported_at, imported_by) values (?, ?, ?, ?, ?, ?) returning id',
    [
      'seed-demo --scale full',
      count,
      count,
      0,
      new Date(`${plan.start}T00:00:00Z`).toISOString(),
      options.label,
    ],
  );
  const tickets = counted(scaleTickets(options.seed, places, months, count), 100_000, (n) =>
    options.onProgress?.('tickets', n, count),
  );
  return w.insert(
    'hotline_tickets',
    [
      ['ticket_id', 'text'],
      ['received_at', 'timestamptz'],
      ['due_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['month', 'text'],
      ['category', 'text'],
      ['consumer', 'integer'],
      ['city_code', 'text'],
      ['county_code', 'text'],
      ['status', 'text'],
      ['on_time', 'integer'],
      ['import_id', 'integer'],
    ],
    (function* () {
      for (const t of tickets)
        yield [
          t.ticket_id,
          t.received_at,
          t.due_at,
          t.closed_at,
          t.month,
          t.category,
          t.consumer,
          t.city_code,
          t.county_code,
          t.status,
          t.on_time,
          importRow!.id,
        ];
    })(),
  );
}
