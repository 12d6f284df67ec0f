// Single sign-on (OpenID Connect): which external subject is which local account, and the
// short-lived state of logins in progress (PKCE verifier, nonce), kept in the database so a
// login started on one app process can finish on another.
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  // Links are made by an administrator; an unknown subject never gets an account by itself.
  await db.schema
    .createTable('oidc_links')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oidc_links_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('oidc_links_user').on('oidc_links').column('user_id').execute();

  await db.schema
    .createTable('oidc_logins')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('next_path', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_logins').ifExists().execute();
  await db.schema.dropTable('oidc_links').ifExists().execute();
}
