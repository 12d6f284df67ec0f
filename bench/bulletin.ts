// bench/bulletin: at the full demo volume (bench/dashboard's five years of values for every
// element and county), the time to draft the quarterly bulletin for the whole province —
// figures, three charts (ECharts SSR → SVG → PNG), the .docx and the HTML page; and the rule
// engine (ledger statuses + supervision rules) over 10,000 ledger items with milestones.
// Goals: < 5 s and < 1 s. Baselines in the same run: the province overview through the API
// (the figures alone, cold) and a plain SQL count of the overdue milestones. Medians of 3 runs.
// The database with the full volume is bench/dashboard's when both run (loaded once).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { storeOf } from '../server/src/modules/analytics/analytics.service';
import { draftBulletin } from '../server/src/modules/bulletins/bulletins.service';
import { ledgerItem } from '../server/src/modules/bulletins/bulletins.fixtures';
import { refreshLedgerStatuses } from '../server/src/modules/ledgers/ledgers.service';
import { runSupervisionRules } from '../server/src/modules/supervision/rules.service';
import { allTasks } from '../core/plan';
import { volumeApp } from './dashboard';
import { median, type BenchFigure, type Engine } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ITEMS = Number(process.env.BENCH_LEDGER_ITEMS ?? 10_000);
const CITIES = ['440100', '440300', '440500', '441400', '441700', '445200'];
const round = (x: number) => Math.round(x * 100) / 100;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** 10,000 items over the 27 tasks, two milestones each; about one in five has one overdue. */
async function insertLedger(
  db: Parameters<typeof refreshLedgerStatuses>[0]['db'],
  domainOf: Map<number, string>,
) {
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < ITEMS; start += 500) {
      const batch = Array.from({ length: Math.min(500, ITEMS - start) }, (_, k) => {
        const i = start + k;
        const task = (i % 27) + 1;
        return ledgerItem(i, {
          code: `T${String(task).padStart(2, '0')}-${String(i).padStart(5, '0')}`,
          task_number: task,
          domain_code: domainOf.get(task) ?? 'D01',
          city_code: CITIES[i % CITIES.length]!,
          owner_unit_code: CITIES[i % CITIES.length]!,
          percent_done: i % 100,
          status: 'on_track',
        });
      });
      const ids = await trx.insertInto('ledger_items').values(batch).returning('id').execute();
      await trx
        .insertInto('ledger_milestones')
        .values(
          ids.flatMap(({ id }, k) => [
            {
              item_id: id,
              sort_order: 1,
              title: '完成前期工作',
              due_date: (start + k) % 5 === 0 ? '2026-03-31' : '2026-12-31',
              definition_of_done: '批复取得',
              done_on: null,
            },
            {
              item_id: id,
              sort_order: 2,
              title: '完工验收',
              due_date: '2027-06-30',
              definition_of_done: '验收通过',
              done_on: null,
            },
          ]),
        )
        .execute();
    }
  });
}

export async function bulletinBench(database: Engine): Promise<BenchFigure[]> {
  const { t, values } = await volumeApp(database);
  const figures: BenchFigure[] = [];
  const fig = (figure: string, value: number, unit: string, goal?: string, met?: boolean) =>
    figures.push({ bench: 'bulletin', database, figure, value: round(value), unit, goal, met });
  const plan = (await t.ctx.plans.current())!.plan;
  fig('values loaded', values, 'rows');
  await insertLedger(t.ctx.db, new Map(allTasks(plan).map((x) => [x.number, x.domainCode])));
  fig('ledger items', ITEMS, 'items');

  // The quarterly bulletin as the scheduled job drafts it in the running server: the values
  // are in memory (preloaded at start-up, kept fresh by versions), but nothing derived for
  // this date is (series and evaluations are dropped before each run). The first draft of
  // a cold process, values read from the database, is reported beside it.
  const by = { actor: null, ip: null, label: 'bench' };
  const draft = () => draftBulletin(t.ctx, { kind: 'quarterly', period: '2026Q3' }, by);
  storeOf(t.ctx).clear();
  fig(
    'quarterly bulletin, cold process (values from the database)',
    (await timed(draft)) / 1000,
    's',
  );
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    storeOf(t.ctx).forgetDerived();
    runs.push(await timed(draft));
  }
  const bulletinS = median(runs) / 1000;
  fig(
    'quarterly bulletin (figures + 3 charts + docx + html), values in memory, median',
    bulletinS,
    's',
    '< 5 s',
    bulletinS < 5,
  );
  const { cookie } = await t.login('supervisor');
  const overview: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    storeOf(t.ctx).forgetDerived();
    overview.push(
      await timed(() =>
        t.app.inject({ url: '/api/analytics/overview?period=2026Q3', headers: { cookie } }),
      ),
    );
  }
  fig('baseline: province overview API, same state, median', median(overview) / 1000, 's');
  fig('ratio bulletin / province overview alone', bulletinS / (median(overview) / 1000), '×');

  // The rule engine over the ledger: the first run changes statuses and raises items, the
  // next ones find nothing new (dedup keys) but still check everything.
  const now = new Date('2026-10-08T02:00:00Z');
  const engine = async () => {
    await refreshLedgerStatuses(t.ctx, now);
    await runSupervisionRules(t.ctx, now);
  };
  fig(`rule engine over ${ITEMS} items, first run`, (await timed(engine)) / 1000, 's');
  const again: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) again.push(await timed(engine));
  const engineS = median(again) / 1000;
  fig(`rule engine over ${ITEMS} items, median`, engineS, 's', '< 1 s', engineS < 1);
  const naive: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1)
    naive.push(
      await timed(() =>
        sql`select count(distinct item_id) as n from ledger_milestones
            where due_date < '2026-10-08' and done_on is null`.execute(t.ctx.db),
      ),
    );
  fig('baseline: SQL count of overdue milestones, median', median(naive) / 1000, 's');
  fig('ratio rule engine / SQL count', engineS / (median(naive) / 1000), '×');
  return figures;
}
