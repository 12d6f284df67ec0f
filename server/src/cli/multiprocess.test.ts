// Several stateless app processes on one PostgreSQL database (README "Running several
// processes", docs/scaling.md): two real `minsheng serve` processes, each with a data directory
// of its own (as on two machines) and the shared settings the README lists, prove that
//  - a session made on one is valid on the other (sessions live in the database);
//  - a rate limit counts hits on both against one limit (login throttle and survey limiter);
//  - a slot of a scheduled job sent several times runs exactly once (pg-boss + job_runs);
//  - a graceful shutdown (SIGTERM) of one loses no request. "Lost" is defined precisely: the
//    client opens a new connection per request; a refused connection (ECONNREFUSED: nothing
//    was sent, the process no longer listens) is retried on the other process; any other
//    outcome than a 2xx answer — a reset, a hang-up, a timeout or a 5xx — is a lost request.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../config';
import type { Role } from '../db/schema';
import { bootstrap, type Credential } from '../modules/setup/bootstrap';
import { PGBOSS_SCHEMA } from '../modules/scheduler/pg-boss';
import { sampleQuestions } from '../modules/surveys/surveys.fixtures';
import { tempDir, testDialects, type TestDatabase } from '../testing/databases';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const BIN = path.join(REPO_ROOT, 'bin', 'minsheng.mjs');
const VIEWS_PER_MINUTE = 8;

interface Running {
  name: string;
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request on a new connection (no keep-alive), so a refusal is unambiguous. */
function request(
  port: number,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        timeout: 20_000,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: Error & { beforeAnswer?: boolean }) => {
      error.beforeAnswer = !answered;
      reject(error);
    });
    req.end(payload);
  });
}

/**
 * What a balancer retries on another process (nginx's default `proxy_next_upstream error` for
 * an idempotent request): the connection was refused, or reset before any answer came back —
 * a process that stops listening resets the connections still waiting in its accept queue.
 */
const retryable = (error: unknown) => {
  const e = error as NodeJS.ErrnoException & { beforeAnswer?: boolean };
  return e.code === 'ECONNREFUSED' || (e.code === 'ECONNRESET' && e.beforeAnswer === true);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(name: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, MINSHENG_DATA_DIR: tempDir(`minsheng-${name}-`) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 90_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at http:\/\/\S+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`${name} exited: ${out}`)));
  });
  return { name, child, port, exited };
}

/** Which process worked a job, from the worker id `host:pid:random` in job_runs. */
const pidOf = (worker: string) => Number(worker.split(':')[1]);

describe('the retry rule of the shutdown test', () => {
  it('retries a refused connection, never one whose answer had begun', async () => {
    // Answers /cut with headers and part of a body, then drops the connection.
    const server = http.createServer((req, res) => {
      if (req.url !== '/cut') return res.end('ok');
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect((await request(port, 'GET', '/')).body).toBe('ok');
    const cut = await request(port, 'GET', '/cut').catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(Error);
    expect(retryable(cut)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
    const error = await request(port, 'GET', '/').catch((e: unknown) => e);
    expect(retryable(error)).toBe(true);
  });
});

for (const dialect of testDialects()) {
  if (dialect.name !== 'postgres') continue;
  describe('two app processes on one PostgreSQL database', () => {
    let database: TestDatabase;
    let a: Running;
    let b: Running;
    const users = {} as Record<Role, Credential>;

    beforeAll(async () => {
      database = await dialect.create();
      const result = await bootstrap(database, { dataDir: database.dataDir, demo: false });
      for (const c of result.credentials) users[c.role] ??= c;
      // What the processes must share besides the database (README "Running several processes").
      const env = {
        DATABASE_URL: database.location,
        SURVEY_SECRET: randomBytes(32).toString('hex'),
        SURVEY_VIEWS_PER_MINUTE: String(VIEWS_PER_MINUTE),
        LOG_LEVEL: 'error',
        REDIS_URL: '',
      };
      [a, b] = await Promise.all([start('a', env), start('b', env)]);
    });

    afterAll(async () => {
      for (const p of [a, b])
        if (p && p.child.exitCode === null) {
          p.child.kill('SIGKILL');
          await p.exited;
        }
      await database?.destroy();
    });

    async function login(p: Running, role: Role) {
      const res = await request(
        p.port,
        'POST',
        '/api/auth/login',
        {},
        {
          username: users[role].username,
          password: users[role].password,
        },
      );
      expect(res.status).toBe(200);
      const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
      const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
      return { cookie, 'x-csrf-token': csrfToken };
    }

    it('accepts a session made on one process on the other', async () => {
      const session = await login(a, 'supervisor');
      const me = await request(b.port, 'GET', '/api/auth/me', { cookie: session.cookie });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body)).toMatchObject({
        user: { username: users.supervisor.username },
      });
      // A write with the CSRF token issued by A is accepted by B too.
      const out = await request(b.port, 'POST', '/api/auth/logout', session);
      expect(out.status).toBe(204);
      const after = await request(a.port, 'GET', '/api/auth/me', { cookie: session.cookie });
      // A may serve its cached copy of the session for up to 5 s (docs/adr/0004).
      if (after.status === 200) {
        await sleep(5_100);
        const later = await request(a.port, 'GET', '/api/auth/me', { cookie: session.cookie });
        expect(later.status).toBe(401);
      } else expect(after.status).toBe(401);
    });

    it('locks an account after 5 failed logins counted on both processes together', async () => {
      const { username, password } = users.viewer;
      // 3 failures on A and 2 on B: neither process alone reached the limit of 5.
      for (const p of [a, b, a, b, a]) {
        const res = await request(
          p.port,
          'POST',
          '/api/auth/login',
          {},
          {
            username,
            password: `${password}-wrong`,
          },
        );
        expect(res.status).toBe(401);
      }
      const right = await request(b.port, 'POST', '/api/auth/login', {}, { username, password });
      expect(right.status).toBe(423);
      expect(JSON.parse(right.body)).toMatchObject({ code: 'AUTH_LOCKED' });
    });

    it('limits survey page loads per IP across both processes', async () => {
      const supervisor = await login(a, 'supervisor');
      const created = await request(a.port, 'POST', '/api/surveys', supervisor, {
        title: '多进程限流测试',
        questions: sampleQuestions,
        minN: 2,
      });
      expect(created.status).toBe(201);
      const surveyId = (JSON.parse(created.body) as { id: number }).id;
      const wave = await request(b.port, 'POST', `/api/surveys/${surveyId}/waves`, supervisor, {
        code: '2026Q4',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
      });
      expect(wave.status).toBe(201);
      const links = await request(b.port, 'GET', `/api/surveys/${surveyId}/links`, supervisor);
      const link = new URL(
        (JSON.parse(links.body) as { links: Array<{ placeCode: string; url: string }> }).links.find(
          (l) => l.placeCode === '441400',
        )!.url,
      );
      // The link was signed by B's key and is opened on A: the shared SURVEY_SECRET.
      const url = `/api/public/surveys/${surveyId}?p=${link.searchParams.get('p')}&k=${link.searchParams.get('k')}`;
      // The limiter counts in fixed 60-s windows: start well inside one.
      if (Date.now() % 60_000 > 55_000) await sleep(60_000 - (Date.now() % 60_000) + 100);
      const statuses: number[] = [];
      for (let i = 0; i < VIEWS_PER_MINUTE + 2; i++)
        statuses.push((await request(i % 2 ? b.port : a.port, 'GET', url)).status);
      // 8 loads allowed in all — 4 on each — then both refuse.
      expect(statuses).toEqual([...Array(VIEWS_PER_MINUTE).fill(200), 429, 429]);
    });

    it('runs each slot of a scheduled job once, however often it is sent', async () => {
      const boss = new PgBoss({
        connectionString: database.location,
        schema: PGBOSS_SCHEMA,
        supervise: false,
        schedule: false,
        migrate: false,
      });
      await boss.start();
      try {
        // One slot of each of three cheap jobs: every process works every queue (one job at a
        // time per queue and polling interval), so three queues run side by side.
        const jobs = ['reporting-reminders', 'ledger-statuses', 'supervision-rules'];
        const slot = `multiprocess-${Date.now()}`;
        const sendAll = async () => {
          const ids: Array<[string, string]> = [];
          for (const job of jobs) {
            const id = await boss.send(job, { slot }, { singletonKey: slot });
            expect(id).toBeTruthy();
            ids.push([job, id!]);
          }
          const deadline = Date.now() + 25_000;
          for (;;) {
            const states = await Promise.all(
              ids.map(async ([job, id]) => (await boss.getJobById(job, id))?.state),
            );
            if (states.every((s) => s === 'completed')) return;
            if (Date.now() > deadline) throw new Error(`jobs not done: ${states.join(',')}`);
            await sleep(250);
          }
        };
        // Each slot sent and worked by one of the two processes; then sent again (a retried or
        // duplicated job): delivered and completed, but job_runs has the slot already.
        await sendAll();
        await sendAll();
        const runs = await database.db
          .selectFrom('job_runs')
          .select(['run_key', 'worker', 'outcome'])
          .where('run_key', 'like', `%:${slot}`)
          .execute();
        expect(runs.map((r) => r.run_key).sort()).toEqual(jobs.map((j) => `${j}:${slot}`).sort());
        expect(runs.map((r) => r.outcome)).toEqual(jobs.map(() => 'ok'));
        // Both processes are workers of the queue (which one wins a slot is up to pg-boss).
        const workers = new Set(runs.map((r) => pidOf(r.worker)));
        for (const pid of workers) expect([a.child.pid, b.child.pid]).toContain(pid);
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    });

    it('loses no request when one process is stopped with SIGTERM', async () => {
      const session = await login(b, 'city');
      const month = new Date().toISOString().slice(0, 7);
      // A route with some work in it (an Excel workbook), so requests are in flight at SIGTERM.
      const url = `/api/reporting-io/template?formCode=D01-county-month&from=${month}`;
      let aUp = true;
      const outcome = { ok: 0, retried: 0, lost: [] as string[] };
      const inFlightOnA = new Set<symbol>();
      let inFlightAtSigterm = new Set<symbol>();
      let answeredAfterSigterm = 0;

      const once = async () => {
        const target = aUp ? a : b;
        const me = Symbol('request');
        if (target === a) inFlightOnA.add(me);
        try {
          const res = await request(target.port, 'GET', url, { cookie: session.cookie });
          if (res.status === 200 && res.body.length > 1000) {
            outcome.ok++;
            if (inFlightAtSigterm.has(me)) answeredAfterSigterm++;
          } else outcome.lost.push(`${target.name}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
        } catch (error) {
          if (target === a && retryable(error)) {
            // A no longer listens and never answered this one: the balancer moves it to B.
            aUp = false;
            outcome.retried++;
            const res = await request(b.port, 'GET', url, { cookie: session.cookie });
            if (res.status === 200) outcome.ok++;
            else outcome.lost.push(`b (retry): HTTP ${res.status}`);
          } else outcome.lost.push(`${target.name}: ${(error as Error).message}`);
        } finally {
          inFlightOnA.delete(me);
        }
      };

      let streaming = true;
      const clients = Array.from({ length: 6 }, async () => {
        while (streaming) await once();
      });
      await sleep(1500);
      inFlightAtSigterm = new Set(inFlightOnA);
      a.child.kill('SIGTERM');
      const code = await a.exited;
      await sleep(1000);
      streaming = false;
      await Promise.all(clients);

      expect(outcome.lost).toEqual([]);
      expect(code).toBe(0);
      // Requests in flight when SIGTERM arrived were answered by A; later ones found it closed.
      expect(inFlightAtSigterm.size).toBeGreaterThan(0);
      expect(answeredAfterSigterm).toBe(inFlightAtSigterm.size);
      expect(outcome.retried).toBeGreaterThan(0);
      expect(outcome.ok).toBeGreaterThan(20);
      // B still serves.
      expect(
        (await request(b.port, 'GET', '/api/auth/me', { cookie: session.cookie })).status,
      ).toBe(200);
    });
  });
}
