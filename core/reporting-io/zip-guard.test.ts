import { describe, expect, it } from 'vitest';
import { ImportProblem } from './problems';
import { makeZip } from './test-files';
import { DEFAULT_ZIP_LIMITS, guardXlsx, readZipDirectory } from './zip-guard';

const skeleton = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];

function problemOf(run: () => unknown): ImportProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportProblem) return error;
    throw error;
  }
  throw new Error('expected an ImportProblem');
}

describe('zip guard', () => {
  it('accepts a small, honest workbook container and lists its entries', () => {
    const file = makeZip([
      ...skeleton,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>') },
    ]);
    expect(guardXlsx(file).map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('names an old .xls and a renamed text file as not an xlsx', () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600),
    ]);
    expect(problemOf(() => guardXlsx(xls)).userMessage).toContain('.xls');
    const csv = Buffer.from('elementCode,unitCode,period,value\nemp.a,441403,2025-07,5\n');
    const p = problemOf(() => guardXlsx(csv));
    expect(p.code).toBe('XLSX_INVALID');
    expect(p.userMessage).toContain('不是有效的 Excel');
  });

  it('refuses a zip that holds no workbook (a .docx, a plain archive)', () => {
    const docx = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w/>') },
    ]);
    expect(problemOf(() => guardXlsx(docx)).userMessage).toContain('没有 Excel 工作簿');
  });

  it('refuses by the declared total before inflating anything', () => {
    const bomb = makeZip([
      ...skeleton,
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.alloc(1000),
        declaredSize: 150 * 1024 * 1024,
      },
    ]);
    const p = problemOf(() => guardXlsx(bomb, { ...DEFAULT_ZIP_LIMITS, maxRatio: Infinity }));
    expect(p.code).toBe('XLSX_TOO_LARGE_UNCOMPRESSED');
    expect(p.userMessage).toContain('超过上限 100 MB');
  });

  it('refuses an entry with an absurd compression ratio', () => {
    const bomb = makeZip([
      ...skeleton,
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(4 * 1024 * 1024) },
    ]);
    const p = problemOf(() => guardXlsx(bomb));
    expect(p.userMessage).toMatch(/压缩比 \d+:1 异常/);
  });

  it('catches a directory that under-declares what an entry inflates to', () => {
    const liar = makeZip([
      ...skeleton,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(512 * 1024, 7), declaredSize: 1024 },
    ]);
    expect(readZipDirectory(liar).at(-1)!.uncompressedSize).toBe(1024);
    expect(problemOf(() => guardXlsx(liar)).userMessage).toContain('大于其声明的大小');
  });

  it('refuses a truncated file', () => {
    const file = makeZip(skeleton);
    expect(problemOf(() => guardXlsx(file.subarray(0, file.length - 10))).code).toBe(
      'XLSX_INVALID',
    );
  });
});
