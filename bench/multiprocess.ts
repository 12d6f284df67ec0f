// bench/multiprocess: the read-heavy dashboard route (GET /api/analytics/overview, the
// province overview over five years of monthly values in every county-level unit) served by one
// `minsheng serve` process, then by two on the same PostgreSQL database — requests per second
// and p99, and the ratio 2 : 1. The load is the same both times: two autocannon processes of
// C/2 connections each (one per server process, or both at the one), so the only change is the
// number of server processes. PostgreSQL only (SQLite is one process by design). Read the ratio
// against the machine: server processes, PostgreSQL and the load generators share its cores.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../server/src/modules/setup/bootstrap';
import { createPostgres, tempDir } from '../server/src/testing/databases';
import { OrgDirectory } from '../server/src/modules/org-units/org-units.service';
import { loadCurrentPlan } from '../server/src/modules/plan/plan.service';
import { seedScale } from '../server/src/modules/demo/scale.service';
import { ROOT, load, writeResults, type BenchFigure, type Engine, type LoadResult } from './lib';

const SECONDS = Number(process.env.BENCH_MULTIPROCESS_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_MULTIPROCESS_CONNECTIONS ?? 16);
const ROUTE = '/api/analytics/overview';

interface Server {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

async function serve(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'minsheng.mjs'), 'serve', '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, MINSHENG_DATA_DIR: tempDir('minsheng-bench-mp-') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`server exited: ${out}`)));
  });
  return { url, child, exited };
}

async function stop(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Two load generators at once, each with half the connections, against `targets[i % n]`. */
async function twoGenerators(targets: string[], cookie: string): Promise<LoadResult> {
  const runs = await Promise.all(
    [0, 1].map((i) =>
      load(`${targets[i % targets.length]}${ROUTE}`, {
        connections: CONNECTIONS / 2,
        seconds: SECONDS,
        headers: { cookie },
      }),
    ),
  );
  return {
    requestsPerSecond: runs.reduce((a, r) => a + r.requestsPerSecond, 0),
    total: runs.reduce((a, r) => a + r.total, 0),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
  };
}

export async function multiprocessBench(engine: Engine = 'postgres'): Promise<BenchFigure[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (engine !== 'postgres' || !adminUrl) return [];
  const database = await createPostgres(adminUrl);
  const servers: Server[] = [];
  try {
    const { credentials } = await bootstrap(database, { dataDir: database.dataDir, demo: false });
    const plan = (await loadCurrentPlan(database.db))!.plan;
    const orgs = await OrgDirectory.load(database.db);
    const volume = await seedScale(database, plan, orgs, {
      seed: 2027,
      label: 'bench',
      responses: 0,
      tickets: 0,
      moduleDemo: false,
    });
    const env = { DATABASE_URL: database.location, MINSHENG_SCHEDULER: 'off', LOG_LEVEL: 'error' };
    servers.push(...(await Promise.all([serve(env), serve(env)])));
    const supervisor = credentials.find((c) => c.role === 'supervisor')!;
    const login = await fetch(`${servers[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: supervisor.username, password: supervisor.password }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    // Each process fills its own value cache before it is measured.
    for (const s of servers)
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${s.url}${ROUTE}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${ROUTE}: ${res.status}`);
      }
    const one = await twoGenerators([servers[0]!.url], cookie);
    const two = await twoGenerators(
      servers.map((s) => s.url),
      cookie,
    );
    if (one.errors + one.non2xx + two.errors + two.non2xx > 0)
      throw new Error(`failed requests: ${JSON.stringify({ one, two })}`);
    const b = 'multiprocess';
    const cores = os.cpus().length;
    const fig = (figure: string, value: number, unit: string): BenchFigure => ({
      bench: b,
      database: 'postgres',
      figure,
      value: Math.round(value * 100) / 100,
      unit,
    });
    return [
      fig(
        `values behind the overview (5 years × month × element × county-level unit)`,
        volume.values,
        'rows',
      ),
      fig(`1 process: ${ROUTE}, ${CONNECTIONS} connections`, one.requestsPerSecond, 'req/s'),
      fig('1 process: p99', one.p99, 'ms'),
      fig(`2 processes: ${ROUTE}, ${CONNECTIONS} connections`, two.requestsPerSecond, 'req/s'),
      fig('2 processes: p99', two.p99, 'ms'),
      fig(
        `ratio 2 processes : 1 (${cores} cores shared by the servers, PostgreSQL and the load generators)`,
        two.requestsPerSecond / one.requestsPerSecond,
        '×',
      ),
    ];
  } finally {
    await Promise.all(servers.map(stop));
    await database.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  writeResults('multiprocess', await multiprocessBench('postgres'));
