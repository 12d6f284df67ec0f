// The per-IP limit holds across app processes: two app instances on one database (and, when
// Redis is reachable, on one Redis) share the count.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppInstance } from '../../app';
import { createContext } from '../../context';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { createOpenSurvey, openAsCitizen, submit, type SurveyFixture } from './surveys.fixtures';
import { RedisRateLimiter } from './rate-limit';

const LIMIT = 3;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
const haveRedis = await redisReachable();
if (!haveRedis && process.env.CI) throw new Error(`CI needs Redis at ${REDIS_URL}`);

const stores = [
  ...testDialects().map((d) => ({
    name: `database (${d.name})`,
    dialect: d,
    redis: undefined as string | undefined,
  })),
  ...(haveRedis ? [{ name: 'redis', dialect: testDialects()[0]!, redis: REDIS_URL }] : []),
];

describe.each(stores)('survey rate limit shared by two app instances: $name', (store) => {
  let t: TestApp;
  let second: AppInstance;
  let f: SurveyFixture;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.SURVEY_SUBMITS_PER_MINUTE = String(LIMIT);
    if (store.redis) process.env.REDIS_URL = store.redis;
    else delete process.env.REDIS_URL;
    t = await createTestApp(store.dialect);
    // A second process-like instance: its own context and limiter, the same database/data dir.
    second = await buildApp(await createContext(t.ctx.config, t.database));
    f = await createOpenSurvey(t);
  });
  afterAll(async () => {
    process.env = saved;
    await second?.close();
    await t?.close();
  });

  it(`refuses the ${LIMIT + 1}th submission from one IP, whichever instance gets it`, async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const other = { ...t, app: second };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const target = i % 2 === 0 ? t : other;
      const cookie = await openAsCitizen(target, f, ip);
      const res = await submit(target, f, cookie, { q1: 4, q3: 'no' }, ip);
      statuses.push(res.statusCode);
      if (res.statusCode === 429)
        expect(res.json<{ message: string }>().message).toBe('提交过于频繁，请稍后再试');
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    // Another IP is unaffected.
    const cookie = await openAsCitizen(t, f, '198.51.100.251');
    expect(
      (await submit({ ...t, app: second }, f, cookie, { q1: 4, q3: 'no' }, '198.51.100.251'))
        .statusCode,
    ).toBe(201);
  });
});

describe.skipIf(!haveRedis)('RedisRateLimiter', () => {
  it('counts per key and window', async () => {
    const a = new RedisRateLimiter(REDIS_URL);
    const b = new RedisRateLimiter(REDIS_URL);
    const key = `test-${Date.now()}-${Math.random()}`;
    try {
      expect(await a.hit(key, 2, 60)).toBe(true);
      expect(await b.hit(key, 2, 60)).toBe(true);
      expect(await a.hit(key, 2, 60)).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
