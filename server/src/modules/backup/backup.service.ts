// Backups: SQLite's own online copy (VACUUM INTO, consistent while the server runs) and
// pg_dump/pg_restore on PostgreSQL. Restore expects the server to be stopped.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { AppError } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';

export async function backup(database: Database, file: string, label: string): Promise<void> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new AppError(409, 'BACKUP_EXISTS', `备份文件已存在：${target}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await recordAudit(database.db, {
    action: 'backup.create',
    username: label,
    details: { file: target },
  });
  if (database.dialect === 'sqlite') {
    await sql`vacuum into ${target}`.execute(database.db);
    return;
  }
  run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, database.location]);
}

export async function restore(database: Database, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source))
    throw new AppError(404, 'BACKUP_MISSING', `备份文件不存在：${source}`);
  if (database.dialect === 'sqlite') {
    // Close first: the file is replaced underneath, together with its WAL files.
    await database.destroy();
    for (const suffix of ['-wal', '-shm'])
      fs.rmSync(`${database.location}${suffix}`, { force: true });
    fs.copyFileSync(source, database.location);
    return;
  }
  run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    `--dbname=${database.location}`,
    source,
  ]);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error)
    throw new AppError(500, 'TOOL_MISSING', `无法运行 ${command}：${result.error.message}`);
  if (result.status !== 0)
    throw new AppError(500, 'TOOL_FAILED', `${command} 失败：${result.stderr.trim()}`);
}
