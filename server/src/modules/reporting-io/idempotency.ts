// `Idempotency-Key` for the import API. The first request with a key reserves it in the
// database, runs, and stores its answer (success or a 4xx refusal); a retry with the same key
// and the same request gets that stored answer without writing again; the same key with a
// different request is refused with 422; a retry while the first is still running waits for
// its answer (up to 10 seconds, then 409), so simultaneous retries all get the same answer.
// Keys are per user and kept for 24 hours. A reservation whose request died (no answer after
// two minutes) may be taken over — imports are safe to run twice (the second finds the values
// unchanged), so that trade is harmless.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import type { Actor } from '../../common/policy';
import * as repo from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEEP_MS = 24 * 60 * 60 * 1000;
const ABANDONED_MS = 2 * 60 * 1000;
/** How long a retry waits for the first request's answer before giving up with 409. */
const WAIT_MS = 10_000;
const POLL_MS = 25;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface Answer {
  statusCode: number;
  contentType: string;
  /** Serialised body, exactly as sent. */
  body: string;
}

export interface IdempotentAnswer extends Answer {
  replayed: boolean;
}

export function requestHash(route: string, query: unknown, body: Buffer | string): string {
  return createHash('sha256')
    .update(route)
    .update('\u0000')
    .update(JSON.stringify(query ?? {}))
    .update('\u0000')
    .update(body)
    .digest('hex');
}

export function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key))
    throw new AppError(
      400,
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key 须为 1–200 个可见 ASCII 字符（建议使用 UUID）',
      [{ field: 'Idempotency-Key', message: '格式不正确' }],
    );
}

export async function idempotent(
  ctx: AppContext,
  actor: Actor,
  request: { key: string; route: string; hash: string },
  run: () => Promise<Answer>,
): Promise<IdempotentAnswer> {
  checkKey(request.key);
  const now = new Date();
  await repo.deleteExpired(ctx.db, actor.userId, new Date(now.getTime() - KEEP_MS).toISOString());
  const reserved = await repo.reserve(ctx.db, {
    user_id: actor.userId,
    key: request.key,
    route: request.route,
    request_hash: request.hash,
    state: 'pending',
    status_code: null,
    content_type: null,
    response: null,
    created_at: now.toISOString(),
    completed_at: null,
  });
  if (!reserved) {
    const replay = await existingAnswer(ctx, actor, request, now);
    if (replay) return replay;
  }
  return runAndStore(ctx, actor, request.key, run);
}

/**
 * The stored answer (waiting for it while the first request runs), or null when an abandoned
 * reservation was taken over.
 */
async function existingAnswer(
  ctx: AppContext,
  actor: Actor,
  request: { key: string; route: string; hash: string },
  now: Date,
): Promise<IdempotentAnswer | null> {
  const giveUpAt = now.getTime() + WAIT_MS;
  for (;;) {
    const row = await repo.find(ctx.db, actor.userId, request.key);
    if (!row) throw inProgress(); // deleted by a concurrent failure; the client may retry
    if (row.request_hash !== request.hash)
      throw new AppError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        `Idempotency-Key“${request.key}”已用于另一个不同的请求（${row.route}），请为新请求使用新的键`,
      );
    if (row.state === 'done')
      return {
        statusCode: row.status_code ?? 200,
        contentType: row.content_type ?? 'application/json; charset=utf-8',
        body: row.response ?? '',
        replayed: true,
      };
    const staleBefore = new Date(now.getTime() - ABANDONED_MS).toISOString();
    if (await repo.takeOver(ctx.db, actor.userId, request.key, staleBefore, now.toISOString()))
      return null;
    if (Date.now() >= giveUpAt) throw inProgress();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const inProgress = () =>
  new AppError(
    409,
    'IDEMPOTENCY_IN_PROGRESS',
    '使用同一 Idempotency-Key 的请求正在处理中，请稍后重试',
  );

async function runAndStore(
  ctx: AppContext,
  actor: Actor,
  key: string,
  run: () => Promise<Answer>,
): Promise<IdempotentAnswer> {
  let answer: Answer;
  try {
    answer = await run();
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && error.status !== 409) {
      answer = {
        statusCode: error.status,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          ...error.extra,
          code: error.code,
          message: error.userMessage,
          details: error.details,
        }),
      };
    } else {
      // Server faults and edit conflicts are not final answers: free the key for a retry.
      await repo.release(ctx.db, actor.userId, key);
      throw error;
    }
  }
  await repo.complete(ctx.db, actor.userId, key, {
    statusCode: answer.statusCode,
    contentType: answer.contentType,
    response: answer.body,
    completedAt: new Date().toISOString(),
  });
  return { ...answer, replayed: false };
}
