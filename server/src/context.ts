// What every module receives: configuration, the database and the shared in-memory directories.
import type { Kysely } from 'kysely';
import type { AppConfig } from './config';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import { OrgDirectory } from './modules/org-units/org-units.service';
import { PlanStore } from './modules/plan/plan.service';
import { SessionCache } from './modules/auth/session-cache';

export interface AppContext {
  config: AppConfig;
  database: Database;
  db: Kysely<DB>;
  orgs: OrgDirectory;
  plans: PlanStore;
  sessions: SessionCache;
}

export async function createContext(config: AppConfig, database: Database): Promise<AppContext> {
  return {
    config,
    database,
    db: database.db,
    orgs: await OrgDirectory.load(database.db),
    plans: new PlanStore(database.db),
    sessions: new SessionCache(config.session.cacheSeconds * 1000),
  };
}
