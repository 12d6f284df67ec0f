import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { tinyPdf, tinyPng } from '../ledgers/ledgers.test-files';
import { checkEvidenceFiles } from './evidence.service';

const file = (fileName: string, bytes: Buffer) => ({ fieldName: 'files', fileName, bytes });
const failure = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
  }
  throw new Error('expected an AppError');
};

describe('checkEvidenceFiles', () => {
  it('accepts images, PDF and Office files by their content, with a hash', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow([1]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const checked = await checkEvidenceFiles([
      file('C:\\照片\\现场.PNG', tinyPng()),
      file('批复.pdf', tinyPdf()),
      file('台账.xlsx', xlsx),
    ]);
    expect(checked.map((c) => [c.fileName, c.mediaType])).toEqual([
      ['现场.PNG', 'image/png'],
      ['批复.pdf', 'application/pdf'],
      ['台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(checked[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file whose content does not match its extension, naming it', async () => {
    const e = await failure(
      checkEvidenceFiles([file('a.pdf', tinyPdf()), file('b.jpg', tinyPng())]),
    );
    expect(e.status).toBe(400);
    expect(e.details).toEqual([
      { field: 'files[1]', message: '文件“b.jpg”的内容与扩展名 .jpg 不符（实际为 png）' },
    ]);
  });

  it('refuses unknown types, empty files, too many and too large ones', async () => {
    expect(
      (await failure(checkEvidenceFiles([file('x.exe', tinyPng())]))).details?.[0]?.field,
    ).toBe('files[0]');
    expect((await failure(checkEvidenceFiles([file('x.png', Buffer.alloc(0))]))).status).toBe(400);
    const many = Array.from({ length: 11 }, (_, i) => file(`${i}.png`, tinyPng()));
    expect((await failure(checkEvidenceFiles(many))).status).toBe(413);
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await failure(checkEvidenceFiles([file('big.pdf', big)]))).status).toBe(413);
  });
});
