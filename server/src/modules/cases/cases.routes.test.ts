// 优秀案例评选 through the real app on both databases: a call from draft to published winners,
// with every bad input of the issue refused and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { todayCst } from '../../../../core/reporting';
import { multipart, PNG } from './cases.fixtures';
import type { Static } from '@sinclair/typebox';
import type { CallDto, PublicCasesResponse, Ranking } from './cases.schema';

type RankingT = Static<typeof Ranking>;

const day = (offset: number) => todayCst(new Date(Date.now() + offset * 86_400_000));
const CRITERIA = [
  { key: 'innovation', name: '创新性', weight: 30 },
  { key: 'results', name: '实际成效', weight: 40 },
  { key: 'replicability', name: '可复制推广性', weight: 30 },
];
const callBody = (over: Record<string, unknown> = {}) => ({
  title: '2026年民生实事优秀案例征集',
  description: '面向各地市、各牵头部门征集',
  domainCodes: [],
  submissionDeadline: day(10),
  reviewDeadline: day(20),
  criteria: CRITERIA,
  scaleMax: 10,
  winners: 2,
  ...over,
});
const caseData = (over: Record<string, unknown> = {}) => ({
  title: '梅州市“家门口就业”服务站',
  domainCode: 'D01',
  taskNumber: 1,
  summary: '在社区建设就业服务站，提供岗位推荐和技能培训。',
  results: '全年新增就业岗位 1200 个。',
  figures: [{ label: '新增岗位', value: 1200, unit: '个' }],
  ...over,
});
const sheet = (innovation: number, results: number, replicability: number) => ({
  innovation,
  results,
  replicability,
});

interface Sub {
  id: number;
  unitCode: string;
  canScore: boolean;
  myScore: { weighted: number } | null;
  attachments: Array<{ id: number; url: string }>;
  winner: boolean;
  finalRank: number | null;
}

describe.each(testDialects())('优秀案例评选 on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let city: SignedIn;
  let dept: SignedIn;
  let county: SignedIn;
  let viewer: SignedIn;
  let callId: number;
  const ids: Record<'city' | 'dept' | 'county', number> = { city: 0, dept: 0, county: 0 };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sup = await t.login('supervisor');
    city = await t.login('city');
    dept = await t.login('department');
    county = await t.login('county');
    viewer = await t.login('viewer');
  });
  afterAll(() => t?.close());

  const req = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: method === 'GET' ? { cookie: who.cookie } : who.headers,
      payload: payload as object,
    });
  const submit = (
    who: SignedIn,
    data: unknown,
    files = [{ name: 'photo.png', bytes: PNG }],
    url = `/api/cases/calls/${callId}/submissions`,
    method: 'POST' | 'PUT' = 'POST',
  ) => {
    const form = multipart({ data: JSON.stringify(data) }, files);
    return t.app.inject({
      method,
      url,
      headers: { ...who.headers, 'content-type': form.contentType },
      payload: form.payload,
    });
  };
  const detail = async (who: SignedIn) => {
    const res = await req(who, 'GET', `/api/cases/calls/${callId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ submissions: Sub[]; call: { status: string; canSubmit: boolean } }>();
  };
  const count = async (
    table: 'case_submissions' | 'case_scores' | 'case_calls' | 'evidence_files',
  ) =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const score = (who: SignedIn, id: number, scores: Record<string, number>, comment?: string) =>
    req(who, 'POST', `/api/cases/submissions/${id}/scores`, { scores, comment });

  it('refuses criteria whose weights do not sum to 100, storing nothing', async () => {
    const res = await req(
      sup,
      'POST',
      '/api/cases/calls',
      callBody({ criteria: [{ key: 'a', name: 'A', weight: 90 }] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('权重之和须为 100');
    expect(res.json().details[0].field).toBe('criteria');
    const badDate = await req(
      sup,
      'POST',
      '/api/cases/calls',
      callBody({ reviewDeadline: '2026-02-30' }),
    );
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details[0].field).toBe('reviewDeadline');
    const hugeId = await req(sup, 'POST', '/api/cases/calls/99999999999999999999/publish');
    expect(hugeId.statusCode).toBe(400);
    expect(await count('case_calls')).toBe(0);
    const city403 = await req(city, 'POST', '/api/cases/calls', callBody());
    expect(city403.statusCode).toBe(403);
  });

  it('opens a call: drafts are the office’s own, open calls are seen by all', async () => {
    const res = await req(sup, 'POST', '/api/cases/calls', callBody());
    expect(res.statusCode, res.body).toBe(201);
    callId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', tieRule: 'top_criterion' });
    expect(res.json().tieRuleText).toContain('权重最高');
    expect((await req(city, 'GET', '/api/cases/calls')).json().calls).toEqual([]);
    const opened = await req(sup, 'POST', `/api/cases/calls/${callId}/status`, { status: 'open' });
    expect(opened.statusCode, opened.body).toBe(200);
    const calls = (await req(city, 'GET', '/api/cases/calls')).json<{ calls: CallDto[] }>().calls;
    expect(calls.map((c) => [c.id, c.canSubmit])).toEqual([[callId, true]]);
  });

  it('takes cases with attachments from a city, a department and a county', async () => {
    const res = await submit(city, caseData());
    expect(res.statusCode, res.body).toBe(201);
    ids.city = res.json().id;
    const [file] = res.json().attachments;
    const download = await req(city, 'GET', file.url);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    // The department's case must lie in its own domain (D01); the county files one too.
    const d = await submit(dept, caseData({ title: '省人社厅“粤菜师傅”工程', taskNumber: 2 }), []);
    expect(d.statusCode, d.body).toBe(201);
    ids.dept = d.json().id;
    const c = await submit(county, caseData({ title: '梅县区零工市场' }), []);
    expect(c.statusCode, c.body).toBe(201);
    ids.county = c.json().id;
    // The city sees its own and its county's cases, never the department's.
    expect((await detail(city)).submissions.map((s) => s.id).sort()).toEqual(
      [ids.city, ids.county].sort(),
    );
  });

  it('refuses a bad task, a file lying about its type and a foreign domain, storing nothing', async () => {
    const before = [await count('case_submissions'), await count('evidence_files')];
    const wrongTask = await submit(city, caseData({ taskNumber: 27 }));
    expect(wrongTask.statusCode).toBe(400);
    expect(wrongTask.json().details[0]).toMatchObject({ field: 'taskNumber' });
    const lying = await submit(city, caseData(), [
      { name: 'photo.png', bytes: Buffer.from('not an image') },
    ]);
    expect(lying.statusCode).toBe(400);
    expect(lying.json().details[0].field).toBe('files[0]');
    const d02 = await t.ctx.plans
      .current()
      .then((p) => p!.plan.domains.find((x) => x.code === 'D02')!);
    const foreign = await submit(
      dept,
      caseData({ domainCode: 'D02', taskNumber: d02.tasks[0]!.number }),
      [],
    );
    expect(foreign.statusCode).toBe(403);
    expect([await count('case_submissions'), await count('evidence_files')]).toEqual(before);
  });

  it('lets the submitter edit until the deadline, then answers 409 in Chinese', async () => {
    const edit = await submit(
      city,
      caseData({ title: '梅州市“家门口就业”服务站（修订）' }),
      [],
      `/api/cases/submissions/${ids.city}`,
      'PUT',
    );
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().title).toContain('修订');
    expect(edit.json().attachments).toHaveLength(1);
    const other = await submit(dept, caseData(), [], `/api/cases/submissions/${ids.city}`, 'PUT');
    expect(other.statusCode).toBe(403);
    // The office moves the deadline to yesterday: the call no longer takes or changes cases.
    const moved = await req(
      sup,
      'PUT',
      `/api/cases/calls/${callId}`,
      callBody({ submissionDeadline: day(-1) }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const late = await submit(city, caseData());
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe(`案例征集已于 ${day(-1)} 截止，不能再提交或修改案例`);
    const lateEdit = await submit(
      city,
      caseData({ title: '再改' }),
      [],
      `/api/cases/submissions/${ids.city}`,
      'PUT',
    );
    expect(lateEdit.statusCode).toBe(409);
    expect(await count('case_submissions')).toBe(3);
  });

  it('assigns reviewers; scoring waits for the review to start', async () => {
    const candidates = (await req(sup, 'GET', '/api/cases/reviewer-candidates')).json<{
      users: Array<{ userId: number; username: string }>;
    }>().users;
    const idOf = (role: string) =>
      candidates.find((u) => u.username === t.users[role as 'city'].username)!.userId;
    const res = await req(sup, 'PUT', `/api/cases/calls/${callId}/reviewers`, {
      userIds: [idOf('city'), idOf('department'), idOf('viewer')],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reviewers).toHaveLength(3);
    expect((await score(viewer, ids.dept, sheet(9, 9, 9))).statusCode).toBe(409);
    const reviewing = await req(sup, 'POST', `/api/cases/calls/${callId}/status`, {
      status: 'reviewing',
    });
    expect(reviewing.statusCode, reviewing.body).toBe(200);
    // A user who is not a reviewer may not score.
    expect((await score(county, ids.dept, sheet(9, 9, 9))).statusCode).toBe(403);
  });

  it('keeps reviewers off their own unit’s cases (回避)', async () => {
    const mine = (await detail(city)).submissions;
    expect(mine.map((s) => [s.id, s.canScore]).sort()).toEqual(
      [
        [ids.city, false],
        [ids.dept, true],
        [ids.county, false],
      ].sort(),
    );
    const own = await score(city, ids.city, sheet(10, 10, 10));
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('回避');
    expect((await score(city, ids.county, sheet(10, 10, 10))).statusCode).toBe(403);
    expect((await score(dept, ids.dept, sheet(10, 10, 10))).statusCode).toBe(403);
    expect(await count('case_scores')).toBe(0);
  });

  it('refuses a score outside the scale and a second score, changing nothing', async () => {
    const out = await score(viewer, ids.city, sheet(6, 11, 6));
    expect(out.statusCode).toBe(400);
    expect(out.json().details).toEqual([
      { field: 'scores.results', message: expect.stringContaining('0—10') },
    ]);
    expect(await count('case_scores')).toBe(0);
    const ok = await score(viewer, ids.city, sheet(6, 9, 6), '亮点突出');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().myScore.weighted).toBe(7.2);
    const again = await score(viewer, ids.city, sheet(10, 10, 10));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('不能重复打分');
    expect(await count('case_scores')).toBe(1);
  });

  it('scores blind: a reviewer never sees another reviewer’s sheet', async () => {
    for (const [who, id, s] of [
      [viewer, ids.county, sheet(10, 6, 8)],
      [viewer, ids.dept, sheet(9, 9, 9)],
      [dept, ids.city, sheet(8, 8, 8)],
      [dept, ids.county, sheet(8, 8, 6)],
      [city, ids.dept, sheet(10, 10, 10)],
    ] as const) {
      const res = await score(who, id, s);
      expect(res.statusCode, res.body).toBe(201);
    }
    const seen = await req(dept, 'GET', `/api/cases/calls/${callId}`);
    expect(seen.body).not.toContain('亮点突出');
    const d = seen.json<{ submissions: Sub[]; reviewers: unknown[] }>();
    expect(d.reviewers).toEqual([]);
    expect(d.submissions.find((s) => s.id === ids.city)!.myScore!.weighted).toBe(8);
    expect((await req(dept, 'GET', `/api/cases/calls/${callId}/ranking`)).statusCode).toBe(403);
    // The office sees the means, but the sheets only once the review is over.
    const r = (await req(sup, 'GET', `/api/cases/calls/${callId}/ranking`)).json<RankingT>();
    expect(r.revealed).toBe(false);
    expect(r.rows.every((x) => x.sheets === null)).toBe(true);
  });

  it('ranks with the stated tie rule and publishes the winners to the public portal', async () => {
    expect((await req(sup, 'POST', `/api/cases/calls/${callId}/publish`)).statusCode).toBe(409);
    expect(
      (await req(sup, 'POST', `/api/cases/calls/${callId}/status`, { status: 'closed' }))
        .statusCode,
    ).toBe(200);
    const r = (await req(sup, 'GET', `/api/cases/calls/${callId}/ranking`)).json<RankingT>();
    // dept 9.5; city (7.2 + 8) / 2 = 7.6 and county (7.8 + 7.4) / 2 = 7.6: a tie, which
    // results (the highest-weighted criterion: 8.5 against 7) breaks for the city.
    expect(r.rows.map((x) => [x.submissionId, x.score, x.tieBrokenBy])).toEqual([
      [ids.dept, 9.5, null],
      [ids.city, 7.6, null],
      [ids.county, 7.6, 'criterion'],
    ]);
    expect(r.revealed).toBe(true);
    expect(r.rows[1]!.sheets!.map((s) => s.comment)).toContain('亮点突出');

    const pub = await req(sup, 'POST', `/api/cases/calls/${callId}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(
      pub
        .json<RankingT>()
        .rows.filter((x) => x.winner)
        .map((x) => x.submissionId),
    ).toEqual([ids.dept, ids.city]);
    expect((await req(sup, 'POST', `/api/cases/calls/${callId}/publish`)).statusCode).toBe(409);

    const open = await t.app.inject({ method: 'GET', url: '/api/public/cases' });
    expect(open.statusCode).toBe(200);
    const cases = open.json<PublicCasesResponse>().cases;
    expect(cases.map((c) => [c.id, c.rank, c.unitName])).toEqual([
      [ids.dept, 1, '省人力资源社会保障厅'],
      [ids.city, 2, '梅州市'],
    ]);
    const file = await t.app.inject({ method: 'GET', url: cases[1]!.attachments[0]!.url });
    expect(file.statusCode).toBe(200);
    const countyFiles = await t.ctx.db
      .selectFrom('evidence_files')
      .select('id')
      .where('owner_type', '=', 'case')
      .where('owner_id', '!=', ids.city)
      .execute();
    expect(countyFiles).toEqual([]);

    // Every submitting unit is told; the writes are audited.
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['unit_code', 'body'])
      .where('kind', '=', 'case.result')
      .orderBy('unit_code')
      .execute();
    expect(notes.map((n) => n.unit_code).sort()).toEqual(['441400', '441403', 'GD-HRSS'].sort());
    expect(notes.find((n) => n.unit_code === '441403')!.body).toContain('未入选');
    const actions = (
      await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'case.%')
        .execute()
    ).map((a) => a.action);
    for (const a of [
      'case.call.create',
      'case.submit',
      'case.edit',
      'case.reviewers.assign',
      'case.score',
      'case.call.publish',
    ])
      expect(actions).toContain(a);
    // The winners' details are visible to every signed-in user now; the loser stays private.
    expect((await detail(await t.login('sysadmin'))).submissions.map((s) => s.id).sort()).toEqual(
      [ids.dept, ids.city].sort(),
    );
  });

  it('serves a non-winner’s attachment to nobody outside', async () => {
    const extra = await t.ctx.db
      .insertInto('evidence_files')
      .values({
        owner_type: 'case',
        owner_id: ids.county,
        file_name: 'x.png',
        media_type: 'image/png',
        size: PNG.length,
        sha256: '0',
        content: PNG,
        unit_code: '441403',
        domain_code: 'D01',
        uploaded_at: new Date().toISOString(),
        uploaded_by: 't',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/cases/attachments/${extra.id}` }))
        .statusCode,
    ).toBe(404);
    // A reviewer still sees what they reviewed; an outsider does not.
    expect((await req(dept, 'GET', `/api/cases/attachments/${extra.id}`)).statusCode).toBe(200);
    const admin = await t.login('sysadmin');
    expect((await req(admin, 'GET', `/api/cases/attachments/${extra.id}`)).statusCode).toBe(403);
    expect((await req(city, 'GET', `/api/cases/attachments/${extra.id}`)).statusCode).toBe(200);
  });
});
