// The data-scope fixture of the scope matrix (common/scope-matrix.test.ts): the demo data set
// (rows of every city, county and domain, so lists have foreign rows to leak) plus, for each
// resource type, one row at each of four scope positions. Each signed-in account has rows in
// and out of its scope: 梅县区 vs 梅江区 (same city) vs 汕头/广州 (other cities) for the county,
// 梅州 vs 汕头/广州 for the city, 就业 (D01) vs 交通 (D07) for the 就业 lead department.
import type { Insertable } from 'kysely';
import type { DB, EvidenceFileTable, Role } from '../db/schema';
import ExcelJS from 'exceljs';
import type { TestApp } from './app';
import type { Actor } from '../common/policy';
import { templateFile } from '../modules/reporting-io/template.service';
import { exportLedgers } from '../modules/ledgers/ledgers.import';
import { seedDemo } from '../modules/demo/demo.service';
import {
  insertLedgerItem,
  ledgerItem,
  supervisionItem,
} from '../modules/bulletins/bulletins.fixtures';
import {
  insertInspection,
  insertItem as insertSupervisionItem,
} from '../modules/supervision/supervision.repository';
import { insertArea } from '../modules/service-areas/service-areas.repository';
import { todayCst } from '../../../core/reporting';
import { createOpenSurvey } from '../modules/surveys/surveys.fixtures';

export const POSITIONS = {
  p1: { unit: '441403', city: '441400', domain: 'D01', label: '梅县区·就业' },
  p2: { unit: '441402', city: '441400', domain: 'D07', label: '梅江区·交通' },
  p3: { unit: '440507', city: '440500', domain: 'D01', label: '汕头龙湖区·就业' },
  p4: { unit: '440106', city: '440100', domain: 'D07', label: '广州天河区·交通' },
} as const;
export type Position = keyof typeof POSITIONS;
export const POSITION_KEYS = Object.keys(POSITIONS) as Position[];

/**
 * What a row touches. A row is in an account's scope when the account is one of its parties,
 * or when one of its units is in the account's units and its domain among the account's domains
 * (no units / no domain: not restricted on that axis).
 */
export interface RowScope {
  units?: Array<string | null | undefined>;
  domain?: string | null;
  parties?: Array<string | null | undefined>;
}

/**
 * Each account's scope written out by hand (not derived from common/policy.ts), so the matrix
 * checks the services against what the plan says each account may see.
 */
export interface AccountScope {
  role: Role;
  username: string;
  ownUnit: string | null;
  units: 'all' | ((code: string) => boolean);
  domains: 'all' | ReadonlySet<string>;
}

export function accountScopes(t: TestApp): AccountScope[] {
  const own = (role: Role) => t.users[role].unit;
  const all = { units: 'all', domains: 'all' } as const;
  return [
    { role: 'sysadmin', username: t.users.sysadmin.username, ownUnit: own('sysadmin'), ...all },
    {
      role: 'supervisor',
      username: t.users.supervisor.username,
      ownUnit: own('supervisor'),
      ...all,
    },
    {
      role: 'department',
      username: t.users.department.username,
      ownUnit: own('department'),
      units: 'all',
      domains: new Set(['D01']),
    },
    {
      role: 'city',
      username: t.users.city.username,
      ownUnit: '441400',
      units: (c) => c === '441400' || /^4414\d\d$/.test(c),
      domains: 'all',
    },
    {
      role: 'county',
      username: t.users.county.username,
      ownUnit: '441403',
      units: (c) => c === '441403',
      domains: 'all',
    },
    { role: 'viewer', username: t.users.viewer.username, ownUnit: own('viewer'), ...all },
  ];
}

export function inScope(a: AccountScope, row: RowScope): boolean {
  if (a.ownUnit && row.parties?.includes(a.ownUnit)) return true;
  const units = (row.units ?? []).filter((u): u is string => !!u);
  const unitOk = units.length === 0 || a.units === 'all' || units.some(a.units);
  const domainOk = !row.domain || a.domains === 'all' || a.domains.has(row.domain);
  return unitOk && domainOk;
}

export interface PositionRows {
  ledger: number;
  ledgerMilestone: number;
  supervision: number;
  /** A supervision item already replied to (for 销号 and 退回). */
  replied: number;
  inspection: number;
  /** An evidence file of a progress report on the position's ledger item. */
  evidence: number;
  serviceArea: number;
  caseSubmission: number;
  caseAttachment: number;
  notification: number;
  /** An open target-change proposal (动态调整) of the position's domain; see PROPOSER. */
  planChange: number;
}

export interface ScopeFixture {
  at: Record<Position, PositionRows>;
  caseCall: number;
  /** A draft 中期评估 (snapshot of every target) that targets can be assessed in. */
  evaluation: number;
  /** A county-reported form per domain (monthly when there is one), with a period that has demo values. */
  forms: Record<'D01' | 'D07', { code: string; element: string; period: string }>;
  /** The domain of every data element (through its form). */
  elementDomains: Map<string, string | null>;
  /** A task number per domain (D01's first task, D07's first task). */
  taskNumbers: Record<'D01' | 'D07', number>;
  /** A plan target per domain. */
  targets: Record<'D01' | 'D07', string>;
  survey: { id: number; wave: string };
  /** Import files touching only the position's rows, with changed values. */
  files: Record<Position, { ledgerXlsx: Buffer; valuesXlsx: Buffer }>;
  today: string;
}

const STAMP = '2026-01-05T00:00:00.000Z';

/**
 * Who proposed each position's target change: the department for its own 就业 (D01), the
 * supervision office for 交通 (D07) — a department may propose only for the domains it leads.
 */
export const PROPOSER: Record<Position, 'department' | 'supervisor'> = {
  p1: 'department',
  p2: 'supervisor',
  p3: 'department',
  p4: 'supervisor',
};

/** Loads the demo data and the positioned rows (batched inserts; a few API calls at the end). */
export async function createScopeFixture(t: TestApp): Promise<ScopeFixture> {
  const db = t.ctx.db;
  const plan = (await t.ctx.plans.current())!.plan;
  await seedDemo(db, plan, t.ctx.orgs, { seed: 7, label: 'scope-fixture' });
  const today = todayCst(new Date());
  const caseCall = (
    await db
      .selectFrom('case_calls')
      .select('id')
      .where('status', '=', 'open')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const at = {} as Record<Position, PositionRows>;
  for (const [i, key] of POSITION_KEYS.entries()) {
    const p = POSITIONS[key];
    const ledger = await insertLedgerItem(
      db,
      ledgerItem(9000 + i, {
        code: `SCOPE-${key}`,
        domain_code: p.domain,
        task_number: taskOf(plan, p.domain),
        target_codes: '[]',
        owner_unit_code: p.unit,
        city_code: p.city,
        title: `范围测试台账 ${p.label}`,
        start_date: '2026-01-01',
        due_date: '2027-12-31',
      }),
      [{ title: '完成建设', due_date: '2027-06-30' }],
    );
    const ledgerMilestone = (
      await db
        .selectFrom('ledger_milestones')
        .select('id')
        .where('item_id', '=', ledger)
        .executeTakeFirstOrThrow()
    ).id;
    const item = (over: Parameters<typeof supervisionItem>[0]) =>
      insertSupervisionItem(
        db,
        supervisionItem({
          issuer_unit_code: '440000',
          target_unit_code: p.unit,
          domain_code: p.domain,
          task_number: null,
          reply_due: '2099-12-31',
          title: `范围测试督办 ${p.label}`,
          ...over,
        }),
      );
    const supervision = await item({});
    const replied = await item({ status: 'replied', title: `范围测试已答复 ${p.label}` });
    const inspection = await insertInspection(db, {
      place: `范围测试暗访点 ${p.label}`,
      city_code: p.city,
      county_code: p.unit,
      visited_on: '2026-01-04',
      inspectors: '["测试"]',
      summary: '范围测试',
      domain_code: p.domain,
      created_at: STAMP,
      created_by: 'scope-fixture',
    });
    const serviceArea = await insertArea(db, {
      name: `范围测试服务区${i}`, // the list marker (see scope-matrix.ts)
      road: `S${900 + i}测试高速`,
      road_class: 'expressway',
      direction: '双向',
      city_code: p.city,
      county_code: p.unit,
      longitude: 113.3,
      latitude: 23.1,
      parking_spaces: 100,
      charging_spaces: 10,
      charger_count: 5,
      charger_power_kw: 120,
      status: 'existing',
      status_date: null,
      operator: '测试',
      valid_from: '2026-01-01',
      created_at: STAMP,
      updated_at: STAMP,
      deleted_at: null,
    });
    const { id: caseSubmission } = await db
      .insertInto('case_submissions')
      .values({
        call_id: caseCall,
        title: `范围测试案例 ${p.label}`,
        domain_code: p.domain,
        task_number: 1,
        summary: '范围测试',
        results: '范围测试',
        figures: '[]',
        unit_code: p.unit,
        submitted_by: 'scope-fixture',
        submitted_at: STAMP,
        updated_at: STAMP,
        final_score: null,
        final_rank: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = (owner: EvidenceFileTable['owner_type'], ownerId: number) =>
      evidenceRow(owner, ownerId, p.unit, p.domain, `${key}.txt`);
    const [{ id: evidence }, { id: caseAttachment }] = await Promise.all([
      db
        .insertInto('evidence_files')
        .values(file('progress', ledger))
        .returning('id')
        .executeTakeFirstOrThrow(),
      db
        .insertInto('evidence_files')
        .values(file('case', caseSubmission))
        .returning('id')
        .executeTakeFirstOrThrow(),
    ]);
    const { id: notification } = await db
      .insertInto('notifications')
      .values({
        unit_code: p.unit,
        kind: 'reminder',
        title: `范围测试通知 ${p.label}`,
        body: '',
        link: '{}',
        dedup_key: `scope-${key}`,
        created_at: STAMP,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    at[key] = {
      planChange: 0,
      ledger,
      ledgerMilestone,
      supervision,
      replied,
      inspection,
      evidence,
      serviceArea,
      caseSubmission,
      caseAttachment,
      notification,
    };
  }
  await hotlineTickets(t);
  const survey = await createOpenSurvey(t, { waveCode: '2026Q1' });
  await db
    .insertInto('survey_responses')
    .values(
      POSITION_KEYS.map((key, i) => ({
        wave_id: survey.waveId,
        city_code: POSITIONS[key].city,
        county_code: POSITIONS[key].unit,
        respondent: `scope-${i}`,
        answers: '{}',
        submitted_at: STAMP,
      })),
    )
    .execute();
  const targetOf = (domain: string) =>
    plan.domains.find((d) => d.code === domain)!.tasks.flatMap((k) => k.targets)[0]!.code;
  const elementDomains = new Map(
    (
      await db
        .selectFrom('report_form_elements as fe')
        .innerJoin('report_forms as f', 'f.code', 'fe.form_code')
        .select(['fe.element_code', 'f.domain_code'])
        .execute()
    ).map((r) => [r.element_code, r.domain_code]),
  );
  const forms = await pickForms(t);
  const files = {} as ScopeFixture['files'];
  for (const key of POSITION_KEYS) files[key] = await importFiles(t, key, forms);
  const targets = { D01: targetOf('D01'), D07: targetOf('D07') };
  const evaluation = await throughApi(t, at, targets);
  return {
    at,
    caseCall,
    evaluation,
    forms,
    files,
    elementDomains,
    targets,
    taskNumbers: { D01: taskOf(plan, 'D01'), D07: taskOf(plan, 'D07') },
    survey: { id: survey.surveyId, wave: '2026Q1' },
    today,
  };
}

/**
 * Rows whose writes carry rules worth going through the service for: the evaluation snapshot
 * and one open target-change proposal per position (its reason and text name the position).
 */
async function throughApi(
  t: TestApp,
  at: Record<Position, PositionRows>,
  targets: Record<'D01' | 'D07', string>,
): Promise<number> {
  const who = { supervisor: await t.login('supervisor'), department: await t.login('department') };
  const post = async (role: keyof typeof who, url: string, body: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...who[role].headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  };
  for (const key of POSITION_KEYS) {
    const p = POSITIONS[key];
    at[key].planChange = await post(PROPOSER[key], '/api/plan/changes', {
      changes: [
        { op: 'modify', code: targets[p.domain], set: { text: `范围测试调整 ${p.label}` } },
      ],
      reason: `范围测试调整理由 ${p.label}`,
      effectiveFrom: '2026-01-01',
    });
  }
  return post('supervisor', '/api/evaluations', { asOf: '2026-06-30', title: '范围测试中期评估' });
}

/** Files exported for an actor whose scope is exactly the position, then edited. */
async function importFiles(t: TestApp, key: Position, forms: ScopeFixture['forms']) {
  const p = POSITIONS[key];
  const actor: Actor = {
    userId: 0,
    username: 'scope-fixture',
    role: 'department',
    unitCode: null,
    unitScope: new Set([p.unit]),
    domainScope: new Set([p.domain]),
  };
  const form = forms[p.domain];
  const values = await templateFile(
    t.ctx,
    { ...actor, unitScope: 'all', domainScope: 'all' },
    {
      formCode: form.code,
      unitCodes: [p.unit],
      from: form.period,
    },
  );
  const ledgers = await exportLedgers(t.ctx, actor, { domain: p.domain });
  return {
    valuesXlsx: await editColumn(values.file, 'J', () => 4321),
    ledgerXlsx: await editColumn(ledgers.file, '工作事项', (v) => `${String(v)}（导入修订）`),
  };
}

/** Sets every cell below a header (or, given a column letter, from row 2) in the first sheet. */
async function editColumn(
  file: Buffer,
  column: string,
  value: (old: unknown) => string | number,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  let header = 1;
  let col = /^[A-Z]$/.test(column) ? column.charCodeAt(0) - 64 : 0;
  if (!col)
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.value === column) [header, col] = [r, c];
      }),
    );
  for (let r = header + 1; r <= sheet.rowCount; r++) {
    const cell = sheet.getRow(r).getCell(col);
    if (cell.value !== null && cell.value !== undefined && cell.value !== '')
      cell.value = value(cell.value);
    else if (/^[A-Z]$/.test(column)) cell.value = value(null);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One 12345 ticket per position (an import batch of four rows). */
async function hotlineTickets(t: TestApp): Promise<void> {
  const db = t.ctx.db;
  const { id } = await db
    .insertInto('hotline_imports')
    .values({
      file_name: 'scope.csv',
      rows: 4,
      inserted: 4,
      updated: 0,
      imported_at: STAMP,
      imported_by: 'scope-fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('hotline_tickets')
    .values(
      POSITION_KEYS.map((key, i) => ({
        ticket_id: `SCOPE-${i}`,
        received_at: '2026-01-02T01:00:00.000Z',
        due_at: '2026-01-09T01:00:00.000Z',
        closed_at: '2026-01-03T01:00:00.000Z',
        month: '2026-01',
        category: '就业',
        consumer: 0,
        city_code: POSITIONS[key].city,
        county_code: POSITIONS[key].unit,
        status: '已办结',
        on_time: 1,
        import_id: id,
      })),
    )
    .execute();
}

function taskOf(
  plan: { domains: Array<{ code: string; tasks: Array<{ number: number }> }> },
  domain: string,
) {
  return plan.domains.find((d) => d.code === domain)!.tasks[0]!.number;
}

function evidenceRow(
  owner: EvidenceFileTable['owner_type'],
  ownerId: number,
  unit: string,
  domain: string,
  name: string,
): Insertable<EvidenceFileTable> {
  const content = Buffer.from(`scope ${name}`);
  return {
    owner_type: owner,
    owner_id: ownerId,
    file_name: name,
    media_type: 'text/plain',
    size: content.length,
    sha256: '0'.repeat(64),
    content,
    unit_code: unit,
    domain_code: domain,
    uploaded_at: STAMP,
    uploaded_by: 'scope-fixture',
  };
}

async function pickForms(t: TestApp): Promise<ScopeFixture['forms']> {
  const db = t.ctx.db;
  const pick = async (domain: 'D01' | 'D07') => {
    const form = await db
      .selectFrom('report_forms')
      .innerJoin('report_form_elements as fe', 'fe.form_code', 'report_forms.code')
      .select(['report_forms.code', 'fe.element_code'])
      .where('report_forms.domain_code', '=', domain)
      .where('report_forms.reporter_level', '=', 'county')
      .where('report_forms.active', '=', 1)
      .orderBy('report_forms.period_type')
      .orderBy('report_forms.code')
      .executeTakeFirstOrThrow();
    const value = await db
      .selectFrom('data_values')
      .select('period')
      .where('element_code', '=', form.element_code)
      .where('unit_code', '=', '441403')
      .orderBy('period', 'desc')
      .executeTakeFirstOrThrow();
    return { code: form.code, element: form.element_code, period: value.period };
  };
  return { D01: await pick('D01'), D07: await pick('D07') };
}

export type { DB };
