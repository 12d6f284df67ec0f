// The `minsheng` command as an operator runs it: a real process on a real database.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../config';
import { tempDir, testDialects, type TestDatabase } from '../testing/databases';
import { tamperAuditEvents } from '../modules/audit/test-support';

// Each CLI run is a fresh Node process (a few seconds on a busy 2-core machine).
vi.setConfig({ testTimeout: 180_000 });

const BIN = path.join(REPO_ROOT, 'bin', 'minsheng.mjs');
const GUANGDONG = path.join(REPO_ROOT, 'plans', 'guangdong-2023-2027.yaml');

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('minsheng plan validate', () => {
  it('accepts the Guangdong plan and the example plan', () => {
    const ok = cli(['plan', 'validate', GUANGDONG], {});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK — 10 domains, 27 tasks, \d+ targets/);
    expect(
      cli(
        ['plan', 'validate', path.join(REPO_ROOT, 'plans', 'example-city-minsheng-shishi.yaml')],
        {},
      ).code,
    ).toBe(0);
  });

  it('names the path and line of each error in a broken file, and exits 1', () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.yaml');
    const lines = fs.readFileSync(GUANGDONG, 'utf8').split('\n');
    const valueLine = lines.findIndex((l) => /^\s+value: 550\s*$/.test(l));
    lines[valueLine] = lines[valueLine]!.replace('550', '"五百五十"');
    fs.writeFileSync(broken, lines.join('\n'));
    const result = cli(['plan', 'validate', broken], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PLAN_INVALID');
    expect(result.stderr).toContain(`第${valueLine + 1}行`);
    expect(result.stderr).toMatch(/\/domains\/0\/tasks\/0\/targets\/0\/value/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(testDialects())('minsheng operations on $name', (dialect) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await dialect.create();
    env = {
      MINSHENG_DATA_DIR: database.dataDir,
      DATABASE_URL: dialect.name === 'postgres' ? database.location : '',
    };
  });
  afterAll(() => database.destroy());

  it('imports a plan as a new revision each time, and exports it back', () => {
    const first = cli(['plan', 'import', GUANGDONG, '--reason', '首次导入'], env);
    expect(first.stdout).toMatch(/revision 1 with \d+ targets/);
    expect(cli(['plan', 'import', GUANGDONG], env).stdout).toMatch(/revision 2/);
    const exported = cli(['plan', 'export'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('id: guangdong-2023-2027');
  });

  it('adds users, refuses bad ones with a Chinese message, lists them, changes passwords', () => {
    cli(['migrate'], env);
    const city = cli(['user', 'add', 'meizhou2', '--role', 'city', '--unit', '441400'], env);
    expect(city.code).toBe(0);
    expect(city.stdout).toMatch(/Created meizhou2 \(city\)\. Password: \S{20}/);
    const wrongUnit = cli(['user', 'add', 'meizhou3', '--role', 'city', '--unit', '449999'], env);
    expect(wrongUnit.code).toBe(1);
    expect(wrongUnit.stderr).toContain('未知单位代码：449999');
    const admin = cli(
      ['user', 'add', 'ops-admin', '--role', 'sysadmin', '--password', 'correct-horse-battery'],
      env,
    );
    expect(admin.code).toBe(0);
    const short = cli(['user', 'add', 'ops-2', '--role', 'viewer', '--password', 'short'], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('密码至少需要12个字符');
    expect(cli(['user', 'list'], env).stdout).toMatch(/ops-admin\s+sysadmin/);
    const passwd = cli(['user', 'passwd', 'ops-admin'], env);
    expect(passwd.stdout).toMatch(/New password: \S{20}/);
  });

  it('verifies the audit chain, and exits 1 naming the event once a row is altered', async () => {
    expect(cli(['audit', 'verify'], env).stdout).toMatch(/Audit chain OK: \d+ events/);
    await tamperAuditEvents(database, 2, { action: 'tampered' });
    const broken = cli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('BROKEN at event 2');
  });

  it('refuses to prune the audit log within the 180-day retention', () => {
    const refused = cli(['audit', 'prune', '--older-than-days', '30'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('AUDIT_RETENTION');
    const ok = cli(['audit', 'prune', '--older-than-days', '180'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('No audit events old enough to prune.');
  });

  it('backs up and restores to identical data', async () => {
    const file = path.join(tempDir(), `backup-${dialect.name}.bak`);
    const before = await database.db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .orderBy('id')
      .execute();
    expect(cli(['backup', file], env).code).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await database.db.deleteFrom('sessions').execute();
    await database.db.deleteFrom('users').where('username', '=', 'ops-admin').execute();
    await database.db.destroy(); // close, keep the database: restore replaces its contents
    const restored = cli(['restore', file], env);
    expect(restored.code, restored.stderr).toBe(0);
    database = await reopen(dialect.name, database);
    const after = await database.db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
  });
});

async function reopen(name: string, old: TestDatabase): Promise<TestDatabase> {
  const { openPostgres, openSqlite } = await import('../db/database');
  const reopened = name === 'postgres' ? openPostgres(old.location, 2) : openSqlite(old.location);
  return {
    ...reopened,
    dataDir: old.dataDir,
    destroy: async () => {
      await reopened.destroy();
      await old.destroy();
    },
  };
}

describe('minsheng serve', () => {
  it('starts on a fresh data directory, creates accounts once, and shuts down gracefully', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--init', '--no-demo', '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace('localhost', '127.0.0.1'));
        }
      });
    });
    expect(out).toMatch(/admin\s+\S{20}\s+系统管理员/);
    const credentials = path.join(dataDir, 'initial-credentials.txt');
    expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(credentials, 'utf8')).toContain('meizhou');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
