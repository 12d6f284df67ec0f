// Demo 工作台账: 2–4 items per task of the plan, titled after the task and its goals, owned by
// the domain's lead department or by a city, with milestones over 2024–2027, some progress
// reports, and — relative to `now` — a few items at risk or delayed. Same seed, same ledger.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Plan } from '../../../../core/plan/schema';
import { todayCst } from '../../../../core/reporting/deadlines';
import type { OrgDirectory } from '../org-units/org-units.service';
import { seededRandom } from '../demo/demo-data';
import { proposalFor } from './ledgers.model';
import * as repo from './ledgers.repository';

const MILESTONE_TITLES: Record<number, Array<[string, string]>> = {
  2: [
    ['制定实施方案', '实施方案经审定印发'],
    ['全面完成并验收', '通过验收并报送总结'],
  ],
  3: [
    ['制定实施方案', '实施方案经审定印发'],
    ['完成年度建设任务', '年度任务清单全部销号'],
    ['全面完成并验收', '通过验收并报送总结'],
  ],
  4: [
    ['制定实施方案', '实施方案经审定印发'],
    ['启动项目建设', '项目全部开工并上报开工清单'],
    ['完成中期评估', '中期评估报告报省工作专班'],
    ['全面完成并验收', '通过验收并报送总结'],
  ],
};

const REPORT_TEXTS = [
  '已召开专题推进会，细化任务分工，明确时间节点。',
  '各项工作按计划推进，已完成阶段性任务。',
  '已完成项目选址和前期手续办理，正在组织实施。',
  '受资金拨付进度影响，部分工作有所滞后，正协调财政部门加快拨付。',
  '已组织专项督导，对进度滞后的县（市、区）进行约谈。',
];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** “实施就业岗位扩容提质行动” → “就业岗位扩容提质”, for titles like “梅州市就业岗位扩容提质项目”. */
function shortTitle(title: string): string {
  return title
    .replace(/^(实施|推进|开展|建设|加快推进|加快|提升|提高|降低)/, '')
    .replace(/行动$/, '');
}

interface DemoItem {
  code: string;
  taskNumber: number;
  domainCode: string;
  title: string;
  description: string;
  owner: string;
  cooperating: string[];
  city: string | null;
  start: string;
  due: string;
  budget: number | null;
  targets: string[];
  milestones: Array<{ title: string; due: string; dod: string }>;
}

export function generateDemoLedger(plan: Plan, orgs: OrgDirectory, seed: number): DemoItem[] {
  const random = seededRandom(seed + 11);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const cities = orgs.all().filter((u) => u.level === 'city');
  const items: DemoItem[] = [];
  for (const domain of plan.domains)
    for (const task of domain.tasks) {
      const count = 2 + Math.floor(random() * 3);
      const goals = [...(task.qualitativeGoals ?? []), ...task.targets.map((t) => t.text)];
      const lead = domain.leadUnits[0]!;
      const used = new Set<string>(['441400']);
      const freshCity = () => {
        const left = cities.filter((c) => !used.has(c.code));
        const c = pick(left.length > 0 ? left : cities);
        used.add(c.code);
        return c;
      };
      for (let i = 0; i < count; i++) {
        // The first item is the lead department's province-wide one; the rest are cities'.
        // Task 1 always has a 梅州 item, which the supervision demo points at.
        const city =
          i === 0 ? null : task.number === 1 && i === 1 ? orgs.get('441400')! : freshCity();
        const start = day(ms('2024-01-01') + Math.floor(random() * 540) * 86_400_000);
        const due = day(
          Math.max(ms(start) + 400 * 86_400_000, ms('2025-12-31')) +
            Math.floor(random() * 700) * 86_400_000,
        );
        const due2027 = due > '2027-12-31' ? '2027-12-31' : due;
        const n = 2 + Math.floor(random() * 3);
        const span = ms(due2027) - ms(start);
        const milestones = MILESTONE_TITLES[n]!.map(([title, dod], k) => ({
          title,
          dod,
          due:
            k === n - 1
              ? due2027
              : day(ms(start) + Math.round((span * (k + 1)) / n / 86_400_000) * 86_400_000),
        }));
        const goal = goals.length > 0 ? pick(goals) : task.title;
        items.push({
          code: `T${String(task.number).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}`,
          taskNumber: task.number,
          domainCode: domain.code,
          title: city
            ? `${city.name}${shortTitle(task.title)}项目`
            : `全省${shortTitle(task.title)}统筹推进`,
          description: `围绕“${goal}”，${city ? `在${city.name}` : '在全省'}组织实施，按阶段节点推进并报送进展。`,
          owner: city ? city.code : lead,
          cooperating: city ? [lead] : domain.leadUnits.slice(1, 3),
          city: city?.code ?? null,
          start,
          due: due2027,
          budget: random() < 0.6 ? Math.round(50 + random() * 4950) : null,
          targets: task.targets.slice(0, 1 + Math.floor(random() * 2)).map((t) => t.code),
          milestones,
        });
      }
    }
  return items;
}

export async function seedLedgerDemo(
  trx: Kysely<DB>,
  plan: Plan,
  orgs: OrgDirectory,
  options: { seed: number; now?: Date; label: string },
): Promise<{ items: number }> {
  const now = options.now ?? new Date();
  const today = todayCst(now);
  const random = seededRandom(options.seed + 12);
  await trx.deleteFrom('evidence_files').where('owner_type', '=', 'progress').execute();
  await trx.deleteFrom('ledger_progress_reports').execute();
  await trx.deleteFrom('ledger_milestones').execute();
  await trx.deleteFrom('ledger_items').execute();
  const items = generateDemoLedger(plan, orgs, options.seed);
  const at = now.toISOString();
  for (const planned of items) {
    // About a third of the items with a milestone still ahead have its next milestone close and progress short of it.
    const item = random() < 0.35 ? nearMilestone(planned, today, random) : planned;
    const progress = demoProgress(item, today, random, item !== planned);
    const milestones = item.milestones.map((m, k) => ({
      title: m.title,
      due_date: m.due,
      done_on: progress.doneCount > k ? (m.due < today ? m.due : today) : null,
    }));
    const lastReportedAt = progress.reports.at(-1)?.at ?? null;
    const status = proposalFor(
      {
        start_date: item.start,
        due_date: item.due,
        percent_done: progress.percent,
        last_reported_at: lastReportedAt,
      },
      milestones,
      today,
    ).status;
    const id = await repo.insertItem(trx, {
      code: item.code,
      task_number: item.taskNumber,
      domain_code: item.domainCode,
      title: item.title,
      description: item.description,
      owner_unit_code: item.owner,
      cooperating_units: JSON.stringify(item.cooperating),
      city_code: item.city,
      start_date: item.start,
      due_date: item.due,
      budget: item.budget,
      target_codes: JSON.stringify(item.targets),
      percent_done: progress.percent,
      status,
      status_override_reason: null,
      last_reported_at: lastReportedAt,
      version: 1,
      created_at: at,
      created_by: options.label,
      updated_at: at,
    });
    for (const [k, m] of item.milestones.entries())
      await repo.insertMilestone(trx, {
        item_id: id,
        sort_order: k + 1,
        title: m.title,
        due_date: m.due,
        definition_of_done: m.dod,
        done_on: milestones[k]!.done_on,
      });
    for (const r of progress.reports)
      await repo.insertReport(trx, {
        item_id: id,
        milestone_id: null,
        percent_done: r.percent,
        text: r.text,
        proposed_status: status,
        status,
        override_reason: null,
        reported_at: r.at,
        reported_by: options.label,
        unit_code: item.owner,
      });
  }
  return { items: items.length };
}

/**
 * Progress follows the elapsed share of the item's time at a pace drawn per item: most keep
 * up, some lag (and leave a past milestone open, so they show as delayed).
 */
function demoProgress(item: DemoItem, today: string, random: () => number, short: boolean) {
  const elapsed = Math.min(
    1,
    Math.max(0, (ms(today) - ms(item.start)) / (ms(item.due) - ms(item.start))),
  );
  // 15% lag and leave a past milestone open (delayed); 20% slip but keep their milestones
  // (at risk as the next one nears); the rest keep pace.
  const roll = random();
  const lagging = roll < 0.15 && !short;
  const pace = lagging
    ? 0.45 + random() * 0.3
    : roll < 0.35
      ? 0.55 + random() * 0.2
      : 0.95 + random() * 0.2;
  let percent = elapsed === 0 ? 0 : Math.min(100, Math.round((elapsed * pace * 100) / 5) * 5);
  if (short) percent = Math.min(percent, shortOf(item, today));
  const past = item.milestones.filter((m) => m.due < today).length;
  const doneCount =
    percent >= 100 ? item.milestones.length : lagging ? Math.max(0, past - 1) : past;
  const reports: Array<{ at: string; percent: number; text: string }> = [];
  const steps = elapsed === 0 ? 0 : 1 + Math.floor(random() * 3);
  for (let s = 1; s <= steps; s++) {
    const when = ms(item.start) + ((ms(today) - ms(item.start)) * s) / (steps + 0.5);
    reports.push({
      at: new Date(Math.floor(when / 86_400_000) * 86_400_000 + 2 * 3600_000).toISOString(),
      percent: Math.round((percent * s) / steps),
      text: REPORT_TEXTS[lagging && s === steps ? 3 : Math.floor(random() * 3)]!,
    });
  }
  return { percent, doneCount, reports };
}

/** Moves the next open (not final) milestone to 10–25 days from today, when it fits. */
function nearMilestone(item: DemoItem, today: string, random: () => number): DemoItem {
  const k = item.milestones.findIndex((m) => m.due >= today);
  if (k < 0 || k === item.milestones.length - 1) return item;
  const due = day(ms(today) + (10 + Math.floor(random() * 16)) * 86_400_000);
  const prev = k > 0 ? item.milestones[k - 1]!.due : item.start;
  if (due <= prev || due >= item.milestones[k + 1]!.due) return item;
  return { ...item, milestones: item.milestones.map((m, i) => (i === k ? { ...m, due } : m)) };
}

/** A percent below what the rule expects at the next milestone (80% × its share), rounded to 5. */
function shortOf(item: DemoItem, today: string): number {
  const k = item.milestones.findIndex((m) => m.due >= today);
  const expected = (80 * (k + 1)) / item.milestones.length;
  return Math.max(5, Math.floor((expected * 0.75) / 5) * 5);
}
