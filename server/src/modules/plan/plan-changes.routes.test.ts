// 动态调整 through the real app on both databases: a department proposes lowering one target and
// raising another, the supervisor approves, and the plan, the overview, the diff and the
// target's history show the old targets before the effective date and the new ones from it.
// Every bad input is refused with a placed message and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { findTarget, type Plan } from '../../../../core/plan';

interface Dto {
  id: number;
  status: string;
  version: number;
  revision: number | null;
  baseRevision: number | null;
  domainCodes: string[];
  diff: Array<{ code: string; fields: Array<{ field: string; from: unknown; to: unknown }> }>;
}
interface OverviewTarget {
  code: string;
  target: number;
}
interface Overview {
  planRevision: { number: number; effectiveFrom: string };
  domains: Array<{ targets: OverviewTarget[] }>;
}

const lowerAndRaise = {
  changes: [
    { op: 'modify', code: 'T01.1', set: { value: 500 } },
    { op: 'modify', code: 'T01.2', set: { value: 220 } },
  ],
  reason: '受经济形势影响，城镇新增就业目标下调，再就业目标相应上调',
  effectiveFrom: '2026-01-01',
};

describe.each(testDialects())('plan revisions (动态调整) on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let dept: SignedIn;
  let county: SignedIn;
  let firstId = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sup = await t.login('supervisor');
    dept = await t.login('department');
    county = await t.login('county');
  });
  afterAll(() => t.close());

  const post = (who: SignedIn, url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) =>
    t.app.inject({ url, headers: { cookie: who.cookie } });
  const counts = async () => ({
    revisions: (await t.ctx.db.selectFrom('plan_revisions').select('id').execute()).length,
    requests: (await t.ctx.db.selectFrom('plan_change_requests').select('id').execute()).length,
    targets: (await t.ctx.db.selectFrom('plan_targets').select('code').execute()).length,
  });
  const targetOf = async (who: SignedIn, period: string, code: string) => {
    const res = await get(who, `/api/analytics/overview?period=${period}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Overview>();
    const row = body.domains.flatMap((d) => d.targets).find((x) => x.code === code);
    return { value: row?.target, revision: body.planRevision.number };
  };

  it('refuses bad proposals with placed Chinese errors and changes nothing', async () => {
    // Looked at before anything changes, so a stale cached evaluation would show later.
    expect(await targetOf(sup, '2026', 'T01.1')).toEqual({ value: 550, revision: 1 });
    const before = await counts();
    const outside = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      changes: [{ op: 'modify', code: 'T01.1', set: { deadline: '2030-12-31' } }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({
      code: 'PLAN_CHANGE_INVALID',
      details: [
        {
          field: 'changes/0/deadline',
          message: expect.stringContaining('不在计划期 2023-01-01 至 2027-12-31 之内'),
        },
      ],
    });
    const unbalanced = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      changes: [
        {
          op: 'modify',
          code: 'T01.1',
          set: { value: 500, allocations: [{ unit: 'GD-HRSS', value: 450 }] },
        },
      ],
    });
    expect(unbalanced.statusCode).toBe(400);
    expect(unbalanced.json().details[0]).toEqual({
      field: 'changes/0/allocations',
      message: '第1项调整：指标“T01.1”分解指标合计为 450,与目标值 500 不一致',
    });
    const notANumber = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      changes: [{ op: 'modify', code: 'T01.1', set: { value: 'five hundred' } }],
    });
    expect(notANumber.statusCode).toBe(400);
    const unknown = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      changes: [{ op: 'drop', code: 'T99.9' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('“T99.9”不存在');
    const early = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      effectiveFrom: '2022-06-30',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'EFFECTIVE_OUTSIDE_PLAN' });
    const noReason = await post(dept, '/api/plan/changes', { ...lowerAndRaise, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    // 就业 is 省人力资源社会保障厅's; 教育 (T04.1) is not.
    const foreign = await post(dept, '/api/plan/changes', {
      ...lowerAndRaise,
      changes: [{ op: 'modify', code: 'T04.1', set: { value: 1 } }],
    });
    expect(foreign.statusCode).toBe(403);
    expect((await post(county, '/api/plan/changes', lowerAndRaise)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('a department proposes lowering one target and raising another', async () => {
    const res = await post(dept, '/api/plan/changes', lowerAndRaise);
    expect(res.statusCode).toBe(201);
    const dto = res.json<Dto>();
    firstId = dto.id;
    expect(dto).toMatchObject({ status: 'proposed', baseRevision: 1, domainCodes: ['D01'] });
    expect(dto.diff).toEqual([
      expect.objectContaining({ code: 'T01.1', fields: [{ field: 'value', from: 550, to: 500 }] }),
      expect.objectContaining({ code: 'T01.2', fields: [{ field: 'value', from: 200, to: 220 }] }),
    ]);
    const mine = await get(dept, '/api/plan/changes');
    expect(mine.json<Dto[]>().map((x) => x.id)).toEqual([firstId]);
    expect((await get(county, '/api/plan/changes')).statusCode).toBe(403);
    // Proposed is not approved: the plan in force is unchanged.
    const plan = (await get(dept, '/api/plan')).json<{ plan: Plan }>().plan;
    expect(findTarget(plan, 'T01.1')!.value).toBe(550);
  });

  it('only the supervisor approves; the revision is in force from its date', async () => {
    expect((await post(dept, `/api/plan/changes/${firstId}/approve`)).statusCode).toBe(403);
    const res = await post(sup, `/api/plan/changes/${firstId}/approve`, { comment: '同意' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Dto>()).toMatchObject({ status: 'approved', revision: 2 });
    const again = await post(sup, `/api/plan/changes/${firstId}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PLAN_CHANGE_CLOSED' });
    const rejectLate = await post(sup, `/api/plan/changes/${firstId}/reject`, { comment: '不行' });
    expect(rejectLate.statusCode).toBe(409);

    const at = async (date: string) =>
      (await get(county, `/api/plan?at=${date}`)).json<{
        plan: Plan;
        revision: { number: number; effectiveFrom: string };
      }>();
    const before = await at('2025-12-31');
    expect(before.revision).toMatchObject({ number: 1, effectiveFrom: '2023-01-01' });
    expect(findTarget(before.plan, 'T01.1')!.value).toBe(550);
    const from = await at('2026-01-01');
    expect(from.revision).toMatchObject({ number: 2, effectiveFrom: '2026-01-01' });
    expect(findTarget(from.plan, 'T01.1')!.value).toBe(500);
    expect(findTarget(from.plan, 'T01.2')!.value).toBe(220);
    const stored = await t.ctx.db
      .selectFrom('plan_targets as pt')
      .innerJoin('plan_revisions as pr', 'pr.id', 'pt.revision_id')
      .select(['pr.number', 'pt.value'])
      .where('pt.code', '=', 'T01.1')
      .orderBy('pr.number')
      .execute();
    expect(stored.map((x) => [x.number, Number(x.value)])).toEqual([
      [1, 550],
      [2, 500],
    ]);
  });

  it('the overview judges each period by the revision in force then', async () => {
    expect(await targetOf(sup, '2025', 'T01.1')).toEqual({ value: 550, revision: 1 });
    expect(await targetOf(sup, '2026', 'T01.1')).toEqual({ value: 500, revision: 2 });
    expect(await targetOf(sup, '2026', 'T01.2')).toEqual({ value: 220, revision: 2 });
    const detail = await get(sup, '/api/analytics/targets/T01.1?period=2026');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().history).toEqual([
      expect.objectContaining({ revision: 1, effectiveFrom: '2023-01-01', value: 550 }),
      expect.objectContaining({
        revision: 2,
        effectiveFrom: '2026-01-01',
        value: 500,
        reason: lowerAndRaise.reason,
      }),
    ]);
  });

  it('lists revisions and diffs two of them with the reasons', async () => {
    const revs = await get(county, '/api/plan/revisions');
    expect(revs.json<Array<{ number: number; changeRequestId: number | null }>>()).toEqual([
      expect.objectContaining({ number: 2, changeRequestId: firstId, inForce: true }),
      expect.objectContaining({ number: 1, changeRequestId: null, inForce: false }),
    ]);
    const diff = await get(county, '/api/plan/diff?from=1&to=2');
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({
      from: { number: 1 },
      to: { number: 2 },
      steps: [{ number: 2, reason: lowerAndRaise.reason }],
      targets: [
        { code: 'T01.1', change: 'changed', fields: [{ field: 'value', from: 550, to: 500 }] },
        { code: 'T01.2', change: 'changed', fields: [{ field: 'value', from: 200, to: 220 }] },
      ],
    });
    expect((await get(county, '/api/plan/diff?from=1&to=9')).statusCode).toBe(400);
    expect((await get(county, '/api/plan/revisions/2')).json().revision.number).toBe(2);
    expect((await get(county, '/api/plan/revisions/7')).statusCode).toBe(404);
  });

  it('refuses to approve over a later change of the same target, not of another', async () => {
    const propose = async (code: string, value: number) =>
      (
        await post(dept, '/api/plan/changes', {
          changes: [{ op: 'modify', code, set: { value } }],
          reason: `调整${code}`,
          effectiveFrom: '2026-07-01',
        })
      ).json<Dto>();
    const a = await propose('T01.3', 42);
    const b = await propose('T01.3', 45);
    const c = await propose('T01.4', 5.2);
    expect((await post(sup, `/api/plan/changes/${a.id}/approve`)).statusCode).toBe(200);
    const before = await counts();
    const stale = await post(sup, `/api/plan/changes/${b.id}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'PLAN_CHANGED_SINCE' });
    expect(stale.json().message).toContain('T01.3');
    expect(await counts()).toEqual(before);
    const other = await post(sup, `/api/plan/changes/${c.id}/approve`);
    expect(other.json<Dto>()).toMatchObject({ status: 'approved', revision: 4 });
    const plan = (await get(sup, '/api/plan?at=2026-07-01')).json<{ plan: Plan }>().plan;
    expect(findTarget(plan, 'T01.3')!.value).toBe(42);
    expect(findTarget(plan, 'T01.4')!.value).toBe(5.2);
    expect(findTarget(plan, 'T01.1')!.value).toBe(500);
    // b is still open: the proposer withdraws it; a supervisor could not.
    expect((await post(sup, `/api/plan/changes/${b.id}/withdraw`)).statusCode).toBe(403);
    expect((await post(dept, `/api/plan/changes/${b.id}/withdraw`)).json<Dto>().status).toBe(
      'withdrawn',
    );
  });

  it('rejects with a comment, and drops a target', async () => {
    const res = await post(dept, '/api/plan/changes', {
      changes: [{ op: 'drop', code: 'T01.3' }],
      reason: '该指标并入其他指标',
      effectiveFrom: '2026-07-01',
    });
    const id = res.json<Dto>().id;
    expect((await post(sup, `/api/plan/changes/${id}/reject`, {})).statusCode).toBe(400);
    const rejected = await post(sup, `/api/plan/changes/${id}/reject`, { comment: '理由不充分' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewComment: '理由不充分' });
    const again = await post(dept, '/api/plan/changes', {
      changes: [{ op: 'drop', code: 'T01.3' }],
      reason: '该指标并入其他指标',
      effectiveFrom: '2026-08-01',
    });
    const approved = await post(sup, `/api/plan/changes/${again.json<Dto>().id}/approve`);
    expect(approved.json<Dto>().revision).toBe(5);
    const diff = (await get(sup, '/api/plan/diff?from=4&to=5')).json();
    expect(diff.targets).toEqual([expect.objectContaining({ code: 'T01.3', change: 'removed' })]);
    const { history } = (await get(sup, '/api/plan/targets/T01.3/history')).json<{
      history: Array<{ revision: number; present: boolean }>;
    }>();
    expect(history.map((h) => [h.revision, h.present])).toEqual([
      [1, true],
      [3, true],
      [5, false],
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['plan.propose', 'plan.approve', 'plan.reject', 'plan.withdraw'])
      .execute();
    expect(new Set(audit.map((x) => x.action))).toEqual(
      new Set(['plan.propose', 'plan.approve', 'plan.reject', 'plan.withdraw']),
    );
  });

  it('two approvals at once: each is a new revision or a 409, never a 500 or a lost change', async () => {
    const propose = async (code: string) =>
      (
        await post(dept, '/api/plan/changes', {
          changes: [{ op: 'modify', code, set: { deadline: '2027-06-30' } }],
          reason: `并发${code}`,
          effectiveFrom: '2026-09-01',
        })
      ).json<Dto>().id;
    const ids = [await propose('T03.1'), await propose('T03.2')];
    const before = await counts();
    const results = await Promise.all(
      ids.map((id) => post(sup, `/api/plan/changes/${id}/approve`)),
    );
    const statuses = results.map((r) => r.statusCode);
    for (const s of statuses) expect([200, 409]).toContain(s);
    const approved = statuses.filter((s) => s === 200).length;
    expect(approved).toBeGreaterThan(0);
    expect((await counts()).revisions).toBe(before.revisions + approved);
    const numbers = results.filter((r) => r.statusCode === 200).map((r) => r.json<Dto>().revision);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Whatever was approved is in the plan in force: no approval undid another.
    const plan = (await get(sup, '/api/plan?at=2026-09-01')).json<{ plan: Plan }>().plan;
    statuses.forEach((status, i) =>
      expect(findTarget(plan, ['T03.1', 'T03.2'][i]!)!.deadline).toBe(
        status === 200 ? '2027-06-30' : '2027-12-31',
      ),
    );
  });
});
