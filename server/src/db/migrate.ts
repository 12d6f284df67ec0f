// Runs the migrations in order; the same list serves both engines.
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database } from './database';
import { columnsFor } from './migrations/columns';
import * as foundation from './migrations/0001_foundation';
import * as reporting from './migrations/0002_reporting';
import * as serviceAreas from './migrations/0003_service_areas';
import * as satisfaction from './migrations/0004_satisfaction';
import * as analytics from './migrations/0005_analytics';
import * as idempotencyKeys from './migrations/0006_idempotency_keys';
import * as tasking from './migrations/0007_tasking';
import * as cases from './migrations/0008_cases';
import * as oidcLinks from './migrations/0009_oidc_links';
import * as auditRetention from './migrations/0010_audit_retention';
import * as planChanges from './migrations/0011_plan_changes';
import * as midterm from './migrations/0012_midterm';
import * as practicalMatters from './migrations/0013_practical_matters';

const migrations = {
  '0001_foundation': foundation,
  '0002_reporting': reporting,
  '0003_service_areas': serviceAreas,
  '0004_satisfaction': satisfaction,
  '0005_analytics': analytics,
  '0006_idempotency_keys': idempotencyKeys,
  '0007_tasking': tasking,
  '0008_cases': cases,
  '0009_oidc_links': oidcLinks,
  '0010_audit_retention': auditRetention,
  '0011_plan_changes': planChanges,
  '0012_midterm': midterm,
  '0013_practical_matters': practicalMatters,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly database: Database) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const col = columnsFor(this.database.dialect);
    const entries = Object.entries(migrations).map(([name, m]) => [
      name,
      {
        up: (db: Kysely<unknown>) => m.up(db, col),
        down: (db: Kysely<unknown>) => m.down(db),
      },
    ]);
    return Promise.resolve(Object.fromEntries(entries) as Record<string, Migration>);
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(database) });
  const { error, results } = await migrator.migrateToLatest();
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
