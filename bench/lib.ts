// Shared bench helpers: child-process servers (and their CPU time), load from a separate
// autocannon process on loopback, medians, databases opened as production opens them, and
// the results.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig } from '../server/src/config';
import { createTestApp, type TestApp } from '../server/src/testing/app';
import { createPostgres, createSqlite, type TestDatabase } from '../server/src/testing/databases';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Started<T> {
  info: T;
  /** CPU time (user + system) the process has used so far, in ms (Linux /proc; NaN elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Starts a server script in its own process; it prints one JSON line when listening. */
export async function startProcess<T>(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Started<T>> {
  const args = [
    ...(env.NODE_FLAGS ? env.NODE_FLAGS.split(' ') : []),
    ...(script.endsWith('.ts') ? ['--import', 'tsx', script] : [script]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    info: JSON.parse(line) as T,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () => stopProcess(child),
  };
}

/** utime + stime of a process from /proc/<pid>/stat (clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Runs `fn` while measuring a server process's CPU time per request: on a shared machine the
 * requests per second move with the neighbours' load, the CPU a request costs much less.
 */
export async function withCpu<R extends { total: number }>(
  server: { cpuMs(): number },
  fn: () => Promise<R>,
): Promise<R & { cpuMicrosPerRequest: number }> {
  const before = server.cpuMs();
  const result = await fn();
  const micros = ((server.cpuMs() - before) * 1000) / Math.max(1, result.total);
  return { ...result, cpuMicrosPerRequest: Math.round(micros * 10) / 10 };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon in a separate process against one URL. */
export async function load(
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const args = [
    'node_modules/autocannon/autocannon.js',
    '-j',
    '-c',
    String(opts.connections),
    '-d',
    String(opts.seconds),
  ];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export type Engine = 'sqlite' | 'postgres';

export interface BenchFigure {
  bench: string;
  database: Engine;
  figure: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function writeResults(name: string, figures: BenchFigure[]): void {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    JSON.stringify({ machine: machine(), at: new Date().toISOString(), figures }, null, 2),
  );
  printFigures(figures);
}

/** Every figure on one line, its goal beside it. */
export function printFigures(figures: BenchFigure[]): void {
  for (const f of figures)
    console.log(
      `${f.bench} [${f.database}] ${f.figure}: ${f.value} ${f.unit}${f.goal ? `  (goal ${f.goal}: ${f.met ? 'met' : 'NOT met'})` : ''}`,
    );
}

/**
 * A fresh, migrated database as production opens it: SQLite, or a new PostgreSQL database
 * beside BENCH_DATABASE_URL with the production pool (10 connections; the test helper's
 * pool is smaller). destroy() drops it.
 */
export async function benchDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') return createSqlite();
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('PostgreSQL benchmarks need BENCH_DATABASE_URL');
  return createPostgres(adminUrl, { poolSize: 10, prefix: 'minsheng_b' });
}

/** The real app on a fresh database, configured as in production (the session cache on). */
export function benchApp(engine: Engine): Promise<TestApp> {
  return createTestApp(
    { name: engine, create: () => benchDatabase(engine) },
    { session: loadConfig().session },
  );
}

/** The engine a bench server process runs on: PostgreSQL when BENCH_DATABASE_URL is set. */
export const serverEngine = (): Engine => (process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite');

/**
 * BENCH_PROFILE=<dir> in a bench server: a CPU profile of the measured period only (from
 * listening to SIGTERM), written as <dir>/<name>-<pid>.cpuprofile for Chrome DevTools.
 */
export async function profileWhileServing(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return () => Promise.resolve();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  };
}

/** A figure builder for one bench on one engine. */
export function figureMaker(bench: string, database: Engine) {
  return (
    figure: string,
    value: number,
    unit: string,
    goal?: { goal: string; met: boolean },
  ): BenchFigure => ({ bench, database, figure, value, unit, ...goal });
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
