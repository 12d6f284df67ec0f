import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';

describe.each(testDialects())('auth API on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const loginAs = (username: string, password: string, ip = '10.0.0.1', cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: ip,
      headers: cookie ? { cookie } : {},
    });

  it('signs in with an HttpOnly, SameSite session cookie and returns the user', async () => {
    const { username, password } = t.users.city;
    const res = await loginAs(username, password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/minsheng_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.json()).toMatchObject({
      user: { username, role: 'city', unitCode: '441400', unitName: '梅州市' },
      csrfToken: expect.any(String),
    });
  });

  it('refuses a wrong password in Chinese and audits the failure', async () => {
    const res = await loginAs(t.users.viewer.username, 'wrong-password-123', '10.0.0.2');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'AUTH_INVALID', message: '用户名或密码错误' });
    const failed = await t.ctx.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'auth.login')
      .where('actor_username', '=', t.users.viewer.username)
      .execute();
    expect(failed.map((e) => e.outcome)).toContain('failed');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await loginAs('nobody-here', 'whatever-password', '10.0.0.3');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_INVALID');
  });

  it('locks an account for 15 minutes after 5 failures, even for the right password', async () => {
    const { username, password } = t.users.county;
    for (let i = 0; i < 5; i++)
      expect((await loginAs(username, `bad-password-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await loginAs(username, password, '10.1.0.99');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('15分钟');
    await t.ctx.db.deleteFrom('login_throttle').execute();
    expect((await loginAs(username, password, '10.1.0.99')).statusCode).toBe(200);
  });

  it('locks a source IP that sprays many accounts, without locking those accounts elsewhere', async () => {
    const sprayer = '10.2.0.1';
    for (let i = 0; i < 20; i++) await loginAs(`user-${i}`, 'bad-password-xx', sprayer);
    expect(
      (await loginAs(t.users.supervisor.username, t.users.supervisor.password, sprayer)).statusCode,
    ).toBe(423);
    expect(
      (await loginAs(t.users.supervisor.username, t.users.supervisor.password, '10.2.0.2'))
        .statusCode,
    ).toBe(200);
    await t.ctx.db.deleteFrom('login_throttle').execute();
  });

  it('rotates the session at login: the old cookie stops working', async () => {
    const { username, password } = t.users.viewer;
    const first = String((await loginAs(username, password)).headers['set-cookie']).split(';')[0]!;
    const second = await loginAs(username, password, '10.0.0.1', first);
    const secondCookie = String(second.headers['set-cookie']).split(';')[0]!;
    expect(secondCookie).not.toBe(first);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: first } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: secondCookie } })).statusCode,
    ).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const a = await t.login('viewer');
    const b = await t.login('viewer');
    const old = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    const sessions = await t.ctx.db
      .selectFrom('sessions')
      .select('id')
      .orderBy('created_at', 'desc')
      .limit(2)
      .execute();
    await t.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: old(31) })
      .where('id', '=', sessions[1]!.id)
      .execute();
    await t.ctx.db
      .updateTable('sessions')
      .set({ created_at: old(12 * 60 + 1), last_seen_at: old(1) })
      .where('id', '=', sessions[0]!.id)
      .execute();
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(401);
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = await t.login('supervisor');
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });

  it('explains a malformed login body field by field, in Chinese', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      message: '请求体中字段“password”为必填项',
    });
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().message).toBe('请求体不是有效的 JSON');
  });

  it('changes a password, ending the user’s other sessions but not this one', async () => {
    const here = await t.login('department');
    const elsewhere = await t.login('department');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: {
        currentPassword: t.users.department.password,
        newPassword: 'a-new-long-password-2026',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: here.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: elsewhere.cookie } }))
        .statusCode,
    ).toBe(401);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: { currentPassword: 'a-new-long-password-2026', newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      code: 'PASSWORD_TOO_SHORT',
      details: [{ field: 'newPassword' }],
    });
    t.users.department.password = 'a-new-long-password-2026';
  });
});

describe.each(testDialects())('session cache on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      session: { idleMinutes: 30, absoluteHours: 12, cacheSeconds: 60 },
    });
  });
  afterAll(() => t.close());

  const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } });

  it('serves a cached session without the database, and evicts it at logout', async () => {
    const s = await t.login('viewer');
    expect((await me(s.cookie)).statusCode).toBe(200);
    await t.ctx.db
      .updateTable('users')
      .set({ display_name: 'changed' })
      .where('username', '=', t.users.viewer.username)
      .execute();
    expect((await me(s.cookie)).json().user.displayName).not.toBe('changed');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers }))
        .statusCode,
    ).toBe(204);
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('evicts the other sessions of a user whose password changes', async () => {
    const here = await t.login('city');
    const elsewhere = await t.login('city');
    expect((await me(elsewhere.cookie)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: { currentPassword: t.users.city.password, newPassword: 'another-long-password-1' },
    });
    expect(res.statusCode).toBe(204);
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);
    expect((await me(here.cookie)).statusCode).toBe(200);
  });
});
