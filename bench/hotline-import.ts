// bench/hotline-import: `minsheng hotline import` of a generated 1M-ticket CSV export in its own
// process on a fresh SQLite database — wall time and peak RSS (goal < 300 MB). Baseline in the
// same run: only parsing the same file with csv-parse in a process of its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, writeResults, type BenchFigure } from './lib';

const ROWS = Number(process.env.BENCH_HOTLINE_ROWS ?? 1_000_000);
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

function generate(file: string): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '工单编号,受理时间,办理时限,办结时间,诉求类别,地市,区县,状态\n');
  let chunk = '';
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < ROWS; i++) {
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

export async function hotlineImport(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-hotline-'));
  const file = path.join(dir, 'hotline-2025-07.csv');
  try {
    generate(file);
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
      DATABASE_URL: '',
    });
    if (!run.out.includes(`${ROWS} 行`)) throw new Error(`unexpected output: ${run.out}`);
    const b = 'hotline-import';
    const rows = ROWS.toLocaleString('en');
    return [
      {
        bench: b,
        database: 'sqlite',
        figure: `baseline: csv-parse only, ${rows} rows`,
        value: round(parseOnly.seconds),
        unit: 's',
      },
      {
        bench: b,
        database: 'sqlite',
        figure: `import ${rows} tickets`,
        value: round(run.seconds),
        unit: 's',
      },
      {
        bench: b,
        database: 'sqlite',
        figure: 'import rate',
        value: Math.round(ROWS / run.seconds),
        unit: 'rows/s',
      },
      {
        bench: b,
        database: 'sqlite',
        figure: 'peak RSS of the import process',
        value: run.peakMb,
        unit: 'MB',
        goal: '< 300 MB',
        met: run.peakMb < 300,
      },
      {
        bench: b,
        database: 'sqlite',
        figure: 'peak RSS of csv-parse only',
        value: parseOnly.peakMb,
        unit: 'MB',
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`)
  writeResults('hotline-import', await hotlineImport());
