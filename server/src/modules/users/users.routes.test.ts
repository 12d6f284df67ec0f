import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';

describe.each(testDialects())('users API on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const create = async (payload: Record<string, unknown>) => {
    const admin = await t.login('sysadmin');
    return t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
  };
  const base = {
    username: 'chaozhou1',
    displayName: '潮州市填报员',
    password: 'long-enough-pass-1',
    role: 'city',
    unitCode: '445100',
  };

  it('lets the administrator create an account, stored with an argon2id hash', async () => {
    const res = await create(base);
    expect(res.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'chaozhou1')
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.unit_code).toBe('445100');
  });

  it.each([
    [{ ...base, username: 'x1', password: 'short' }, 'USERNAME_INVALID', 'username'],
    [{ ...base, username: 'chaozhou2', password: 'short' }, 'PASSWORD_TOO_SHORT', 'password'],
    [{ ...base, username: 'chaozhou3', unitCode: '999999' }, 'UNIT_UNKNOWN', 'unitCode'],
    [{ ...base, username: 'chaozhou4', unitCode: '441403' }, 'UNIT_LEVEL_MISMATCH', 'unitCode'],
    [{ ...base, username: 'chaozhou5', unitCode: undefined }, 'UNIT_REQUIRED', 'unitCode'],
  ])(
    'refuses bad input with a specific error and stores nothing (%#)',
    async (payload, code, field) => {
      const before = await t.ctx.db.selectFrom('users').select('id').execute();
      const res = await create(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code, details: [{ field }] });
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    },
  );

  it('refuses a duplicate username with 409', async () => {
    const res = await create({ ...base });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('USERNAME_TAKEN');
  });

  it('forbids other roles from managing users, and audits the denial', async () => {
    const city = await t.login('city');
    const list = await t.app.inject({ url: '/api/users', headers: { cookie: city.cookie } });
    expect(list.statusCode).toBe(403);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: city.headers,
      payload: base,
    });
    expect(post.statusCode).toBe(403);
    const denied = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('outcome', '=', 'denied')
      .where('actor_username', '=', t.users.city.username)
      .execute();
    expect(denied.map((e) => e.action)).toEqual(['user.manage', 'user.manage']);
  });

  it('lists accounts for the administrator with their units', async () => {
    const admin = await t.login('sysadmin');
    const res = await t.app.inject({ url: '/api/users', headers: { cookie: admin.cookie } });
    const users = res.json<{ users: Array<{ username: string; unitName: string | null }> }>().users;
    expect(users.find((u) => u.username === t.users.city.username)?.unitName).toBe('梅州市');
    expect(JSON.stringify(users)).not.toContain('argon2');
  });
});
