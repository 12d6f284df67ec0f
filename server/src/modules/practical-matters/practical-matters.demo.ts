// Demo data for 十件民生实事: the 2025 and 2026 lists, ten matters a year chosen from the plan's
// tasks in the style of Guangdong's yearly list, each with yearly targets over the plan's data
// elements (or the service-area registry). Fixed content, so re-seeding gives the same lists;
// re-seeding replaces those two years.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Measure, Plan, Target } from '../../../../core/plan/schema';
import {
  matterIssues,
  matterTargetCode,
  type MatterInput,
} from '../../../../core/practical-matters';

export const DEMO_YEARS = [2025, 2026] as const;

interface DemoTarget {
  text: string;
  indicator: string;
  measure: Measure;
  comparator?: Target['comparator'];
  kind: Target['kind'];
  unit: string;
  /** The value for 2025 and for 2026. */
  values: [number, number];
}

interface DemoMatter {
  title: string;
  /** Per year when the matter changes its name or task (else the same both years). */
  description: string;
  leadUnit: string;
  tasks: Array<[string, number]>;
  targets: DemoTarget[];
}

const el = (element: string): Measure => ({ element });
const ratio = (numerator: string, denominator: string, scale = 100): Measure => ({
  numerator,
  denominator,
  scale,
});

const MATTERS: DemoMatter[] = [
  {
    title: '促进高质量充分就业',
    description: '扩大就业岗位供给，帮扶失业人员和就业困难人员实现就业。',
    leadUnit: 'GD-HRSS',
    tasks: [['D01', 1]],
    targets: [
      {
        text: '全年城镇新增就业{v}万人以上',
        indicator: '城镇新增就业人数',
        measure: el('emp.urban-new-jobs'),
        kind: 'cumulative',
        unit: '万人',
        values: [110, 112],
      },
      {
        text: '帮扶就业困难人员实现就业{v}万人',
        indicator: '就业困难人员实现就业人数',
        measure: el('emp.hard-to-employ-employed'),
        kind: 'cumulative',
        unit: '万人',
        values: [8, 8],
      },
    ],
  },
  {
    title: '实施“粤菜师傅”“广东技工”“南粤家政”技能培训',
    description: '面向城乡劳动者开展职业技能培训，提升就业能力。',
    leadUnit: 'GD-HRSS',
    tasks: [['D01', 3]],
    targets: [
      {
        text: '培训“粤菜师傅”{v}万人次以上',
        indicator: '培训“粤菜师傅”人次',
        measure: el('emp.cantonese-chef-trainees'),
        kind: 'annual',
        unit: '万人次',
        values: [4, 4.2],
      },
    ],
  },
  {
    title: '增加义务教育公办学位',
    description: '新建改扩建公办中小学，提高义务教育公办学位比例和随迁子女入读公办学校比例。',
    leadUnit: 'GD-EDU',
    tasks: [['D02', 4]],
    targets: [
      {
        text: '义务教育公办学位比例达{v}%以上',
        indicator: '义务教育公办学位比例',
        measure: ratio('edu.compulsory-public-pupils', 'edu.compulsory-pupils'),
        kind: 'level',
        unit: '%',
        values: [93, 94],
      },
      {
        text: '随迁子女就读公办学校比例达{v}%以上',
        indicator: '随迁子女就读公办学校比例',
        measure: ratio('edu.migrant-children-public', 'edu.migrant-children'),
        kind: 'level',
        unit: '%',
        values: [86, 88],
      },
    ],
  },
  {
    title: '发展普惠托育服务',
    description: '推动托育机构备案，评定省级示范性托育服务机构。',
    leadUnit: 'GD-HEALTH',
    tasks: [['D06', 16]],
    targets: [
      {
        text: '备案托育机构占比达{v}%以上',
        indicator: '备案托育机构占比',
        measure: ratio('childcare.registered', 'childcare.institutions'),
        kind: 'level',
        unit: '%',
        values: [50, 55],
      },
      {
        text: '省级示范性托育服务机构达{v}家',
        indicator: '省级示范性托育服务机构数',
        measure: el('childcare.demo-institutions'),
        kind: 'level',
        unit: '家',
        values: [120, 160],
      },
    ],
  },
  {
    title: '提升居家社区养老服务水平',
    description: '建设乡镇（街道）综合养老服务中心，实施特殊困难老年人家庭适老化改造。',
    leadUnit: 'GD-CIVIL',
    tasks: [['D05', 11]],
    targets: [
      {
        text: '完成特殊困难老年人家庭适老化改造{v}万户',
        indicator: '完成适老化改造的特殊困难老年人家庭户数',
        measure: el('elderly.home-adaptations'),
        kind: 'cumulative',
        unit: '万户',
        values: [2.4, 2.4],
      },
      {
        text: '乡镇（街道）综合养老服务中心覆盖率达{v}%',
        indicator: '乡镇（街道）综合养老服务中心覆盖率',
        measure: ratio('elderly.towns-streets-with-centre', 'elderly.towns-streets'),
        kind: 'level',
        unit: '%',
        values: [55, 60],
      },
    ],
  },
  {
    title: '推进城镇老旧小区改造和保障性住房建设',
    description: '新开工改造城镇老旧小区，筹集建设保障性租赁住房。',
    leadUnit: 'GD-HOUSING',
    tasks: [
      ['D04', 9],
      ['D04', 10],
    ],
    targets: [
      {
        text: '筹集建设保障性租赁住房{v}万套（间）',
        indicator: '筹集建设保障性租赁住房数',
        measure: el('housing.rental-housing'),
        kind: 'cumulative',
        unit: '万套(间)',
        values: [12, 12],
      },
    ],
  },
  {
    title: '提升基层医疗卫生服务能力',
    description: '组织执业医师服务基层，推动适宜技术下基层。',
    leadUnit: 'GD-HEALTH',
    tasks: [['D03', 8]],
    targets: [
      {
        text: '全年{v}名执业医师服务基层',
        indicator: '当年服务基层的执业医师数',
        measure: el('health.doctors-to-grassroots'),
        kind: 'annual',
        unit: '名',
        values: [2000, 2000],
      },
    ],
  },
  {
    title: '农村公路危旧桥梁改造和安全防护',
    description: '改造农村公路危旧桥梁，实施农村公路安全防护工程。',
    leadUnit: 'GD-TRANSPORT',
    tasks: [['D07', 19]],
    targets: [
      {
        text: '完成农村公路危旧桥梁改造{v}座',
        indicator: '完成改造的农村公路危旧桥梁数',
        measure: el('transport.rural-bridges-rebuilt'),
        kind: 'cumulative',
        unit: '座',
        values: [240, 240],
      },
    ],
  },
  {
    title: '加快高速公路服务区充电设施建设',
    description: '新建和改造服务区充电桩，提高充电车位占小型客车停车位的比例。',
    leadUnit: 'GD-TRANSPORT',
    tasks: [['D07', 21]],
    targets: [
      {
        text: '高速公路服务区充电车位占比达{v}%',
        indicator: '高速公路服务区充电车位占比',
        measure: { computed: 'service-areas.charging-ratio.expressway' },
        kind: 'level',
        unit: '%',
        values: [12, 13.5],
      },
    ],
  },
  {
    title: '食品安全放心工程',
    description: '推进餐饮服务单位“明厨亮灶”，加强食品评价性抽检。',
    leadUnit: 'GD-SAMR',
    tasks: [['D08', 22]],
    targets: [
      {
        text: '持证餐饮服务单位“明厨亮灶”覆盖率达{v}%',
        indicator: '“明厨亮灶”覆盖率',
        measure: ratio('food.caterers-open-kitchen', 'food.caterers'),
        kind: 'level',
        unit: '%',
        values: [88, 92],
      },
    ],
  },
];

/** The demo list of a year, as it would be entered through the API. */
export function demoMatters(year: (typeof DEMO_YEARS)[number]): MatterInput[] {
  const i = year === 2025 ? 0 : 1;
  return MATTERS.map((m, k) => ({
    year,
    seq: k + 1,
    title: m.title,
    description: m.description,
    leadUnit: m.leadUnit,
    taskRefs: m.tasks.map(([domainCode, taskNumber]) => ({ domainCode, taskNumber })),
    targets: m.targets.map((t, n): Target => ({
      code: matterTargetCode(year, k + 1, n + 1),
      text: t.text.replace('{v}', String(t.values[i])),
      indicator: t.indicator,
      measure: t.measure,
      comparator: t.comparator ?? '>=',
      value: t.values[i],
      unit: t.unit,
      kind: t.kind,
      deadline: `${year}-12-31`,
    })),
  }));
}

export async function seedPracticalMattersDemo(
  trx: Kysely<DB>,
  plan: Plan,
  options: { now: Date; label: string },
): Promise<void> {
  const at = options.now.toISOString();
  await trx
    .deleteFrom('practical_matters')
    .where('year', 'in', [...DEMO_YEARS])
    .execute();
  for (const year of DEMO_YEARS) {
    const matters = demoMatters(year);
    // A plan without these tasks or elements (another area's) gets no demo list.
    if (matters.some((m) => matterIssues(plan, m, []).length > 0)) continue;
    await trx
      .insertInto('practical_matters')
      .values(
        matters.map((m) => ({
          year: m.year,
          seq: m.seq,
          title: m.title,
          description: m.description,
          lead_unit: m.leadUnit,
          task_refs: JSON.stringify(m.taskRefs),
          targets: JSON.stringify(m.targets),
          created_at: at,
          created_by: options.label,
          updated_at: at,
          updated_by: options.label,
          version: 1,
        })),
      )
      .execute();
  }
}
