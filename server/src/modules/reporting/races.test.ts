// Edits racing each other and racing the approval, over real HTTP on both engines (DHIS2-style
// approval locks): concurrent edits of a value end in one winner and 409s, never a lost update;
// an approval is never followed by a change to the values it approved.
import type { KyselyPlugin, RootOperationNode, UnknownRow, QueryResult } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppInstance } from '../../app';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { testDialects } from '../../testing/databases';
import { listen, request } from '../../testing/http';
import { todayCst } from '../../../../core/reporting';

const MONTH = todayCst(new Date()).slice(0, 7);
const JOBS = 'D01-county-month';
const MEIXIAN = '441403';
const ROUNDS = process.env.MINSHENG_SOAK ? 20 : 4;

/**
 * Widens the race window on purpose: every read of report_submissions pauses before its rows
 * come back, so a save that has just checked the lock state is still running while a submit
 * and an approval go through — without a lock, the save would then write after the approval.
 */
function slowSubmissionReads(ms: number): KyselyPlugin {
  const slow = new WeakSet<object>();
  return {
    transformQuery({ node, queryId }: { node: RootOperationNode; queryId: object }) {
      if (
        node.kind === 'SelectQueryNode' &&
        JSON.stringify(node.from).includes('report_submissions')
      )
        slow.add(queryId);
      return node;
    },
    async transformResult({
      result,
      queryId,
    }: {
      result: QueryResult<UnknownRow>;
      queryId: object;
    }): Promise<QueryResult<UnknownRow>> {
      if (slow.has(queryId)) await new Promise((resolve) => setTimeout(resolve, ms));
      return result;
    },
  };
}

describe.each(testDialects())('reporting races on $name', (dialect) => {
  let t: TestApp;
  let base: string;
  let county: SignedIn;
  let city: SignedIn;
  let department: SignedIn;
  let slowApp: AppInstance;
  let slowBase: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = await listen(t);
    // A second app process on the same database whose reads of submissions are slow.
    slowApp = await buildApp({ ...t.ctx, db: t.ctx.db.withPlugin(slowSubmissionReads(400)) });
    await slowApp.listen({ host: '127.0.0.1', port: 0 });
    slowBase = `http://127.0.0.1:${(slowApp.server.address() as { port: number }).port}`;
    county = await t.login('county');
    city = await t.login('city');
    department = await t.login('department');
  });
  afterAll(async () => {
    await slowApp.close();
    await t.close();
  });

  const cell = (elementCode: string) => ({ elementCode, unitCode: MEIXIAN, period: MONTH });
  const save = (who: SignedIn, values: unknown[]) =>
    request(base, who, 'PUT', '/api/reporting/values', { values });
  const stored = (elementCode: string) =>
    t.ctx.db
      .selectFrom('data_values')
      .selectAll()
      .where('element_code', '=', elementCode)
      .where('unit_code', '=', MEIXIAN)
      .where('period', '=', MONTH)
      .executeTakeFirst();
  const key = { formCode: JOBS, unitCode: MEIXIAN, period: MONTH };
  const transition = (who: SignedIn, action: string, reason?: string) =>
    request(base, who, 'POST', `/api/reporting/submissions/${action}`, {
      ...key,
      ...(reason ? { reason } : {}),
    });

  it('lets exactly one of eight simultaneous edits from the same version win; the rest get 409', async () => {
    const element = 'emp.urban-new-jobs';
    const first = await save(county, [{ ...cell(element), value: 100, baseVersion: 0 }]);
    expect(first.status).toBe(200);
    const editors = [county, city, county, city, county, city, county, city];
    const answers = await Promise.all(
      editors.map((who, i) => save(who, [{ ...cell(element), value: 200 + i, baseVersion: 1 }])),
    );
    const codes = answers.map((a) => a.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    const winner = codes.indexOf(200);
    const row = await stored(element);
    expect(row).toMatchObject({ value: 200 + winner, version: 2 });
    for (const loser of answers.filter((a) => a.status === 409))
      expect(loser.json()).toMatchObject({ code: 'VALUE_CONFLICT' });
  });

  it('never changes a value after its approval, however edits and the approval interleave', async () => {
    const element = 'emp.reemployed';
    expect((await save(county, [{ ...cell(element), value: 1 }])).status).toBe(200);
    for (let round = 0; round < ROUNDS; round++) {
      // Edits without a base version (last writer wins) race submit → approve; the first edit
      // goes through the slow process, so it is mid-transaction when the approval runs.
      const edits = Array.from({ length: 6 }, (_, i) =>
        request(i === 0 ? slowBase : base, county, 'PUT', '/api/reporting/values', {
          values: [{ ...cell(element), value: round * 100 + i + 2 }],
        }),
      );
      const approval = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const submitted = await transition(county, 'submit');
        const approved = await transition(city, 'approve');
        return [submitted.status, approved.status];
      })();
      const [codes, ...edited] = await Promise.all([approval, ...edits]);
      expect(codes).toEqual([200, 200]);
      // Saved, refused as locked, or (on PostgreSQL) beaten to the row by another edit.
      for (const e of edited) expect([200, 409, 423]).toContain(e.status);

      // In commit order (the audit chain), no save may follow the approval of its submission.
      const events = await t.ctx.db
        .selectFrom('audit_events')
        .select(['seq', 'action', 'details'])
        .where('action', 'in', ['data.save', 'reporting.approve'])
        .orderBy('seq', 'desc')
        .limit(20)
        .execute();
      const approveSeq = events.find((e) => e.action === 'reporting.approve')!.seq;
      expect(events.filter((e) => e.action === 'data.save' && e.seq > approveSeq)).toEqual([]);
      const row = await stored(element);
      expect(row?.status).toBe('approved');
      const last = await t.ctx.db
        .selectFrom('data_value_history')
        .select(['new_value', 'version'])
        .where('element_code', '=', element)
        .where('unit_code', '=', MEIXIAN)
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ value: last.new_value, version: last.version });
      // Locked now: a late edit is refused.
      expect((await save(county, [{ ...cell(element), value: 999 }])).status).toBe(423);
      // The department reopens it for the next round.
      expect((await transition(department, 'reopen', `第${round + 1}轮核实`)).status).toBe(200);
    }
  });
});
