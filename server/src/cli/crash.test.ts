// Crash safety (after SQLite's crash testing): the real server process is killed with SIGKILL
// at a random moment during an Excel import, an approval and a burst of survey answers, then
// restarted. Each time: the import is all or nothing, a submission and its values agree, the
// survey aggregates match the stored answers, SQLite's integrity check passes and the audit
// chain verifies (`minsheng audit verify` at the end). Default: 2 trials per scenario and
// engine; MINSHENG_SOAK=1 runs the 50.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../config';
import type { Role } from '../db/schema';
import { DATA_SHEET } from '../../../core/reporting-io/index';
import { editWorkbook } from '../../../core/reporting-io/test-files';
import { formatPeriod, periodContaining } from '../../../core/periods/periods';
import { verifyAuditChain } from '../modules/audit/audit.service';
import { bootstrap, type Credential } from '../modules/setup/bootstrap';
import { sampleQuestions } from '../modules/surveys/surveys.fixtures';
import { testDialects, type TestDatabase } from '../testing/databases';

const TRIALS = process.env.MINSHENG_SOAK ? 50 : 2;
vi.setConfig({ testTimeout: 600_000 * (process.env.MINSHENG_SOAK ? 25 : 1) });

const BIN = path.join(REPO_ROOT, 'bin', 'minsheng.mjs');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORM = 'D01-county-month';
const MONTH = formatPeriod(periodContaining('month', new Date()));
const MEIXIAN = '441403';

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

interface Session {
  cookie: string;
  headers: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('kill -9 during writes on $name', (dialect) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let server: Running;
  let users: Record<Role, Credential>;
  const sessions = new Map<Role, Session>();

  async function start(): Promise<Running> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace('localhost', '127.0.0.1'));
        }
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      void exited.then(() => reject(new Error(`server exited: ${out}`)));
    });
    return { child, url, exited };
  }

  async function kill(): Promise<void> {
    server.child.kill('SIGKILL');
    await server.exited;
  }

  async function login(role: Role): Promise<Session> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: users[role].username, password: users[role].password }),
    });
    if (res.status !== 200) throw new Error(`login ${role}: ${res.status}`);
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, headers: { cookie, 'x-csrf-token': csrfToken } };
  }

  async function as(role: Role): Promise<Session> {
    if (!sessions.has(role)) sessions.set(role, await login(role));
    return sessions.get(role)!;
  }

  async function call(
    role: Role | null,
    method: string,
    url: string,
    body?: unknown,
    headers = {},
  ) {
    return fetch(`${server.url}${url}`, {
      method,
      headers: {
        ...(role ? (await as(role)).headers : {}),
        ...(body !== undefined && !Buffer.isBuffer(body)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }
        : {}),
    });
  }

  /** Runs `work`, kills the server after a random delay, restarts it and checks `invariant`. */
  async function trial(
    work: () => Promise<unknown>,
    maxDelayMs: number,
    invariant: () => Promise<void>,
  ) {
    const running = work().catch(() => undefined); // requests die with the server
    await sleep(Math.random() * maxDelayMs);
    await kill();
    await running;
    server = await start();
    await invariant();
    await commonChecks();
  }

  async function commonChecks(): Promise<void> {
    if (dialect.name === 'sqlite') {
      const file = new SQLite(database.location, { readonly: true });
      try {
        expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        file.close();
      }
    }
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  }

  beforeAll(async () => {
    database = await dialect.create();
    const result = await bootstrap(database, { dataDir: database.dataDir, demo: false });
    users = {} as Record<Role, Credential>;
    for (const c of result.credentials) users[c.role] ??= c;
    env = {
      MINSHENG_DATA_DIR: database.dataDir,
      DATABASE_URL: dialect.name === 'postgres' ? database.location : '',
      MINSHENG_SCHEDULER: 'off',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'error',
    };
    server = await start();
  });
  afterAll(async () => {
    if (server) await kill();
    await database?.destroy();
  });

  it('keeps an Excel import all or nothing', async () => {
    const template = Buffer.from(
      await (
        await call('city', 'GET', `/api/reporting-io/template?formCode=${FORM}&from=${MONTH}`)
      ).arrayBuffer(),
    );
    const stored = () =>
      database.db
        .selectFrom('data_values')
        .select('value')
        .where('period', '=', MONTH)
        .where('element_code', 'like', 'emp.%')
        .execute();
    let rows = 0;
    for (let k = 1; k <= TRIALS; k++) {
      const file = await editWorkbook(template, (wb) => {
        const sheet = wb.getWorksheet(DATA_SHEET)!;
        rows = sheet.rowCount - 1;
        for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell('J').value = k;
      });
      const before = await stored();
      await trial(
        () =>
          call('city', 'POST', '/api/reporting-io/import/xlsx?dryRun=false', file, {
            'content-type': XLSX,
          }),
        1500,
        async () => {
          const after = await stored();
          const values = new Set(after.map((v) => v.value));
          // Either the whole file landed or none of it did.
          if (values.has(k)) expect(after.map((v) => v.value)).toEqual(Array(rows).fill(k));
          else expect(after).toEqual(before);
        },
      );
    }
  });

  it('never leaves a submission and its values disagreeing after an approval is cut off', async () => {
    const key = { formCode: FORM, unitCode: MEIXIAN, period: MONTH };
    const submission = () =>
      database.db
        .selectFrom('report_submissions')
        .select('state')
        .where('form_code', '=', FORM)
        .where('unit_code', '=', MEIXIAN)
        .where('period', '=', MONTH)
        .executeTakeFirst();
    for (let k = 1; k <= TRIALS; k++) {
      // Back to an editable state, whatever the last crash left.
      const state = (await submission())?.state;
      if (state === 'approved')
        await call('department', 'POST', '/api/reporting/submissions/reopen', {
          ...key,
          reason: '崩溃测试',
        });
      if (state === 'submitted')
        await call('city', 'POST', '/api/reporting/submissions/return', {
          ...key,
          reason: '崩溃测试',
        });
      await trial(
        async () => {
          await call('county', 'POST', '/api/reporting/submissions/submit', key);
          await call('city', 'POST', '/api/reporting/submissions/approve', key);
        },
        600,
        async () => {
          const now = (await submission())!.state;
          const expected =
            now === 'approved' ? 'approved' : now === 'submitted' ? 'submitted' : 'draft';
          const statuses = await database.db
            .selectFrom('data_values')
            .select('status')
            .distinct()
            .where('unit_code', '=', MEIXIAN)
            .where('period', '=', MONTH)
            .where('element_code', 'like', 'emp.%')
            .execute();
          expect(statuses.map((s) => s.status)).toEqual([expected]);
        },
      );
    }
  });

  it('keeps survey aggregates equal to the stored answers through a burst', async () => {
    const created = await call('supervisor', 'POST', '/api/surveys', {
      title: '崩溃测试问卷',
      questions: sampleQuestions,
      minN: 2,
    });
    const surveyId = ((await created.json()) as { id: number }).id;
    const wave = await call('supervisor', 'POST', `/api/surveys/${surveyId}/waves`, {
      code: '2025Q4',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    const waveId = ((await wave.json()) as { id: number }).id;
    const links = (await (
      await call('supervisor', 'GET', `/api/surveys/${surveyId}/links`)
    ).json()) as {
      links: Array<{ placeCode: string; url: string }>;
    };
    const link = new URL(links.links.find((l) => l.placeCode === '441400')!.url);
    const [p, k] = [link.searchParams.get('p')!, link.searchParams.get('k')!];
    let ip = 0;
    const respond = async () => {
      const forwarded = { 'x-forwarded-for': `198.51.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` };
      const opened = await call(
        null,
        'GET',
        `/api/public/surveys/${surveyId}?p=${p}&k=${k}`,
        undefined,
        forwarded,
      );
      const cookie = opened.headers.getSetCookie()[0]!.split(';')[0]!;
      await call(
        null,
        'POST',
        `/api/public/surveys/${surveyId}/responses`,
        { waveId, p, k, answers: { q1: 4, q3: 'no' } },
        { ...forwarded, cookie },
      );
    };
    for (let trialNo = 1; trialNo <= TRIALS; trialNo++)
      await trial(
        () => Promise.all(Array.from({ length: 30 }, respond)),
        800,
        async () => {
          const responses = await database.db
            .selectFrom('survey_responses')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('wave_id', '=', waveId)
            .executeTakeFirstOrThrow();
          const aggregated = await database.db
            .selectFrom('survey_aggregates')
            .select((eb) => eb.fn.sum<number>('n').as('n'))
            .where('wave_id', '=', waveId)
            .where('domain_code', '=', 'D01')
            .executeTakeFirst();
          expect(Number(aggregated?.n ?? 0)).toBe(Number(responses.n));
        },
      );
  });

  it('passes `minsheng audit verify` after all the crashes', async () => {
    await kill();
    const result = spawnSync(process.execPath, [BIN, 'audit', 'verify'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Audit chain OK/);
    if (dialect.name === 'postgres') await sql`select 1`.execute(database.db);
    server = await start();
  });
});
