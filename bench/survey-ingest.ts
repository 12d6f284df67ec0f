// bench/survey-ingest: survey responses per second through HTTP — the real app in one process,
// autocannon in another, every request a new respondent (signed cookie) so each one is a real
// insert + aggregate update + rate-limit count. Goal on SQLite: ≥ 2,000/s with p99 < 100 ms.
// Baseline in the same run: the same app answering GET /healthz (no database write).
import { spawn } from 'node:child_process';
import { load, startProcess, writeResults, type BenchFigure } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const SECRET = 'bench-survey-secret';

interface Target {
  url: string;
  surveyId: number;
  waveId: number;
  p: string;
  k: string;
}

async function runLoad(target: Target) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/survey-load.ts'], {
    env: {
      ...process.env,
      SURVEY_TARGET: JSON.stringify(target),
      SURVEY_SECRET: SECRET,
      SECONDS: String(SECONDS),
      CONNECTIONS: String(CONNECTIONS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out.trim().split('\n').pop()!) as {
    rps: number;
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
    total: number;
  };
}

export async function surveyIngest(database: 'sqlite' | 'postgres'): Promise<BenchFigure[]> {
  const env = {
    SURVEY_SECRET: SECRET,
    SURVEY_SUBMITS_PER_MINUTE: '1000000000',
    SURVEY_VIEWS_PER_MINUTE: '1000000000',
    ...(database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' }),
  };
  const app = await startProcess<Target>('bench/servers/survey-app.ts', env);
  try {
    const health = await load(`${app.info.url}/healthz`, {
      connections: CONNECTIONS,
      seconds: Math.min(SECONDS, 5),
    });
    const r = await runLoad(app.info);
    if (r.non2xx > 0 || r.errors > 0)
      throw new Error(`ingest answered ${r.non2xx} non-2xx and ${r.errors} errors`);
    const b = 'survey-ingest';
    const goalRps = database === 'sqlite' ? { goal: '≥ 2,000/s', met: r.rps >= 2000 } : {};
    const goalP99 = database === 'sqlite' ? { goal: '< 100 ms', met: r.p99 < 100 } : {};
    return [
      {
        bench: b,
        database,
        figure: 'baseline: GET /healthz (same app)',
        value: Math.round(health.requestsPerSecond),
        unit: 'req/s',
      },
      {
        bench: b,
        database,
        figure: `POST response (${CONNECTIONS} connections, ${r.total} responses)`,
        value: Math.round(r.rps),
        unit: 'responses/s',
        ...goalRps,
      },
      { bench: b, database, figure: 'POST response p50', value: r.p50, unit: 'ms' },
      { bench: b, database, figure: 'POST response p99', value: r.p99, unit: 'ms', ...goalP99 },
    ];
  } finally {
    await app.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await surveyIngest('sqlite');
  if (process.env.BENCH_DATABASE_URL) figures.push(...(await surveyIngest('postgres')));
  writeResults('survey-ingest', figures);
}
