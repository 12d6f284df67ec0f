// Property-based fuzzing of the file parsers (fast-check): the plan YAML loader, the Excel
// reader (with zip bombs), the platform CSV and DHIS2 readers. Whatever the bytes — random,
// truncated, mutated, nested thousands deep, inflating to gigabytes — each either reads or
// refuses with a clear error of its own (ImportProblem / plan errors), never a crash of
// another kind, and memory stays bounded. MINSHENG_SOAK=1 runs 10× more cases.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanYaml } from '../plan/load';
import { readDhis2Csv, readDhis2Json } from './dhis2';
import { readValuesCsv } from './csv-format';
import { ImportProblem } from './problems';
import { makeZip } from './test-files';
import { readTemplate } from './xlsx-read';
import { DATA_SHEET } from './xlsx-layout';

const RUNS = process.env.MINSHENG_SOAK ? 10 : 1;
const GUANGDONG = path.resolve(import.meta.dirname, '../../plans/guangdong-2023-2027.yaml');

/** Runs `fn`; only its own kind of refusal may escape. */
async function refusesCleanly(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ImportProblem) {
      expect(error.userMessage.length).toBeGreaterThan(0);
      return;
    }
    throw error;
  }
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));

describe('parsers under fuzzing', () => {
  let plan: string;
  let workbook: Buffer;
  beforeAll(async () => {
    plan = fs.readFileSync(GUANGDONG, 'utf8');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(DATA_SHEET);
    sheet.addRow(['elementCode', 'unitCode', 'period', 'value']);
    for (let i = 0; i < 50; i++) sheet.addRow(['emp.urban-new-jobs', '441403', '2025-07', i]);
    workbook = Buffer.from(await wb.xlsx.writeBuffer());
  });

  it('plan YAML: garbage, truncation, deep nesting and alias bombs give located errors', () => {
    const heap = process.memoryUsage().heapUsed;
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.integer({ min: 0, max: plan.length }).map((n) => plan.slice(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: plan.length - 1 }), fc.string({ maxLength: 5 }))
        .map(([at, junk]) => plan.slice(0, at) + junk + plan.slice(at + 1)),
      fc.integer({ min: 100, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
      fc
        .integer({ min: 100, max: 2000 })
        .map(
          (d) =>
            'a:\n' + Array.from({ length: d }, (_, i) => `${' '.repeat(i + 1)}b${i}:`).join('\n'),
        ),
      fc.constant(
        'a: &a ["x","x","x","x","x","x","x","x","x"]\n' +
          Array.from(
            { length: 9 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
          ).join('\n'),
      ),
    );
    fc.assert(
      fc.property(text, (t) => {
        const result = parsePlanYaml(t, 'fuzz.yaml');
        if (!result.plan) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(typeof e.message).toBe('string');
        }
      }),
      { numRuns: 150 * RUNS },
    );
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300 * 1024 * 1024);
  }, 120_000);

  it('Excel: random, truncated and mutated files and zip bombs are refused as ImportProblem', async () => {
    const heap = process.memoryUsage().heapUsed;
    const file = fc.oneof(
      bytes(2000),
      fc.integer({ min: 0, max: workbook.length - 1 }).map((n) => workbook.subarray(0, n)),
      fc
        .tuple(fc.integer({ min: 0, max: workbook.length - 1 }), fc.integer({ min: 0, max: 255 }))
        .map(([at, b]) => {
          const copy = Buffer.from(workbook);
          copy[at] = b;
          return copy;
        }),
      fc
        .tuple(fc.integer({ min: 1, max: 8 * 1024 * 1024 }), fc.integer({ min: 0, max: 2 ** 31 }))
        .map(([size, declared]) =>
          makeZip([
            { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
            { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
            { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(size), declaredSize: declared },
          ]),
        ),
    );
    await fc.assert(
      fc.asyncProperty(file, (f) => refusesCleanly(() => readTemplate(f))),
      { numRuns: 60 * RUNS },
    );
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300 * 1024 * 1024);
  }, 180_000);

  it('CSV and DHIS2: garbage, unclosed quotes and odd JSON are refused as ImportProblem', async () => {
    const csv = fc.oneof(
      bytes(500),
      fc
        .string({ maxLength: 400 })
        .map((s) => Buffer.from(`elementCode,unitCode,period,value\n${s}`)),
      fc
        .constantFrom('"', 'a,"b\n', '\uFEFF', 'dataelement,period,orgunit,value\n"x')
        .map((t) => Buffer.from(t)),
    );
    await fc.assert(
      fc.asyncProperty(csv, async (b) => {
        await refusesCleanly(() => readValuesCsv(new Uint8Array(b)));
        await refusesCleanly(() => readDhis2Csv(new Uint8Array(b)));
      }),
      { numRuns: 300 * RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), (body) =>
        refusesCleanly(() => readDhis2Json(body)),
      ),
      { numRuns: 300 * RUNS },
    );
  }, 120_000);
});
