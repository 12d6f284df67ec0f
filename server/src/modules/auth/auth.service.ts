// Login, sessions and the actor behind a request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors';
import type { Actor } from '../../common/policy';
import type { AppContext } from '../../context';
import type { Role } from '../../db/schema';
import { recordAudit } from '../audit/audit.service';
import * as users from '../users/users.repository';
import * as repo from './auth.repository';
import { dummyPasswordHash, verifyPassword } from './password';
import { accountKey, afterFailure, ipKey, isLocked } from './throttle';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
  actor: Actor;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; previousToken?: string },
  client: ClientInfo,
): Promise<{ token: string; session: ResolvedSession }> {
  const now = new Date();
  const username = input.username.trim();
  const limits = ctx.config.login;
  const keys = [accountKey(username), ...(client.ip ? [ipKey(client.ip)] : [])];
  const throttle = await repo.getThrottle(ctx.db, keys);
  if (keys.some((k) => isLocked(throttle.get(k), now))) {
    await recordAudit(ctx.db, {
      action: 'auth.login',
      outcome: 'denied',
      username,
      ip: client.ip,
      details: { reason: 'locked' },
    });
    throw new AppError(
      423,
      'AUTH_LOCKED',
      `登录失败次数过多，已锁定${limits.lockMinutes}分钟，请稍后再试或联系管理员`,
    );
  }

  const user = await users.findByUsername(ctx.db, username);
  const ok = user
    ? user.disabled === 0 && (await verifyPassword(user.password_hash, input.password))
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);

  if (!user || !ok) {
    await repo.putThrottle(
      ctx.db,
      keys[0]!,
      afterFailure(throttle.get(keys[0]!), now, limits.maxFailuresPerAccount, limits.lockMinutes),
    );
    if (keys[1])
      await repo.putThrottle(
        ctx.db,
        keys[1],
        afterFailure(throttle.get(keys[1]), now, limits.maxFailuresPerIp, limits.lockMinutes),
      );
    await recordAudit(ctx.db, { action: 'auth.login', outcome: 'failed', username, ip: client.ip });
    throw new AppError(401, 'AUTH_INVALID', '用户名或密码错误');
  }

  await repo.clearThrottle(ctx.db, keys[0]!);
  return startSession(ctx, user, client, input.previousToken);
}

/**
 * Opens a new session for an authenticated account (password or single sign-on): the session
 * the browser came with (if any) ends and a new id is issued, so a planted id is worthless.
 */
export async function startSession(
  ctx: AppContext,
  user: { id: number; username: string; unit_code: string | null },
  client: ClientInfo,
  previousToken?: string,
  auditDetails?: Record<string, unknown>,
): Promise<{ token: string; session: ResolvedSession }> {
  if (previousToken) {
    const previousId = hashToken(previousToken);
    ctx.sessions.delete(previousId);
    await repo.deleteSession(ctx.db, previousId);
  }
  const token = newToken();
  const at = new Date().toISOString();
  const sessionId = hashToken(token);
  const csrfToken = newToken();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(trx, {
      action: 'auth.login',
      actor: { userId: user.id, username: user.username },
      ip: client.ip,
      unitCode: user.unit_code,
      ...(auditDetails ? { details: auditDetails } : {}),
    });
  });
  const session = await resolveSession(ctx, token);
  if (!session) throw new Error('session vanished right after login');
  return { token, session };
}

/** The session behind a cookie token, or null if unknown, idle too long or too old. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const cached = ctx.sessions.get(id);
  if (cached) return cached;
  const session = await loadSession(ctx, id);
  if (session) ctx.sessions.set(id, session);
  return session;
}

async function loadSession(ctx: AppContext, id: string): Promise<ResolvedSession | null> {
  const row = await repo.findSessionWithUser(ctx.db, id);
  if (!row || row.disabled !== 0) return null;
  const now = Date.now();
  const { idleMinutes, absoluteHours } = ctx.config.session;
  const idleFor = now - new Date(row.last_seen_at).getTime();
  const age = now - new Date(row.created_at).getTime();
  if (idleFor > idleMinutes * 60_000 || age > absoluteHours * 3_600_000) {
    await repo.deleteSession(ctx.db, row.id);
    return null;
  }
  // One write a minute at most keeps the idle clock right without a write per request.
  if (idleFor > 60_000) await repo.touchSession(ctx.db, row.id, new Date(now).toISOString());
  const user: SessionUser = {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    unitName: row.unit_code ? (ctx.orgs.get(row.unit_code)?.name ?? null) : null,
  };
  return { sessionId: row.id, csrfToken: row.csrf_token, user, actor: await buildActor(ctx, user) };
}

export async function buildActor(ctx: AppContext, user: SessionUser): Promise<Actor> {
  const base = {
    userId: user.id,
    username: user.username,
    role: user.role,
    unitCode: user.unitCode,
  };
  switch (user.role) {
    case 'sysadmin':
    case 'supervisor':
      return { ...base, unitScope: 'all', domainScope: 'all' };
    case 'viewer':
      return {
        ...base,
        unitScope: user.unitCode ? ctx.orgs.subtree(user.unitCode) : 'all',
        domainScope: 'all',
      };
    case 'department':
      return {
        ...base,
        unitScope: 'all',
        domainScope: user.unitCode ? await ctx.plans.domainsLedBy(user.unitCode) : new Set(),
      };
    case 'city':
    case 'county':
      return {
        ...base,
        unitScope: user.unitCode ? ctx.orgs.subtree(user.unitCode) : new Set(),
        domainScope: 'all',
      };
  }
}

export async function logout(
  ctx: AppContext,
  session: ResolvedSession,
  ip: string | null,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    ctx.sessions.delete(session.sessionId);
    await repo.deleteSession(trx, session.sessionId);
    await recordAudit(trx, { action: 'auth.logout', actor: session.actor, ip });
  });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
