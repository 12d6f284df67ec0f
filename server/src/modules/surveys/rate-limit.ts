// Per-IP rate limits for the public survey that hold across app processes: Redis when
// REDIS_URL is set, otherwise a fixed-window counter row per key in the shared database.
import { sql, type Kysely } from 'kysely';
import { Redis } from 'ioredis';
import type { DB } from '../../db/schema';

export interface RateLimiter {
  /**
   * Counts one hit; true while the key is within `limit` hits per window. `trx` lets the
   * database limiter count inside the caller's transaction (one commit per response).
   */
  hit(key: string, limit: number, windowSeconds: number, trx?: Kysely<DB>): Promise<boolean>;
  /** Whether a hit made inside a transaction is undone when that transaction rolls back. */
  readonly transactional: boolean;
  close(): Promise<void>;
}

export class DatabaseRateLimiter implements RateLimiter {
  /**
   * @param transactional count inside the response's transaction. Right for SQLite (one writer
   *   anyway: one commit instead of two); wrong for PostgreSQL, where the counter row's lock
   *   would be held for the whole response and queue every citizen behind one NAT address.
   */
  constructor(
    private readonly db: Kysely<DB>,
    readonly transactional = false,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number, trx?: Kysely<DB>) {
    const windowStart = Math.floor(Date.now() / 1000 / windowSeconds) * windowSeconds;
    const row = await (trx ?? this.db)
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end`,
          window_start: sql`excluded.window_start`,
        }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count <= limit;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export class RedisRateLimiter implements RateLimiter {
  readonly transactional = false;
  private readonly redis: Redis;
  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const windowStart = Math.floor(Date.now() / 1000 / windowSeconds);
    const redisKey = `minsheng:rl:${key}:${windowStart}`;
    const result = await this.redis.multi().incr(redisKey).expire(redisKey, windowSeconds).exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    return count <= limit;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

export function createRateLimiter(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  redisUrl: string | undefined,
): RateLimiter {
  if (redisUrl) return new RedisRateLimiter(redisUrl);
  return new DatabaseRateLimiter(db, dialect === 'sqlite');
}
