import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { recordAudit, verifyAuditChain } from './audit.service';

describe.each(testDialects())('audit log on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('chains every write made so far, and concurrent appends keep the chain whole', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(t.ctx.db, { action: 'test.concurrent', username: `u${i}` }),
      ),
    );
    const result = await verifyAuditChain(t.ctx.db, 7);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(20);
  });

  it('records logins with who, when and where', async () => {
    await t.login('county');
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'ok')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_username: t.users.county.username,
      unit_code: '441403',
      ip: '127.0.0.1',
    });
    expect(event.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('serves the log and its verification to a supervisor, not to a city', async () => {
    const sup = await t.login('supervisor');
    const list = await t.app.inject({
      url: '/api/audit/events?limit=5',
      headers: { cookie: sup.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().events).toHaveLength(5);
    const verify = await t.app.inject({
      url: '/api/audit/verify',
      headers: { cookie: sup.cookie },
    });
    expect(verify.json()).toMatchObject({ ok: true });
    const city = await t.login('city');
    expect(
      (await t.app.inject({ url: '/api/audit/events', headers: { cookie: city.cookie } }))
        .statusCode,
    ).toBe(403);
  });

  it('detects an altered row and a deleted tail', async () => {
    const row = await t.ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'plan.import')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('audit_events')
      .set({ details: '{"targets":1}' })
      .where('seq', '=', row.seq)
      .execute();
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({
      ok: false,
      broken: { seq: row.seq, reason: 'hash-mismatch' },
    });
  });
});
