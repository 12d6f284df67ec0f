// `minsheng hotline import <file>`: streams a 12345 export into the database with a progress
// bar (bytes read of the file's size), all or nothing.
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Command } from 'commander';
import { badRequest } from '../common/errors';
import { operatorLabel, withDatabase } from './output';

export function registerHotline(program: Command): void {
  const hotline = program.command('hotline').description('12345 hotline tickets');
  hotline
    .command('import <file>')
    .description('import a hotline export (.csv or .xlsx); re-imports update tickets by id')
    .action(async (file: string) => {
      // Loaded on use: the readers (exceljs) would slow every other command's start.
      const { OrgDirectory } = await import('../modules/org-units/org-units.service');
      const { formatOf } = await import('../modules/hotline/hotline-reader');
      const { importTickets } = await import('../modules/hotline/hotline.service');
      const format = formatOf(file);
      if (!format) throw badRequest('HOTLINE_FORMAT', `${file}：仅支持 .csv 或 .xlsx 文件`);
      if (!fs.existsSync(file)) throw badRequest('FILE_NOT_FOUND', `找不到文件：${file}`);
      const size = fs.statSync(file).size;
      const progress = new Progress(size);
      const counted = fs.createReadStream(file).pipe(
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            progress.bytes += chunk.length;
            done(null, chunk);
          },
        }),
      );
      const summary = await withDatabase(async (database) =>
        importTickets(
          database.db,
          await OrgDirectory.load(database.db),
          { stream: counted, fileName: path.basename(file), format },
          { label: operatorLabel() },
          (rows) => progress.show(rows),
        ),
      ).finally(() => progress.end());
      console.log(
        `导入完成：${summary.rows} 行，新增 ${summary.inserted}，更新 ${summary.updated}（导入批次 ${summary.importId}）`,
      );
    });
}

class Progress {
  bytes = 0;
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY;
  private lastPrinted = 0;
  constructor(private readonly size: number) {}

  show(rows: number): void {
    const now = Date.now();
    if (!this.tty && now - this.lastPrinted < 2000) return;
    this.lastPrinted = now;
    const share = this.size ? Math.min(1, this.bytes / this.size) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const seconds = (now - this.started) / 1000;
    const line = `[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} 行  ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} 行/秒`;
    process.stderr.write(this.tty ? `\r${line}` : `${line}\n`);
  }

  end(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
