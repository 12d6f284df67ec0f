// How the CLI reports results and errors: Chinese user messages with their place, plain text.
import { AppError } from '../common/errors';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ensureAdministrativeUnits } from '../modules/org-units/org-units.service';

export function printError(error: unknown): void {
  if (error instanceof AppError) {
    console.error(`错误 [${error.code}] ${error.userMessage}`);
    for (const d of error.details ?? []) {
      const place = [d.line ? `第${d.line}行` : null, d.row ? `第${d.row}行` : null, d.field]
        .filter(Boolean)
        .join(' ');
      console.error(`  - ${place ? `${place}: ` : ''}${d.message}`);
    }
    return;
  }
  console.error(error instanceof Error ? error.message : String(error));
}

/** Runs `fn` against the configured database (migrated), closing it afterwards. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig());
  try {
    await migrateToLatest(database);
    await ensureAdministrativeUnits(database.db);
    return await fn(database);
  } finally {
    await database.destroy();
  }
}

export const operatorLabel = () => `cli:${process.env.USER ?? 'operator'}`;
