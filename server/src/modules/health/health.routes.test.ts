import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { loadConfig } from '../../config';

describe.each(testDialects())('health, metrics and API docs on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('reports liveness and readiness with the database engine', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: dialect.name,
    });
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await t.app.inject({ url: '/healthz' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('minsheng_http_request_duration_seconds_bucket');
    expect(res.body).toContain('minsheng_process_cpu_seconds_total');
  });

  it('leaves /metrics open when no token is configured outside production', async () => {
    expect(t.ctx.config.metricsToken).toBeNull();
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('documents the API as OpenAPI at /api/docs', async () => {
    const spec = (await t.app.inject({ url: '/api/docs/json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/plan', '/api/org-units', '/api/users']),
    );
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers unknown API paths with a Chinese JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '请求的资源不存在' });
  });
});

describe.each(testDialects())('/metrics behind METRICS_TOKEN on $name', (dialect) => {
  const token = 'scrape-secret-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { metricsToken: token, production: true });
  });
  afterAll(() => t.close());

  it('answers 401 without the bearer token or with a wrong one, and serves it with the token', async () => {
    const none = await t.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.body).not.toContain('minsheng_');
    for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, 'Basic x'])
      expect((await t.app.inject({ url: '/metrics', headers: { authorization } })).statusCode).toBe(
        401,
      );
    const ok = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('minsheng_http_request_duration_seconds_bucket');
  });

  it('keeps /healthz and /readyz open for load balancers', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});

describe.each(testDialects())('/metrics in production without a token on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { metricsToken: null, production: true });
  });
  afterAll(() => t.close());

  it('refuses /metrics (403) rather than publish it', async () => {
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'METRICS_DISABLED' });
  });
});

describe('metrics configuration', () => {
  it('reads METRICS_TOKEN and NODE_ENV', () => {
    expect(loadConfig({ METRICS_TOKEN: 'x', NODE_ENV: 'production' })).toMatchObject({
      metricsToken: 'x',
      production: true,
    });
    expect(loadConfig({})).toMatchObject({ metricsToken: null, production: false });
  });
});
