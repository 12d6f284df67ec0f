// bench/hotline-import: `minsheng hotline import` of a generated 12345 CSV export in its own
// process on a fresh database — wall time and peak RSS (goal < 300 MB for 1M tickets).
// Baseline in the same run: only parsing the same file with csv-parse in a process of its own.
// SQLite imports the goal's 1M tickets; PostgreSQL 250k in `npm run bench` (BENCH_HOTLINE_PG_ROWS;
// 1M takes minutes there): the import streams in batches of 500, so its memory does not grow
// with the file. Each is one run: a single import is long enough to be steady.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, benchDatabase, figureMaker, round1, type BenchFigure, type Engine } from './lib';

const ROWS: Record<Engine, number> = {
  sqlite: Number(process.env.BENCH_HOTLINE_ROWS ?? 1_000_000),
  postgres: Number(process.env.BENCH_HOTLINE_PG_ROWS ?? 250_000),
};
const CITIES = [
  '广州市',
  '深圳市',
  '珠海市',
  '汕头市',
  '佛山市',
  '韶关市',
  '河源市',
  '梅州市',
  '惠州市',
  '汕尾市',
  '东莞市',
  '中山市',
  '江门市',
  '阳江市',
  '湛江市',
  '茂名市',
  '肇庆市',
  '清远市',
  '潮州市',
  '揭阳市',
  '云浮市',
];
const CATEGORIES = [
  '消费维权',
  '城市管理',
  '交通出行',
  '医疗卫生',
  '教育',
  '住房保障',
  '社会保障',
  '环境保护',
];

function generate(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '工单编号,受理时间,办理时限,办结时间,诉求类别,地市,区县,状态\n');
  let chunk = '';
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const hour = 8 + (i % 10);
    const received = `2025-07-${pad(day)} ${pad(hour)}:00:00`;
    const due = `2025-07-${pad(Math.min(day + 5, 31))} ${pad(hour)}:00:00`;
    const late = i % 37 === 0;
    const closedDay = Math.min(day + (late ? 7 : 2), 31);
    const closed = i % 50 === 0 ? '' : `2025-07-${pad(closedDay)} ${pad(hour)}:30:00`;
    chunk += `GD12345-${String(i).padStart(9, '0')},${received},${due},${closed},${CATEGORIES[i % CATEGORIES.length]},${CITIES[i % CITIES.length]},,${closed ? '已办结' : '办理中'}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

/** Runs a command, sampling its peak RSS (VmHWM) from /proc until it exits. */
async function measure(args: string[], env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peakKb = 0;
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', () => undefined);
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}: ${out}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: Math.round(peakKb / 1024), out };
}

export async function hotlineImport(engine: Engine): Promise<BenchFigure[]> {
  const rows = ROWS[engine];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-hotline-'));
  const file = path.join(dir, 'hotline-2025-07.csv');
  const database = engine === 'postgres' ? await benchDatabase('postgres') : null;
  try {
    generate(file, rows);
    const parseOnly = await measure(
      [
        '--input-type=module',
        '-e',
        `import fs from 'node:fs'; import { parse } from 'csv-parse'; let n = 0; for await (const r of fs.createReadStream(${JSON.stringify(file)}).pipe(parse({ bom: true }))) n++; console.log(n);`,
      ],
      {},
    );
    const run = await measure(['bin/minsheng.mjs', 'hotline', 'import', file], {
      MINSHENG_DATA_DIR: dir,
      DATABASE_URL: database?.location ?? '',
    });
    if (!run.out.includes(`${rows} 行`)) throw new Error(`unexpected output: ${run.out}`);
    const n = rows.toLocaleString('en');
    const f = figureMaker('hotline-import', engine);
    return [
      f(`baseline: csv-parse only, ${n} rows`, round1(parseOnly.seconds), 's'),
      f(`import ${n} tickets (one run)`, round1(run.seconds), 's'),
      f('import rate', Math.round(rows / run.seconds), 'rows/s'),
      f(
        'ratio csv-parse only / import',
        Math.round((parseOnly.seconds / run.seconds) * 100) / 100,
        '×',
      ),
      f('peak RSS of the import process', run.peakMb, 'MB', {
        goal: '< 300 MB',
        met: run.peakMb < 300,
      }),
      f('peak RSS of csv-parse only', parseOnly.peakMb, 'MB'),
    ];
  } finally {
    await database?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
