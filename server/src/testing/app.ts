// The real app on a real, freshly bootstrapped database (Guangdong plan, one account per
// role), for API tests through `app.inject`.
import { buildApp, type AppInstance } from '../app';
import { loadConfig, type AppConfig } from '../config';
import { createContext, type AppContext } from '../context';
import type { Role } from '../db/schema';
import { bootstrap, type Credential } from '../modules/setup/bootstrap';
import type { TestDatabase, TestDialect } from './databases';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request. */
  headers: Record<string, string>;
}

export interface TestApp {
  app: AppInstance;
  ctx: AppContext;
  database: TestDatabase;
  users: Record<Role, Credential>;
  login(role: Role): Promise<SignedIn>;
  close(): Promise<void>;
}

export async function createTestApp(
  dialect: TestDialect,
  overrides: Partial<AppConfig> = {},
  buildOptions: { webDistDir?: string | null } = {},
): Promise<TestApp> {
  const database = await dialect.create();
  const result = await bootstrap(database, { dataDir: database.dataDir, demo: false });
  const defaults = loadConfig();
  const config: AppConfig = {
    ...defaults,
    // Tests that age sessions in the database see the change at once; caching has its own test.
    session: { ...defaults.session, cacheSeconds: 0 },
    dataDir: database.dataDir,
    webDistDir: buildOptions.webDistDir ?? null,
    ...overrides,
  };
  const ctx = await createContext(config, database);
  const app = await buildApp(ctx);
  // One account per role; the first of a role wins (the department is 省人力资源社会保障厅).
  const users = {} as Record<Role, Credential>;
  for (const c of result.credentials) users[c.role] ??= c;

  const login = async (role: Role): Promise<SignedIn> => {
    const { username, password } = users[role];
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200)
      throw new Error(`login as ${role} failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const { csrfToken } = res.json<{ csrfToken: string }>();
    return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
  };

  return {
    app,
    ctx,
    database,
    users,
    login,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
