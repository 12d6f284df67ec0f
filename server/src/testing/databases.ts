// Real databases for tests: every suite runs on SQLite, and on PostgreSQL when
// TEST_DATABASE_URL is set. In CI a missing PostgreSQL is a failure, never a silent skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, openSqlite, type Database, type DialectName } from '../db/database';
import { migrateToLatest } from '../db/migrate';

export interface TestDatabase extends Database {
  dataDir: string;
}

export interface TestDialect {
  name: DialectName;
  /** A fresh, migrated, empty database of its own. */
  create(): Promise<TestDatabase>;
}

export function testDialects(): TestDialect[] {
  const dialects: TestDialect[] = [{ name: 'sqlite', create: createSqlite }];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) dialects.push({ name: 'postgres', create: () => createPostgres(pgUrl) });
  else if (process.env.CI)
    throw new Error('CI must set TEST_DATABASE_URL: PostgreSQL tests may not be skipped');
  return dialects;
}

export function tempDir(prefix = 'minsheng-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createSqlite(): Promise<TestDatabase> {
  const dataDir = tempDir();
  const database = openSqlite(path.join(dataDir, 'minsheng.sqlite'));
  await migrateToLatest(database);
  return {
    ...database,
    dataDir,
    destroy: async () => {
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new, migrated PostgreSQL database next to `adminUrl`'s; destroy() drops it. Tests use a
 * small pool; benchmarks ask for production's.
 */
export async function createPostgres(
  adminUrl: string,
  options: { poolSize?: number; prefix?: string } = {},
): Promise<TestDatabase> {
  const name = `${options.prefix ?? 'minsheng_t'}_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), options.poolSize ?? 5);
  await migrateToLatest(database);
  const dataDir = tempDir(options.prefix ? `${options.prefix}-` : undefined);
  return {
    ...database,
    dataDir,
    destroy: async () => {
      await database.destroy();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
