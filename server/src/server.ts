// Starts the HTTP server with graceful shutdown: on SIGTERM/SIGINT it stops the scheduler,
// stops accepting, finishes in-flight requests, then closes the database.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import type { AppConfig } from './config';
import { createContext } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createScheduler } from './modules/scheduler/jobs';
import { schedulerEnabled } from './modules/scheduler/scheduler';

export async function startServer(
  config: AppConfig,
  onListening?: (url: string) => void,
): Promise<void> {
  const database = openDatabase(config);
  await migrateToLatest(database);
  const ctx = await createContext(config, database);
  const app = await buildApp(ctx, { logger: true });
  // Reminders, ledger statuses, supervision rules, bulletin drafts: each slot runs once, in
  // process on SQLite, through pg-boss on PostgreSQL (MINSHENG_SCHEDULER=off: not here).
  const scheduler = schedulerEnabled()
    ? createScheduler(ctx, (e) => app.log.error(e, 'scheduled job failed'))
    : null;
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error(err);
    await scheduler?.stop().catch((e: unknown) => app.log.error(e));
    await app.close();
    await database.destroy();
  });
  const address = await app.listen({ host: config.host, port: config.port });
  // A scheduler that cannot start (e.g. pg-boss cannot create its schema) must not stop the
  // app from serving; it is logged.
  await scheduler
    ?.start()
    .then(() => app.log.info(`scheduler started (${scheduler.kind})`))
    .catch((e: unknown) => app.log.error(e, 'scheduler did not start'));
  onListening?.(address);
}
