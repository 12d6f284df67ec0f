// Runtime configuration from the environment, with embedded defaults that need nothing installed.
import path from 'node:path';

export interface AppConfig {
  /** Where the SQLite file, initial credentials and backups live. */
  dataDir: string;
  /** PostgreSQL connection string; unset means the embedded SQLite database in dataDir. */
  databaseUrl: string | null;
  host: string;
  port: number;
  /** Served over HTTPS (behind a TLS proxy): Secure cookies, HSTS, upgrade-insecure-requests. */
  https: boolean;
  /** Built web app to serve; null disables static serving. */
  webDistDir: string | null;
  logLevel: string;
  /** cacheSeconds: how long a process may reuse a resolved session (0 disables). */
  session: { idleMinutes: number; absoluteHours: number; cacheSeconds: number };
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; lockMinutes: number };
  /** Single sign-on through the government identity platform (OpenID Connect); null = off. */
  oidc: OidcConfig | null;
  /** Bearer token /metrics requires (METRICS_TOKEN); null = open, except in production. */
  metricsToken: string | null;
  /** NODE_ENV=production: /metrics is closed unless a token is configured. */
  production: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This app's callback, e.g. https://minsheng.example.gov.cn/api/auth/oidc/callback */
  redirectUrl: string;
}

function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.MINSHENG_OIDC_ISSUER;
  const clientId = env.MINSHENG_OIDC_CLIENT_ID;
  const redirectUrl = env.MINSHENG_OIDC_REDIRECT_URL;
  if (!issuer || !clientId || !redirectUrl) return null;
  return { issuer, clientId, clientSecret: env.MINSHENG_OIDC_CLIENT_SECRET ?? '', redirectUrl };
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    dataDir: path.resolve(env.MINSHENG_DATA_DIR ?? path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || null,
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 8080),
    https: env.MINSHENG_HTTPS === 'true',
    webDistDir: path.join(repoRoot, 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    session: { idleMinutes: 30, absoluteHours: 12, cacheSeconds: 5 },
    login: { maxFailuresPerAccount: 5, maxFailuresPerIp: 20, lockMinutes: 15 },
    oidc: oidcConfig(env),
    metricsToken: env.METRICS_TOKEN || null,
    production: env.NODE_ENV === 'production',
  };
}

export const REPO_ROOT = repoRoot;
