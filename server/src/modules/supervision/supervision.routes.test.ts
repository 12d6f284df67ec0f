/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON
   answers are read as `any` on purpose: the assertions are the type check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { todayCst } from '../../../../core/reporting';
import { addDeadlineDays } from '../../../../core/tasking';
import { runSupervisionRules } from './rules.service';
import type { BoardDto, EventDto, ItemDto, RuleDto } from './supervision.schema';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MEIZHOU = '441400';
const MEIXIAN = '441403';
const SHAOGUAN = '440200';

function form(fields: Record<string, string>, files: Array<[string, Buffer]> = []): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, bytes] of files) f.append('files', new Blob([new Uint8Array(bytes)]), name);
  return f;
}

describe.each(testDialects())('supervision API on $name', (dialect) => {
  let t: TestApp;
  let supervisor: SignedIn;
  let department: SignedIn;
  let city: SignedIn;
  let county: SignedIn;
  const today = todayCst(new Date());

  beforeAll(async () => {
    t = await createTestApp(dialect);
    supervisor = await t.login('supervisor');
    department = await t.login('department');
    city = await t.login('city');
    county = await t.login('county');
  });
  afterAll(() => t.close());

  const get = (who: SignedIn, url: string) =>
    t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (who: SignedIn, url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const put = (who: SignedIn, url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url, headers: who.headers, payload });
  const upload = (who: SignedIn, url: string, payload: FormData) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const issue = (who: SignedIn, over: Record<string, unknown> = {}) =>
    post(who, '/api/supervision/items', {
      level: 'listed',
      title: '零工市场建设滞后',
      body: '请说明原因并提出整改措施。',
      targetUnitCode: MEIZHOU,
      ...over,
    });
  const count = async (table: 'supervision_items' | 'supervision_events' | 'evidence_files') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select(t.ctx.db.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('issue 挂牌督办 → city replies with a PNG → supervisor closes it (销号)', async () => {
    const issued = await issue(supervisor);
    expect(issued.statusCode, issued.body).toBe(201);
    const { item } = issued.json();
    expect(item).toMatchObject({
      level: 'listed',
      levelName: '挂牌督办',
      status: 'open',
      targetUnitName: '梅州市',
      replyDue: addDeadlineDays(today, 3),
      overdue: false,
    });

    // The city sees it in its list and on its board, and may reply.
    const list = (await get(city, '/api/supervision/items')).json().items;
    expect(list.map((i: ItemDto) => i.id)).toContain(item.id);
    expect(list.find((i: ItemDto) => i.id === item.id).canReply).toBe(true);

    const replied = await upload(
      city,
      `/api/supervision/items/${item.id}/replies`,
      form({ text: '已完成选址，下周开工。' }, [['现场照片.png', PNG]]),
    );
    expect(replied.statusCode, replied.body).toBe(201);
    const detail = replied.json();
    expect(detail.item.status).toBe('replied');
    const reply = detail.events.find((e: EventDto) => e.kind === 'replied');
    expect(reply.text).toBe('已完成选址，下周开工。');
    expect(reply.evidence).toHaveLength(1);
    expect(reply.evidence[0]).toMatchObject({ fileName: '现场照片.png', mediaType: 'image/png' });

    // The issuer downloads the evidence.
    const file = await get(supervisor, reply.evidence[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // The city cannot close its own item.
    expect((await post(city, `/api/supervision/items/${item.id}/accept`, {})).statusCode).toBe(403);
    const closed = await post(supervisor, `/api/supervision/items/${item.id}/accept`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().item).toMatchObject({ status: 'closed', statusName: '已销号' });
    expect(closed.json().events.map((e: EventDto) => e.kind)).toEqual([
      'issued',
      'replied',
      'accepted',
    ]);

    // A reply after closure: 409, nothing stored.
    const before = await count('evidence_files');
    const late = await upload(
      city,
      `/api/supervision/items/${item.id}/replies`,
      form({ text: '补充材料' }, [['补充.png', PNG]]),
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('SUPERVISION_CLOSED');
    expect(await count('evidence_files')).toBe(before);

    // Audited and notified.
    const actions = (
      await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', String(item.id))
        .where('target_type', '=', 'supervision_item')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['supervision.issue', 'supervision.reply', 'supervision.accept']),
    );
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['unit_code', 'kind'])
      .where('kind', 'like', 'supervision.%')
      .execute();
    expect(notes).toEqual(
      expect.arrayContaining([
        { unit_code: MEIZHOU, kind: 'supervision.issued' },
        { unit_code: MEIZHOU, kind: 'supervision.accepted' },
        expect.objectContaining({ kind: 'supervision.replied' }),
      ]),
    );
  });

  it('return → reply again → accept', async () => {
    const { item } = (await issue(supervisor, { level: 'general' })).json();
    expect(
      (
        await upload(
          city,
          `/api/supervision/items/${item.id}/replies`,
          form({ text: '第一次答复' }),
        )
      ).statusCode,
    ).toBe(201);
    const noReason = await post(supervisor, `/api/supervision/items/${item.id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    const returned = await post(supervisor, `/api/supervision/items/${item.id}/return`, {
      reason: '未附整改佐证',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().item).toMatchObject({
      status: 'returned',
      replyDue: addDeadlineDays(today, 15),
    });
    // Accepting a returned item before a new reply is refused.
    expect(
      (await post(supervisor, `/api/supervision/items/${item.id}/accept`, {})).statusCode,
    ).toBe(409);
    const again = await upload(
      city,
      `/api/supervision/items/${item.id}/replies`,
      form({ text: '补充佐证' }, [['佐证.png', PNG]]),
    );
    expect(again.statusCode, again.body).toBe(201);
    const closed = await post(supervisor, `/api/supervision/items/${item.id}/accept`, {});
    expect(closed.json().events.map((e: EventDto) => e.kind)).toEqual([
      'issued',
      'replied',
      'returned',
      'replied',
      'accepted',
    ]);
  });

  it('a reply without text or with a file that lies about its type stores nothing', async () => {
    const { item } = (await issue(supervisor)).json();
    const empty = await upload(
      city,
      `/api/supervision/items/${item.id}/replies`,
      form({ text: ' ' }),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0].field).toBe('text');
    const before = await count('supervision_events');
    const liar = await upload(
      city,
      `/api/supervision/items/${item.id}/replies`,
      form({ text: '答复' }, [['报告.pdf', PNG]]),
    );
    expect(liar.statusCode).toBe(400);
    expect(await count('supervision_events')).toBe(before);
    expect((await get(city, `/api/supervision/items/${item.id}`)).json().item.status).toBe('open');
  });

  it('a city neither sees nor answers another city’s item; a county’s item is its city’s too', async () => {
    const { item: foreign } = (await issue(supervisor, { targetUnitCode: SHAOGUAN })).json();
    const list = (await get(city, '/api/supervision/items')).json().items;
    expect(list.some((i: ItemDto) => i.id === foreign.id)).toBe(false);
    expect(list.every((i: ItemDto) => [MEIZHOU, MEIXIAN].includes(i.targetUnitCode))).toBe(true);
    expect((await get(city, `/api/supervision/items/${foreign.id}`)).statusCode).toBe(403);
    const reply = await upload(
      city,
      `/api/supervision/items/${foreign.id}/replies`,
      form({ text: '越权答复' }),
    );
    expect(reply.statusCode).toBe(403);
    const board = (await get(city, '/api/supervision/board')).json();
    expect(
      board.units.every((u: { unitCode: string }) => [MEIZHOU, MEIXIAN].includes(u.unitCode)),
    ).toBe(true);

    const { item: countyItem } = (await issue(supervisor, { targetUnitCode: MEIXIAN })).json();
    // The county answers its own item; the city may answer for it; the county cannot answer the city's.
    const cityItems = (await get(county, '/api/supervision/items')).json().items;
    expect(cityItems.every((i: ItemDto) => i.targetUnitCode === MEIXIAN)).toBe(true);
    const byCity = await upload(
      city,
      `/api/supervision/items/${countyItem.id}/replies`,
      form({ text: '市里代为答复' }),
    );
    expect(byCity.statusCode, byCity.body).toBe(201);
  });

  it('a department issues only within its domains; unknown units and past deadlines are refused', async () => {
    const own = await issue(department, { domainCode: 'D01', level: 'key' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().item.issuerUnitCode).not.toBe('440000');
    const outside = await issue(department, { domainCode: 'D07' });
    expect(outside.statusCode).toBe(403);
    const noDomain = await issue(department);
    expect(noDomain.statusCode).toBe(400);
    expect(noDomain.json().details[0].field).toBe('domainCode');

    const before = await count('supervision_items');
    const unknown = await issue(supervisor, { targetUnitCode: '449999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_UNIT' });
    expect(unknown.json().details[0].field).toBe('targetUnitCode');
    const past = await issue(supervisor, { replyDue: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().details[0].field).toBe('replyDue');
    expect(await count('supervision_items')).toBe(before);

    // The department sees its own domain's items and those it issued, and may close its own.
    const list = (await get(department, '/api/supervision/items')).json().items;
    expect(list.some((i: ItemDto) => i.id === own.json().item.id)).toBe(true);
    expect(
      list.every(
        (i: ItemDto) =>
          i.domainCode === 'D01' ||
          i.issuerUnitCode === own.json().item.issuerUnitCode ||
          i.targetUnitCode === own.json().item.issuerUnitCode,
      ),
    ).toBe(true);
    // A city cannot issue at all.
    expect((await issue(city)).statusCode).toBe(403);
  });

  it('rules: settings are validated, a run raises each cause once, late replies escalate', async () => {
    const rules = (await get(city, '/api/supervision/rules')).json().rules;
    expect(rules.map((r: RuleDto) => r.code)).toEqual([
      'milestone-overdue',
      'target-off-track',
      'submission-late',
      'reply-escalation',
      'reply-deadlines',
    ]);
    const asCity = await put(city, '/api/supervision/rules', {
      rules: [{ code: 'submission-late', enabled: false, params: { days: 7, level: 'general' } }],
    });
    expect(asCity.statusCode).toBe(403);
    const bad = await put(supervisor, '/api/supervision/rules', {
      rules: [
        {
          code: 'milestone-overdue',
          enabled: true,
          params: { days: 0, level: 'general', keyDays: 60, keyLevel: 'key' },
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('rules[0].params.days');
    const ok = await put(supervisor, '/api/supervision/rules', {
      rules: [
        { code: 'target-off-track', enabled: false, params: { periods: 2, level: 'key' } },
        { code: 'submission-late', enabled: false, params: { days: 7, level: 'general' } },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rules.find((r: RuleDto) => r.code === 'submission-late').enabled).toBe(false);

    // A ledger item of 梅州 with one milestone 20 days overdue and one done.
    const at = new Date().toISOString();
    const { id: itemId } = await t.ctx.db
      .insertInto('ledger_items')
      .values({
        code: 'T01-901',
        task_number: 1,
        domain_code: 'D01',
        title: '梅州零工市场',
        description: '',
        owner_unit_code: MEIZHOU,
        cooperating_units: '[]',
        city_code: MEIZHOU,
        start_date: '2026-01-01',
        due_date: '2027-12-31',
        budget: null,
        target_codes: '[]',
        percent_done: 10,
        status: 'delayed',
        status_override_reason: null,
        last_reported_at: null,
        version: 1,
        created_at: at,
        created_by: 'test',
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('ledger_milestones')
      .values([
        {
          item_id: itemId,
          sort_order: 1,
          title: '完成选址',
          due_date: addDeadlineDays(today, -20),
          definition_of_done: '选址批复',
          done_on: null,
        },
        {
          item_id: itemId,
          sort_order: 2,
          title: '完成设计',
          due_date: addDeadlineDays(today, -30),
          definition_of_done: '设计批复',
          done_on: addDeadlineDays(today, -31),
        },
      ])
      .execute();

    const first = await post(supervisor, '/api/supervision/rules/run');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().raised).toBe(1);
    const second = await post(supervisor, '/api/supervision/rules/run');
    expect(second.json().raised).toBe(0);
    const raised = await t.ctx.db
      .selectFrom('supervision_items')
      .selectAll()
      .where('rule_code', '=', 'milestone-overdue')
      .execute();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      level: 'general',
      target_unit_code: MEIZHOU,
      ledger_item_id: itemId,
      source: 'rule',
      reply_due: addDeadlineDays(today, 15),
    });
    const cityList = (await get(city, '/api/supervision/items')).json().items;
    expect(cityList.some((i: ItemDto) => i.id === raised[0]!.id)).toBe(true);

    // Sixteen days on, the reply is late: 一般 → 重点 with a new deadline, once per lateness.
    const later = new Date(Date.now() + 16 * 86_400_000);
    const run = await runSupervisionRules(t.ctx, later);
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    const escalated = await t.ctx.db
      .selectFrom('supervision_items')
      .selectAll()
      .where('id', '=', raised[0]!.id)
      .executeTakeFirstOrThrow();
    expect(escalated).toMatchObject({
      level: 'key',
      escalation_level: 1,
      reply_due: addDeadlineDays(todayCst(later), 7),
    });
    const again = await runSupervisionRules(t.ctx, later);
    expect(again.raised).toBe(0);
    const unchanged = await t.ctx.db
      .selectFrom('supervision_items')
      .select(['level', 'escalation_level'])
      .where('id', '=', raised[0]!.id)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ level: 'key', escalation_level: 1 });
    const detail = (await get(supervisor, `/api/supervision/items/${raised[0]!.id}`)).json();
    expect(detail.events.map((e: EventDto) => e.kind)).toEqual(['issued', 'escalated']);
    expect(detail.events[1].text).toContain('由一般督办升级为重点督办');
  });

  it('an inspection with two findings creates two rectification items', async () => {
    const findings = [
      {
        text: '办事大厅无障碍通道被占用',
        ownerUnitCode: MEIXIAN,
        deadline: addDeadlineDays(today, 10),
      },
      {
        text: '公示栏信息过期',
        ownerUnitCode: MEIZHOU,
        deadline: addDeadlineDays(today, 20),
        level: 'key',
      },
    ];
    const fields = {
      place: '梅县区政务服务中心',
      cityCode: MEIZHOU,
      countyCode: MEIXIAN,
      visitedOn: today,
      inspectors: '张明、李华',
      summary: '随机走访办事窗口。',
      domainCode: 'D01',
      findings: JSON.stringify(findings),
    };
    // Not the supervision office: refused.
    expect((await upload(city, '/api/inspections', form(fields))).statusCode).toBe(403);
    // Bad finding: placed error, nothing stored.
    const before = await count('supervision_items');
    const bad = await upload(
      supervisor,
      '/api/inspections',
      form({ ...fields, findings: JSON.stringify([{ ...findings[0], ownerUnitCode: 'X' }]) }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('findings[0].ownerUnitCode');
    expect(await count('supervision_items')).toBe(before);

    const res = await upload(supervisor, '/api/inspections', form(fields, [['现场.png', PNG]]));
    expect(res.statusCode, res.body).toBe(201);
    const inspection = res.json();
    expect(inspection.inspectors).toEqual(['张明', '李华']);
    expect(inspection.photos).toHaveLength(1);
    expect(inspection.items).toHaveLength(2);
    expect(
      inspection.items.map((i: ItemDto) => [i.kind, i.targetUnitCode, i.replyDue, i.level]),
    ).toEqual([
      ['rectification', MEIXIAN, findings[0]!.deadline, 'general'],
      ['rectification', MEIZHOU, findings[1]!.deadline, 'key'],
    ]);
    expect(await count('supervision_items')).toBe(before + 2);

    // The county sees the visit with its own finding only; another city sees nothing.
    const seen = (await get(county, `/api/inspections/${inspection.id}`)).json();
    expect(seen.items.map((i: ItemDto) => i.targetUnitCode)).toEqual([MEIXIAN]);
    const kinds = (await get(county, '/api/supervision/items?kind=rectification')).json().items;
    expect(kinds.length).toBeGreaterThanOrEqual(1);
    expect(kinds.every((i: ItemDto) => i.kind === 'rectification')).toBe(true);
    const list = (await get(supervisor, '/api/inspections')).json().inspections;
    expect(list.map((i: ItemDto) => i.id)).toContain(inspection.id);
  });

  it('the board counts by level and status and lists overdue items first', async () => {
    const { item } = (await issue(supervisor, { level: 'general', title: '逾期事项' })).json();
    await t.ctx.db
      .updateTable('supervision_items')
      .set({ reply_due: addDeadlineDays(today, -5) })
      .where('id', '=', item.id)
      .execute();
    const board = (await get(supervisor, '/api/supervision/board')).json<BoardDto>();
    expect(board.overdue[0]).toMatchObject({ id: item.id, overdue: true, daysLate: 5 });
    expect(board.summary.overdue).toBeGreaterThanOrEqual(1);
    expect(board.summary.closedThisMonth).toBeGreaterThanOrEqual(1);
    let total = 0;
    for (const byStatus of Object.values(board.counts))
      for (const n of Object.values(byStatus)) total += n;
    expect(total).toBe(await count('supervision_items'));
    const overdueOnly = (await get(supervisor, '/api/supervision/items?overdue=true')).json().items;
    expect(overdueOnly.every((i: ItemDto) => i.overdue)).toBe(true);
    expect(overdueOnly.map((i: ItemDto) => i.id)).toContain(item.id);
  });

  it('with every rule on, a run reads targets and submissions and a re-run raises nothing', async () => {
    const on = await put(supervisor, '/api/supervision/rules', {
      rules: [
        { code: 'target-off-track', enabled: true, params: { periods: 2, level: 'key' } },
        { code: 'submission-late', enabled: true, params: { days: 7, level: 'general' } },
      ],
    });
    expect(on.statusCode).toBe(200);
    const first = await runSupervisionRules(t.ctx);
    const second = await runSupervisionRules(t.ctx);
    expect(first.raised).toBeGreaterThanOrEqual(0);
    expect(second.raised).toBe(0);
    const keys = await t.ctx.db
      .selectFrom('supervision_items')
      .select('dedup_key')
      .where('dedup_key', 'is not', null)
      .execute();
    expect(new Set(keys.map((k) => k.dedup_key)).size).toBe(keys.length);
  });
});
