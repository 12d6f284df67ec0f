// A listening server for the browser suite: the built web app (web/dist) and the API on a
// random port, on a fresh SQLite database with the plan and one account per role.
import path from 'node:path';
import { REPO_ROOT } from '../config';
import type { AppContext } from '../context';
import type { Role } from '../db/schema';
import { testDialects } from './databases';
import { createTestApp } from './app';

export interface TestServer {
  url: string;
  users: Record<Role, { username: string; password: string }>;
  /** The server's own context, for arranging data a test cannot make through the UI (the past). */
  ctx: AppContext;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
  const test = await createTestApp(sqlite, {}, { webDistDir: path.join(REPO_ROOT, 'web', 'dist') });
  const address = await test.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, users: test.users, ctx: test.ctx, close: () => test.close() };
}
