// Demo data for 优秀案例评选: one open call with three submitted cases (two cities and a lead
// department), so the page has something to show. Re-seeding replaces the demo call.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Plan } from '../../../../core/plan/schema';
import { allTasks } from '../../../../core/plan/targets';
import { DEFAULT_CRITERIA } from '../../../../core/cases';
import { todayCst } from '../../../../core/reporting';
import * as repo from './cases.repository';

export const DEMO_CALL_TITLE = '2026年度民生十大工程优秀案例征集';

const CASES = [
  {
    unit: '441400',
    task: 11,
    title: '梅州市“长者饭堂+上门服务”居家养老模式',
    summary: '依托镇街综合养老服务中心，为高龄、独居老人提供助餐、助洁、助医一体化上门服务。',
    results: '覆盖全市 8 个县（市、区），服务老年人 3.2 万人次，满意度 96%。',
    figures: [
      { label: '长者饭堂', value: 126, unit: '个' },
      { label: '服务人次', value: 32000, unit: '人次' },
    ],
  },
  {
    unit: '440100',
    task: 16,
    title: '广州市社区嵌入式普惠托育',
    summary: '利用社区公共用房建设托育点，提供全日托、半日托和临时托服务，收费低于市场价三成。',
    results: '新增普惠托位 5400 个，千人口托位数提高到 4.6 个。',
    figures: [{ label: '新增普惠托位', value: 5400, unit: '个' }],
  },
  {
    unitName: '省人力资源社会保障厅',
    task: 2,
    title: '“粤就业”零工市场一站式服务',
    summary: '在全省建设标准化零工市场，线上线下同步发布零工岗位，实现即时快招。',
    results: '全省建成零工市场 180 个，累计服务灵活就业人员 46 万人次。',
    figures: [
      { label: '零工市场', value: 180, unit: '个' },
      { label: '服务人次', value: 460000, unit: '人次' },
    ],
  },
];

export async function seedCasesDemo(
  trx: Kysely<DB>,
  plan: Plan,
  options: { now: Date; label: string },
): Promise<void> {
  const old = await trx
    .selectFrom('case_calls')
    .select('id')
    .where('title', '=', DEMO_CALL_TITLE)
    .where('created_by', '=', options.label)
    .execute();
  for (const c of old) await repo.deleteCall(trx, c.id);
  const tasks = allTasks(plan);
  const day = (offset: number) => todayCst(new Date(options.now.getTime() + offset * 86_400_000));
  const at = options.now.toISOString();
  const callId = await repo.insertCall(trx, {
    title: DEMO_CALL_TITLE,
    description:
      '面向各地级以上市和省有关牵头部门，征集实施民生十大工程中成效明显、可复制推广的经验做法。',
    domain_codes: '[]',
    submission_deadline: day(30),
    review_deadline: day(45),
    criteria: JSON.stringify(DEFAULT_CRITERIA),
    scale_max: 10,
    winners: 2,
    tie_rule: 'top_criterion',
    status: 'open',
    created_at: at,
    created_by: options.label,
    updated_at: at,
    published_at: null,
    published_by: null,
  });
  for (const [i, c] of CASES.entries()) {
    const task = tasks.find((t) => t.number === c.task) ?? tasks[i];
    const unit = c.unit ?? plan.units.find((u) => u.name === c.unitName)?.code ?? null;
    if (!task || !unit) continue;
    const when = new Date(options.now.getTime() - (3 - i) * 86_400_000).toISOString();
    await repo.insertSubmission(trx, {
      call_id: callId,
      title: c.title,
      domain_code: task.domainCode,
      task_number: task.number,
      summary: c.summary,
      results: c.results,
      figures: JSON.stringify(c.figures),
      unit_code: unit,
      submitted_by: options.label,
      submitted_at: when,
      updated_at: when,
      final_score: null,
      final_rank: null,
    });
  }
}
