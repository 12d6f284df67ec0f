// bench/http-overhead: an authenticated read route (GET /api/auth/me — session cookie,
// security headers, schema-serialised JSON) against a bare node:http server answering the
// same body, under the same load from a separate autocannon process. Goal: ratio ≥ 0.85.
import { securityHeaders } from '../server/src/common/security-headers';
import { load, median, startProcess, writeResults, type BenchFigure } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;

export async function httpOverhead(database: 'sqlite' | 'postgres'): Promise<BenchFigure[]> {
  const env = database === 'postgres' ? {} : { BENCH_DATABASE_URL: '' };
  const bare = await startProcess<{ url: string }>('bench/servers/bare.mjs');
  const bareWithHeaders = await startProcess<{ url: string }>('bench/servers/bare.mjs', {
    BARE_HEADERS: JSON.stringify(securityHeaders(false)),
  });
  const app = await startProcess<{ url: string; cookie: string }>('bench/servers/app.ts', env);
  const bareRps: number[] = [];
  const headersRps: number[] = [];
  const appRps: number[] = [];
  const appP99: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      bareRps.push(
        (await load(bare.info.url, { connections: CONNECTIONS, seconds: SECONDS }))
          .requestsPerSecond,
      );
      headersRps.push(
        (await load(bareWithHeaders.info.url, { connections: CONNECTIONS, seconds: SECONDS }))
          .requestsPerSecond,
      );
      const r = await load(`${app.info.url}/api/auth/me`, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: { cookie: app.info.cookie },
      });
      if (r.non2xx > 0 || r.errors > 0)
        throw new Error(`app answered ${r.non2xx} non-2xx and ${r.errors} errors`);
      appRps.push(r.requestsPerSecond);
      appP99.push(r.p99);
    }
  } finally {
    await Promise.all([bare.stop(), bareWithHeaders.stop(), app.stop()]);
  }
  const ratio = Math.round((median(appRps) / median(bareRps)) * 100) / 100;
  return [
    {
      bench: 'http-overhead',
      database,
      figure: 'bare node:http',
      value: Math.round(median(bareRps)),
      unit: 'req/s',
    },
    {
      bench: 'http-overhead',
      database,
      figure: 'bare node:http + same security headers',
      value: Math.round(median(headersRps)),
      unit: 'req/s',
    },
    {
      bench: 'http-overhead',
      database,
      figure: 'GET /api/auth/me',
      value: Math.round(median(appRps)),
      unit: 'req/s',
    },
    {
      bench: 'http-overhead',
      database,
      figure: 'GET /api/auth/me p99',
      value: median(appP99),
      unit: 'ms',
    },
    {
      bench: 'http-overhead',
      database,
      figure: 'ratio app / bare with the same headers',
      value: Math.round((median(appRps) / median(headersRps)) * 100) / 100,
      unit: '×',
    },
    {
      bench: 'http-overhead',
      database,
      figure: 'ratio app / bare',
      value: ratio,
      unit: '×',
      goal: '≥ 0.85',
      met: ratio >= 0.85,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await httpOverhead('sqlite');
  if (process.env.BENCH_DATABASE_URL) figures.push(...(await httpOverhead('postgres')));
  writeResults('http-overhead', figures);
}
