// Demo supervision data, the same on every run for a given `now`: items across levels and
// statuses (an overdue 挂牌督办 to 梅州市, a closed one, a returned one…) and one inspection
// of 梅县区 with two findings turned into rectification items.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  DB,
  SupervisionEventKind,
  SupervisionLevel,
  SupervisionStatus,
} from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import { storeEvidence } from '../evidence/evidence.service';
import { todayCst } from '../../../../core/reporting';
import { LEVEL_WORDS, addDeadlineDays } from '../../../../core/tasking';
import * as repo from './supervision.repository';

/** A 1×1 PNG standing in for an inspector's photo. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface DemoItem {
  level: SupervisionLevel;
  target: string;
  title: string;
  body: string;
  domain: string;
  task: number;
  /** Days before today it was issued. */
  issuedAgo: number;
  status: SupervisionStatus;
  steps: Array<{ kind: SupervisionEventKind; ago: number; text: string; byTarget?: boolean }>;
}

const ITEMS: DemoItem[] = [
  {
    level: 'listed',
    target: '441400',
    title: '梅州市零工市场建设进度滞后',
    body: '梅州市零工市场建设项目第三季度节点未完成，请于期限内报送整改措施和完成时限。',
    domain: 'D01',
    task: 1,
    issuedAgo: 8,
    status: 'open',
    steps: [],
  },
  {
    level: 'key',
    target: '440200',
    title: '韶关市县域高中建设项目开工延迟',
    body: '请说明两所县域高中扩容项目延迟开工的原因，并报送倒排工期计划。',
    domain: 'D02',
    task: 5,
    issuedAgo: 6,
    status: 'replied',
    steps: [
      {
        kind: 'replied',
        ago: 2,
        text: '已完成施工招标，11月底前开工，附倒排工期表。',
        byTarget: true,
      },
    ],
  },
  {
    level: 'general',
    target: '440500',
    title: '汕头市长者饭堂覆盖率数据报送不完整',
    body: '请补报各区长者饭堂覆盖情况并说明口径。',
    domain: 'D05',
    task: 11,
    issuedAgo: 25,
    status: 'closed',
    steps: [
      { kind: 'replied', ago: 12, text: '已补报各区数据，口径按民政部门统计。', byTarget: true },
      { kind: 'accepted', ago: 9, text: '答复符合要求，予以销号' },
    ],
  },
  {
    level: 'key',
    target: '440800',
    title: '湛江市农村公路安全隐患整治不到位',
    body: '请对照排查清单逐项整改，报送整改前后对比材料。',
    domain: 'D07',
    task: 19,
    issuedAgo: 12,
    status: 'returned',
    steps: [
      { kind: 'replied', ago: 7, text: '已完成大部分整改。', byTarget: true },
      { kind: 'returned', ago: 5, text: '退回：未附整改前后对比照片，请补充。' },
    ],
  },
  {
    level: 'general',
    target: 'GD-HRSS',
    title: '就业补贴资金拨付进度偏慢',
    body: '请省人力资源社会保障厅督促各地加快就业补贴资金拨付，报送分市进度。',
    domain: 'D01',
    task: 2,
    issuedAgo: 3,
    status: 'open',
    steps: [],
  },
];

/** Removes earlier demo supervision data (call before the ledger demo replaces its items). */
export async function clearSupervisionDemo(trx: Kysely<DB>): Promise<void> {
  await trx
    .deleteFrom('evidence_files')
    .where('owner_type', 'in', ['supervision_event', 'inspection'])
    .execute();
  await trx.deleteFrom('supervision_events').execute();
  await trx.deleteFrom('supervision_items').execute();
  await trx.deleteFrom('inspections').execute();
}

export async function seedSupervisionDemo(
  trx: Kysely<DB>,
  orgs: OrgDirectory,
  options: { now?: Date; label: string },
): Promise<{ items: number; inspections: number }> {
  const now = options.now ?? new Date();
  const today = todayCst(now);
  const day = (ago: number) => new Date(now.getTime() - ago * 86_400_000).toISOString();
  const office = orgs.all().find((u) => u.name === '省政府督查室')?.code ?? '440000';
  await clearSupervisionDemo(trx);
  const ledger = await trx
    .selectFrom('ledger_items')
    .select('id')
    .where('city_code', '=', '441400')
    .where('domain_code', '=', 'D01')
    .orderBy('id')
    .executeTakeFirst();
  let items = 0;
  for (const [i, d] of ITEMS.entries()) {
    if (!orgs.get(d.target)) continue;
    const issuedOn = addDeadlineDays(today, -d.issuedAgo);
    const days = { general: 15, key: 7, listed: 3 }[d.level];
    const lastReturn = d.steps.find((s) => s.kind === 'returned');
    const replyDue = lastReturn
      ? addDeadlineDays(today, -lastReturn.ago + days)
      : addDeadlineDays(issuedOn, days);
    const closed = d.steps.find((s) => s.kind === 'accepted');
    const id = await repo.insertItem(trx, {
      kind: 'supervision',
      level: d.level,
      title: d.title,
      body: d.body,
      source: 'manual',
      rule_code: null,
      dedup_key: null,
      issuer_unit_code: office,
      issued_by: options.label,
      target_unit_code: d.target,
      domain_code: d.domain,
      task_number: d.task,
      ledger_item_id: i === 0 ? (ledger?.id ?? null) : null,
      inspection_id: null,
      status: d.status,
      reply_due: replyDue,
      escalation_level: 0,
      created_at: day(d.issuedAgo),
      updated_at: day(d.steps.at(-1)?.ago ?? d.issuedAgo),
      closed_at: closed ? day(closed.ago) : null,
    });
    await repo.insertEvent(trx, {
      item_id: id,
      kind: 'issued',
      text: `发起${LEVEL_WORDS[d.level]}，限 ${addDeadlineDays(issuedOn, days)} 前答复`,
      actor: options.label,
      unit_code: office,
      at: day(d.issuedAgo),
    });
    for (const s of d.steps)
      await repo.insertEvent(trx, {
        item_id: id,
        kind: s.kind,
        text: s.text,
        actor: options.label,
        unit_code: s.byTarget ? d.target : office,
        at: day(s.ago),
      });
    items += 1;
  }
  items += await seedInspection(trx, orgs, { today, day, office, label: options.label });
  await recordAudit(trx, {
    action: 'supervision.demo',
    username: options.label,
    details: { items, inspections: 1 },
  });
  return { items, inspections: 1 };
}

async function seedInspection(
  trx: Kysely<DB>,
  orgs: OrgDirectory,
  o: { today: string; day: (ago: number) => string; office: string; label: string },
): Promise<number> {
  if (!orgs.get('441403')) return 0;
  const visitedOn = addDeadlineDays(o.today, -4);
  const inspectionId = await repo.insertInspection(trx, {
    place: '梅县区政务服务中心就业服务窗口',
    city_code: '441400',
    county_code: '441403',
    visited_on: visitedOn,
    inspectors: JSON.stringify(['陈志强', '林晓燕']),
    summary: '以办事群众身份暗访就业服务窗口和零工驿站，窗口服务总体规范，发现两处问题。',
    domain_code: 'D01',
    created_at: o.day(4),
    created_by: o.label,
  });
  await storeEvidence(
    trx,
    { type: 'inspection', id: inspectionId, unitCode: '441403', domainCode: 'D01' },
    [
      {
        fileName: '现场照片.png',
        mediaType: 'image/png',
        bytes: PHOTO,
        sha256: createHash('sha256').update(PHOTO).digest('hex'),
      },
    ],
    o.label,
  );
  const findings = [
    { text: '零工驿站岗位信息公示栏内容已过期两个月，未及时更新。', owner: '441403', days: 10 },
    { text: '就业服务窗口未公开失业登记办理时限和投诉电话。', owner: '441400', days: 20 },
  ];
  for (const [i, f] of findings.entries()) {
    const replyDue = addDeadlineDays(visitedOn, f.days);
    const id = await repo.insertItem(trx, {
      kind: 'rectification',
      level: 'general',
      title: `暗访整改：梅县区政务服务中心就业服务窗口（问题 ${i + 1}）`,
      body: f.text,
      source: 'manual',
      rule_code: null,
      dedup_key: null,
      issuer_unit_code: o.office,
      issued_by: o.label,
      target_unit_code: f.owner,
      domain_code: 'D01',
      task_number: null,
      ledger_item_id: null,
      inspection_id: inspectionId,
      status: 'open',
      reply_due: replyDue,
      escalation_level: 0,
      created_at: o.day(4),
      updated_at: o.day(4),
      closed_at: null,
    });
    await repo.insertEvent(trx, {
      item_id: id,
      kind: 'issued',
      text: `暗访督查（${visitedOn}）发现问题，交办整改，限 ${replyDue} 前整改到位并答复`,
      actor: o.label,
      unit_code: o.office,
      at: o.day(4),
    });
  }
  return findings.length;
}
