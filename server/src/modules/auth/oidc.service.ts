// Single sign-on through the digital-government identity platform (OpenID Connect, code flow
// with PKCE, state and nonce). An external subject signs in only as the local account an
// administrator linked it to; nobody gets an account, let alone privileges, by signing in.
import * as oidc from 'openid-client';
import type { Kysely } from 'kysely';
import type { OidcConfig } from '../../config';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { AppError, badRequest } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { findByUsername } from '../users/users.repository';
import { startSession, type ClientInfo, type ResolvedSession } from './auth.service';

/** How long a started login may take at the identity provider. */
export const OIDC_LOGIN_TTL_SECONDS = 600;

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's discovered metadata, fetched once per process (retried after a failure). */
function providerConfiguration(config: OidcConfig): Promise<oidc.Configuration> {
  const key = `${config.issuer} ${config.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    // Plain HTTP only towards this machine (a test or a local provider), never across a network.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    found = oidc.discovery(
      issuer,
      config.clientId,
      config.clientSecret || undefined,
      undefined,
      loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {},
    );
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

function requireOidc(ctx: AppContext): OidcConfig {
  if (!ctx.config.oidc) throw new AppError(404, 'OIDC_DISABLED', '未启用统一身份认证登录');
  return ctx.config.oidc;
}

/** Same-site paths only: the login never sends the browser to another origin. */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next.slice(0, 300);
}

/** Starts a login: remembers the PKCE verifier and nonce under a fresh state, returns the URL. */
export async function beginOidcLogin(
  ctx: AppContext,
  next: string | undefined,
): Promise<{ url: string; state: string }> {
  const config = requireOidc(ctx);
  const provider = await providerConfiguration(config).catch(() => {
    throw new AppError(502, 'OIDC_UNAVAILABLE', '统一身份认证平台暂时无法访问，请稍后再试');
  });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = new Date();
  const expired = new Date(now.getTime() - OIDC_LOGIN_TTL_SECONDS * 1000).toISOString();
  await ctx.db.deleteFrom('oidc_logins').where('created_at', '<', expired).execute();
  await ctx.db
    .insertInto('oidc_logins')
    .values({
      state,
      code_verifier: codeVerifier,
      nonce,
      next_path: safeNextPath(next),
      created_at: now.toISOString(),
    })
    .execute();
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUrl,
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

export interface OidcCallback {
  /** The query string the provider sent the browser back with. */
  search: string;
  /** The state kept in the browser's cookie: binds the answer to the browser that asked. */
  browserState: string | undefined;
  previousToken: string | undefined;
}

/** Finishes a login: checks state, exchanges the code, verifies the ID token, opens a session. */
export async function finishOidcLogin(
  ctx: AppContext,
  callback: OidcCallback,
  client: ClientInfo,
): Promise<{ token: string; session: ResolvedSession; nextPath: string }> {
  const config = requireOidc(ctx);
  const currentUrl = new URL(config.redirectUrl);
  currentUrl.search = callback.search;
  const state = currentUrl.searchParams.get('state');
  const fail = async (reason: string, details: Record<string, unknown> = {}) => {
    await recordAudit(ctx.db, {
      action: 'auth.login',
      outcome: 'failed',
      ip: client.ip,
      details: { method: 'oidc', reason, ...details },
    });
  };

  const pending =
    state && state === callback.browserState
      ? await ctx.db
          .deleteFrom('oidc_logins')
          .where('state', '=', state)
          .returningAll()
          .executeTakeFirst()
      : undefined;
  const fresh =
    pending && Date.now() - new Date(pending.created_at).getTime() < OIDC_LOGIN_TTL_SECONDS * 1000;
  if (!pending || !fresh) {
    await fail('state');
    throw badRequest('OIDC_STATE', '登录状态无效或已过期，请重新发起统一身份认证登录');
  }

  let claims: { sub: string; preferred_username?: unknown } | undefined;
  try {
    const provider = await providerConfiguration(config);
    const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state!,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    await fail('exchange', { error: error instanceof Error ? error.message.slice(0, 200) : '' });
    throw new AppError(401, 'OIDC_FAILED', '统一身份认证未通过，请重新登录');
  }
  if (!claims) throw new AppError(401, 'OIDC_FAILED', '统一身份认证未通过，请重新登录');

  const issuer = (await providerConfiguration(config)).serverMetadata().issuer;
  const user = await linkedUser(ctx.db, issuer, claims.sub);
  if (!user) {
    await recordAudit(ctx.db, {
      action: 'auth.login',
      outcome: 'denied',
      username: typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
      ip: client.ip,
      details: { method: 'oidc', reason: 'unlinked', issuer, subject: claims.sub },
    });
    throw new AppError(
      403,
      'OIDC_UNLINKED',
      '该统一身份认证账号尚未关联本平台账户，请联系系统管理员开通',
    );
  }
  const opened = await startSession(ctx, user, client, callback.previousToken, {
    method: 'oidc',
    issuer,
    subject: claims.sub,
  });
  return { ...opened, nextPath: pending.next_path };
}

async function linkedUser(db: Kysely<DB>, issuer: string, subject: string) {
  return db
    .selectFrom('oidc_links')
    .innerJoin('users', 'users.id', 'oidc_links.user_id')
    .select(['users.id', 'users.username', 'users.unit_code'])
    .where('oidc_links.issuer', '=', issuer)
    .where('oidc_links.subject', '=', subject)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

/** Links an external subject to an existing local account (an administrator's decision). */
export async function linkOidcSubject(
  db: Kysely<DB>,
  link: { issuer: string; subject: string; username: string },
  by: string,
): Promise<void> {
  const user = await findByUsername(db, link.username);
  if (!user)
    throw badRequest('USER_UNKNOWN', `用户不存在：${link.username}`, [
      { field: 'username', message: '用户不存在' },
    ]);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('oidc_links')
      .values({
        issuer: link.issuer,
        subject: link.subject,
        user_id: user.id,
        created_at: new Date().toISOString(),
        created_by: by,
      })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ user_id: user.id }))
      .execute();
    await recordAudit(trx, {
      action: 'user.oidc-link',
      username: by,
      targetType: 'user',
      targetId: user.id,
      details: { issuer: link.issuer, subject: link.subject },
    });
  });
}
