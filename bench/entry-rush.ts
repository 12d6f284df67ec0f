// bench/entry-rush: the deadline rush. 100 county reporters (own accounts and sessions) save
// their monthly form — three values, all-or-nothing, validated, versioned, audited — and every
// tenth save also submits it, against one server process; load comes from a separate
// autocannon process on loopback. Two runs: at a fixed 500 saves/s (goal p99 < 100 ms) and
// flat out (throughput), compared with the bare node:http baseline of bench/http-overhead
// measured in the same run.
import { spawn } from 'node:child_process';
import { ROOT, load, startProcess, writeResults, type BenchFigure } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** A flat-out run first, not measured, so the paced run sees a warmed-up (JIT-compiled) server. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 50;
const RATE = 500;

interface RushResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  statusCodes?: Record<string, { count: number }>;
}

interface RushServer {
  url: string;
  reporters: Array<{ unit: string; cookie: string; csrf: string }>;
  elements: string[];
}

function rush(
  server: RushServer,
  rate: number,
  monthOffset: number,
  seconds = SECONDS,
): Promise<RushResult> {
  const setup = { ...server, connections: CONNECTIONS, seconds, rate, monthOffset };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/servers/rush-load.ts', JSON.stringify(setup)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as RushResult)
        : reject(new Error(`rush-load exited ${code}`)),
    );
  });
}

export async function entryRush(database: 'sqlite' | 'postgres'): Promise<BenchFigure[]> {
  const env = database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' };
  const bare = await startProcess<{ url: string }>('bench/servers/bare.mjs');
  let bareRps: number;
  try {
    bareRps = (await load(bare.info.url, { connections: CONNECTIONS, seconds: SECONDS }))
      .requestsPerSecond;
  } finally {
    await bare.stop();
  }
  const app = await startProcess<RushServer>('bench/servers/rush-app.ts', env);
  let paced: RushResult;
  let flat: RushResult;
  try {
    // Months 100+: newer than the flat run's (200+), so they never become its outlier history.
    if (WARMUP_SECONDS > 0) await rush(app.info, 0, 100, WARMUP_SECONDS);
    paced = await rush(app.info, RATE, 0);
    flat = await rush(app.info, 0, 200);
  } finally {
    await app.stop();
  }
  const f = (
    figure: string,
    value: number,
    unit: string,
    extra: Partial<BenchFigure> = {},
  ): BenchFigure => ({
    bench: 'entry-rush',
    database,
    figure,
    value,
    unit,
    ...extra,
  });
  const failures = paced.non2xx + paced.errors + flat.non2xx + flat.errors;
  if (failures)
    console.error(`entry-rush [${database}] status codes:`, paced.statusCodes, flat.statusCodes);
  const ratio = Math.round((flat.requestsPerSecond / bareRps) * 1000) / 1000;
  return [
    f('bare node:http baseline', Math.round(bareRps), 'req/s'),
    f(`saves at a fixed ${RATE}/s: achieved`, Math.round(paced.requestsPerSecond), 'saves/s'),
    f(`saves at ${RATE}/s: p50`, paced.p50, 'ms'),
    f(`saves at ${RATE}/s: p99`, paced.p99, 'ms', {
      goal: '< 100',
      met: paced.p99 < 100 && paced.requestsPerSecond >= RATE * 0.95,
    }),
    f('saves flat out: throughput', Math.round(flat.requestsPerSecond), 'saves/s'),
    f('saves flat out: p99', flat.p99, 'ms'),
    f('ratio saves flat out / bare node:http', ratio, '×'),
    f('failed requests (non-2xx or errors)', failures, 'requests', {
      goal: '0',
      met: failures === 0,
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await entryRush('sqlite');
  if (process.env.BENCH_DATABASE_URL) figures.push(...(await entryRush('postgres')));
  writeResults('entry-rush', figures);
}
