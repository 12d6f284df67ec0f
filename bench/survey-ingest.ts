// bench/survey-ingest: survey responses per second through HTTP — the real app in one process,
// autocannon in another (20 connections, loopback), every request a new respondent (signed
// cookie) so each one is a real insert + aggregate update + rate-limit count. Three runs after
// a warm-up; figures are medians. Goal on SQLite: ≥ 2,000/s with p99 < 100 ms. Baseline in the
// same run: the same app answering GET /healthz (no database write).
import { spawn } from 'node:child_process';
import {
  figureMaker,
  load,
  median,
  startProcess,
  withCpu,
  type BenchFigure,
  type Engine,
} from './lib';

const RUNS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SURVEY_SECONDS ?? 4);
const CONNECTIONS = 20;
const SECRET = 'bench-survey-secret';

interface Target {
  url: string;
  surveyId: number;
  waveId: number;
  p: string;
  k: string;
}

interface IngestResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

async function runLoad(target: Target, seconds: number): Promise<IngestResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/survey-load.ts'], {
    env: {
      ...process.env,
      SURVEY_TARGET: JSON.stringify(target),
      SURVEY_SECRET: SECRET,
      SECONDS: String(seconds),
      CONNECTIONS: String(CONNECTIONS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out.trim().split('\n').pop()!) as IngestResult;
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`ingest answered ${r.non2xx} non-2xx and ${r.errors} errors`);
  return r;
}

export async function surveyIngest(database: Engine): Promise<BenchFigure[]> {
  const env = {
    SURVEY_SECRET: SECRET,
    SURVEY_SUBMITS_PER_MINUTE: '1000000000',
    SURVEY_VIEWS_PER_MINUTE: '1000000000',
    ...(database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' }),
  };
  const app = await startProcess<Target>('bench/servers/survey-app.ts', env);
  try {
    const health = await load(`${app.info.url}/healthz`, { connections: CONNECTIONS, seconds: 3 });
    await runLoad(app.info, 2); // warm-up
    const runs: Array<IngestResult & { cpuMicrosPerRequest: number }> = [];
    for (let i = 0; i < RUNS; i++) runs.push(await withCpu(app, () => runLoad(app.info, SECONDS)));
    const rps = median(runs.map((r) => r.rps));
    const p99 = median(runs.map((r) => r.p99));
    const total = runs.reduce((n, r) => n + r.total, 0);
    // The goal is the embedded default's; PostgreSQL is measured beside it.
    const goal = <T extends { goal: string; met: boolean }>(g: T) =>
      database === 'sqlite' ? g : undefined;
    const f = figureMaker('survey-ingest', database);
    return [
      f('baseline: GET /healthz (same app)', Math.round(health.requestsPerSecond), 'req/s'),
      f(
        `POST response (${CONNECTIONS} connections)`,
        Math.round(rps),
        'responses/s',
        goal({ goal: '≥ 2,000/s (SQLite)', met: rps >= 2000 }),
      ),
      f(`responses stored in the ${RUNS} runs`, total, 'responses'),
      f('POST response p50', median(runs.map((r) => r.p50)), 'ms'),
      f('POST response p99', p99, 'ms', goal({ goal: '< 100 ms (SQLite)', met: p99 < 100 })),
      f(
        'CPU per response (server process)',
        Math.round(median(runs.map((r) => r.cpuMicrosPerRequest))),
        'µs',
      ),
      f(
        'ratio responses / GET /healthz',
        Math.round((rps / health.requestsPerSecond) * 100) / 100,
        '×',
      ),
    ];
  } finally {
    await app.stop();
  }
}
