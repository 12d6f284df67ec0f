// Starts the HTTP server with graceful shutdown: on SIGTERM/SIGINT it stops accepting,
// finishes in-flight requests, then closes the database.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import type { AppConfig } from './config';
import { createContext } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { startReminderTimer } from './modules/reporting/timeliness.service';

export async function startServer(
  config: AppConfig,
  onListening?: (url: string) => void,
): Promise<void> {
  const database = openDatabase(config);
  await migrateToLatest(database);
  const ctx = await createContext(config, database);
  const app = await buildApp(ctx, { logger: true });
  // Due-date reminders, in process for now (idempotent, so several processes may run it).
  const stopReminders = startReminderTimer(ctx, 15 * 60_000, (e) => app.log.error(e));
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error(err);
    stopReminders();
    await app.close();
    await database.destroy();
  });
  const address = await app.listen({ host: config.host, port: config.port });
  onListening?.(address);
}
