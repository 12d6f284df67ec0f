import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { pruneAudit, recordAudit, verifyAuditChain } from './audit.service';
import { appendBackdated, tamperAuditEvents } from './test-support';

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
    await tamperAuditEvents(t.database, row.seq, { details: '{"targets":1}' });
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({
      ok: false,
      broken: { seq: row.seq, reason: 'hash-mismatch' },
    });
  });

  it('refuses UPDATE and DELETE of audit rows in the database itself', async () => {
    const update = t.ctx.db
      .updateTable('audit_events')
      .set({ actor_username: 'mallory' })
      .where('seq', '=', 1)
      .execute();
    await expect(update).rejects.toThrow(/append-only/);
    const remove = t.ctx.db.deleteFrom('audit_events').where('seq', '=', 1).execute();
    await expect(remove).rejects.toThrow(/append-only/);
    const row = await t.ctx.db
      .selectFrom('audit_events')
      .select('actor_username')
      .where('seq', '=', 1)
      .executeTakeFirst();
    expect(row).toBeDefined();
  });
});

describe.each(testDialects())('audit retention on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('refuses to prune within the 180-day retention', async () => {
    await expect(pruneAudit(t.ctx.db, 179, 'test')).rejects.toMatchObject({
      status: 400,
      code: 'AUDIT_RETENTION',
    });
  });

  it('prunes old events only, and the chain still verifies from the anchor', async () => {
    // A fresh chain whose first events are a year old (bootstrap already wrote young ones,
    // so start from a clean database of this dialect).
    const database = await dialect.create();
    try {
      const year = new Date(Date.now() - 365 * 86_400_000);
      for (let i = 0; i < 5; i++)
        await appendBackdated(
          database.db,
          'test.old',
          new Date(year.getTime() + i * 1000).toISOString(),
        );
      await recordAudit(database.db, { action: 'test.young' });
      const result = await pruneAudit(database.db, 180, 'test');
      expect(result).toEqual({ deleted: 5, throughSeq: 5 });
      const left = await database.db.selectFrom('audit_events').select('action').execute();
      expect(left.map((r) => r.action)).toEqual(['test.young', 'audit.prune']);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, anchorSeq: 5 });
      // Nothing young is pruned by a second run, and the young events stay undeletable.
      expect(await pruneAudit(database.db, 180, 'test')).toMatchObject({ deleted: 0 });
      await expect(database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
      // Moving the anchor to hide more deletions is detected.
      await database.db.updateTable('audit_head').set({ anchor_seq: 6 }).execute();
      expect(await verifyAuditChain(database.db)).toMatchObject({
        ok: false,
        broken: { reason: 'anchor-mismatch' },
      });
    } finally {
      await database.destroy();
    }
  });

  it('detects old events deleted without a prune', async () => {
    const database = await dialect.create();
    try {
      const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
      for (let i = 0; i < 3; i++) await appendBackdated(database.db, 'test.old', old);
      await recordAudit(database.db, { action: 'test.young' });
      // The triggers let rows past the retention go, but not unseen: the chain has a hole.
      await database.db.deleteFrom('audit_events').where('seq', '<=', 2).execute();
      expect(await verifyAuditChain(database.db)).toMatchObject({
        ok: false,
        broken: { seq: 3, reason: 'gap' },
      });
    } finally {
      await database.destroy();
    }
  });
});
