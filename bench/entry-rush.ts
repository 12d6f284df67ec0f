// bench/entry-rush: the deadline rush. 100 county reporters (own accounts and sessions) save
// their monthly form — three values, all-or-nothing, validated, versioned, audited — and every
// tenth save also submits it, against one server process; load comes from a separate
// autocannon process on loopback (50 connections). After a flat-out warm-up: three runs at a
// fixed 500 saves/s (goal: p99 < 100 ms with the rate held) and three flat out (throughput);
// figures are medians. Baseline in the same run: bare node:http under the same load.
import { spawn } from 'node:child_process';
import {
  ROOT,
  figureMaker,
  load,
  median,
  startProcess,
  withCpu,
  type BenchFigure,
  type Engine,
} from './lib';

const RUNS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACED_SECONDS = Number(process.env.BENCH_RUSH_SECONDS ?? 5);
const FLAT_SECONDS = Number(process.env.BENCH_RUSH_FLAT_SECONDS ?? 4);
/** A flat-out run first, not measured, so the paced runs see a warmed-up (JIT-compiled) server. */
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

/**
 * One run from rush-load.ts. Reporters move one month back after each tenth save (its
 * submission locks the month); `monthOffset` keeps runs apart. Runs go from older to newer
 * months, so each sees the earlier runs' values as history (the outlier check reads it).
 */
function rush(
  server: RushServer,
  rate: number,
  monthOffset: number,
  seconds: number,
): Promise<RushResult> {
  const setup = { ...server, connections: CONNECTIONS, seconds, rate, monthOffset };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/servers/rush-load.ts', JSON.stringify(setup)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
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

export async function entryRush(database: Engine): Promise<BenchFigure[]> {
  const env = database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' };
  const bare = await startProcess<{ url: string }>('bench/servers/bare.mjs');
  const bareRps: number[] = [];
  try {
    await load(bare.info.url, { connections: CONNECTIONS, seconds: 1 });
    for (let i = 0; i < RUNS; i++)
      bareRps.push(
        (await load(bare.info.url, { connections: CONNECTIONS, seconds: FLAT_SECONDS }))
          .requestsPerSecond,
      );
  } finally {
    await bare.stop();
  }
  const app = await startProcess<RushServer>('bench/servers/rush-app.ts', env);
  const paced: Array<RushResult & { cpuMicrosPerRequest: number }> = [];
  const flat: Array<RushResult & { cpuMicrosPerRequest: number }> = [];
  try {
    if (WARMUP_SECONDS > 0) await rush(app.info, 0, 1000, WARMUP_SECONDS);
    for (let i = RUNS - 1; i >= 0; i--)
      flat.push(await withCpu(app, () => rush(app.info, 0, 500 + 100 * i, FLAT_SECONDS)));
    for (let i = RUNS - 1; i >= 0; i--)
      paced.push(await withCpu(app, () => rush(app.info, RATE, 30 * i, PACED_SECONDS)));
  } finally {
    await app.stop();
  }
  const m = (runs: RushResult[], k: 'requestsPerSecond' | 'p50' | 'p99') =>
    median(runs.map((r) => r[k]));
  const failures = [...paced, ...flat].reduce((n, r) => n + r.non2xx + r.errors, 0);
  if (failures)
    console.error(
      `entry-rush [${database}] status codes:`,
      [...paced, ...flat].map((r) => r.statusCodes),
    );
  const achieved = m(paced, 'requestsPerSecond');
  const p99 = m(paced, 'p99');
  const f = figureMaker('entry-rush', database);
  return [
    f('baseline: bare node:http', Math.round(median(bareRps)), 'req/s'),
    f(`saves at a fixed ${RATE}/s: achieved`, Math.round(achieved), 'saves/s', {
      goal: `≥ ${RATE * 0.95}`,
      met: achieved >= RATE * 0.95,
    }),
    f(`saves at ${RATE}/s: p50`, m(paced, 'p50'), 'ms'),
    f(`saves at ${RATE}/s: p99`, p99, 'ms', { goal: '< 100 ms', met: p99 < 100 }),
    f('saves flat out: throughput', Math.round(m(flat, 'requestsPerSecond')), 'saves/s'),
    f('saves flat out: p99', m(flat, 'p99'), 'ms'),
    f(
      'CPU per save (server process, flat out)',
      Math.round(median(flat.map((r) => r.cpuMicrosPerRequest))),
      'µs',
    ),
    f(
      'ratio saves flat out / bare node:http',
      Math.round((m(flat, 'requestsPerSecond') / median(bareRps)) * 1000) / 1000,
      '×',
    ),
    f('failed requests (non-2xx or errors)', failures, 'requests', {
      goal: '0',
      met: failures === 0,
    }),
  ];
}
