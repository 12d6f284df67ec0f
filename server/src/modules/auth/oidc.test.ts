// 统一身份认证登录 against a real OpenID Connect provider on loopback, over real HTTP.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import {
  CookieJar,
  follow,
  startIdentityProvider,
  type TestIdentityProvider,
} from '../../testing/identity-provider';
import { linkOidcSubject } from './oidc.service';

describe.each(testDialects())('OIDC single sign-on on $name', (dialect) => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let base: string;
  const callbackPath = '/api/auth/oidc/callback';
  const isCallback = (url: URL) => url.pathname === callbackPath;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    idp = await startIdentityProvider(`${base}${callbackPath}`);
    t.ctx.config.oidc = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: `${base}${callbackPath}`,
    };
    await linkOidcSubject(
      t.ctx.db,
      { issuer: idp.issuer, subject: 'gov-4414-0001', username: t.users.city.username },
      'test',
    );
  });
  afterAll(async () => {
    await idp.close();
    await t.close();
  });

  async function signIn(subject: string, jar = new CookieJar(), next = '/supervision') {
    idp.signInAs(subject);
    const { response } = await follow(
      `${base}/api/auth/oidc/login?next=${encodeURIComponent(next)}`,
      jar,
      isCallback,
    );
    return { response: response! };
  }

  it('tells the login page that single sign-on is on', async () => {
    const res = await fetch(`${base}/api/auth/oidc`);
    expect(await res.json()).toEqual({ enabled: true });
  });

  it('starts with PKCE, state and nonce', async () => {
    const res = await fetch(`${base}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce'])
      expect(to.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(res.headers.get('set-cookie')).toMatch(/minsheng_oidc_state=.*HttpOnly/i);
  });

  it('signs a linked subject in as its local account, rotating the session, audited', async () => {
    const jar = new CookieJar();
    const planted = await t.login('viewer');
    jar.set('minsheng_session', planted.cookie.split('=')[1]!);
    const { response } = await signIn('gov-4414-0001', jar);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/supervision');
    const session = jar.get('minsheng_session');
    expect(session).toBeTruthy();
    expect(session).not.toBe(planted.cookie.split('=')[1]);
    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: jar.header() } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: t.users.city.username, role: 'city' });
    // The session the browser came with is gone.
    const old = await fetch(`${base}/api/auth/me`, { headers: { cookie: planted.cookie } });
    expect(old.status).toBe(401);
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.actor_username).toBe(t.users.city.username);
    expect(JSON.parse(event.details)).toMatchObject({ method: 'oidc', subject: 'gov-4414-0001' });
  });

  it('refuses an unknown subject with 403 in Chinese, creates nothing, audits the denial', async () => {
    const usersBefore = await t.ctx.db.selectFrom('users').select('id').execute();
    const jar = new CookieJar();
    const { response } = await signIn('stranger-99', jar);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: 'OIDC_UNLINKED',
      message: expect.stringContaining('尚未关联'),
    });
    expect(jar.get('minsheng_session')).toBeUndefined();
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(
      usersBefore.length,
    );
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'denied')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.details)).toMatchObject({ reason: 'unlinked', subject: 'stranger-99' });
  });

  it('refuses a callback from another browser (no state cookie) and a replayed code', async () => {
    idp.signInAs('gov-4414-0001');
    const jar = new CookieJar();
    const { url } = await follow(`${base}/api/auth/oidc/login`, jar, () => false, isCallback);
    // Another browser presents the same callback URL without the state cookie.
    const stranger = await fetch(url, { redirect: 'manual' });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).code).toBe('OIDC_STATE');
    // The right browser still can, once; the replay fails because the state is used up.
    const first = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(first.status).toBe(302);
    const replay = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(replay.status).toBe(400);
  });

  it('keeps the redirect after login on this site', async () => {
    const { response } = await signIn('gov-4414-0001', new CookieJar(), '//evil.example/x');
    expect(response.headers.get('location')).toBe('/');
  });

  it('is off, and says so, without configuration', async () => {
    const saved = t.ctx.config.oidc;
    t.ctx.config.oidc = null;
    try {
      expect(await (await fetch(`${base}/api/auth/oidc`)).json()).toEqual({ enabled: false });
      const res = await fetch(`${base}/api/auth/oidc/login`, { redirect: 'manual' });
      expect(res.status).toBe(404);
    } finally {
      t.ctx.config.oidc = saved;
    }
  });
});
