import type { Command } from 'commander';
import {
  createUser,
  listUsers,
  setPassword,
  unlockAccount,
  ROLES,
} from '../modules/users/users.service';
import { generatePassword } from '../modules/auth/password';
import { linkOidcSubject } from '../modules/auth/oidc.service';
import { loadConfig } from '../config';
import type { Role } from '../db/schema';
import { withDatabase, operatorLabel } from './output';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage accounts');

  user
    .command('add <username>')
    .description(`create an account; roles: ${ROLES.join(', ')}`)
    .requiredOption('--role <role>', 'sysadmin | supervisor | department | city | county | viewer')
    .option('--unit <code>', 'org unit code (city 441400, county 441403, department GD-…)')
    .option('--name <displayName>', 'display name')
    .option('--password <password>', 'at least 12 characters (default: generated and printed)')
    .action(
      async (
        username: string,
        opts: { role: string; unit?: string; name?: string; password?: string },
      ) => {
        const password = opts.password ?? generatePassword();
        await withDatabase((database) =>
          createUser(
            database.db,
            {
              username,
              displayName: opts.name ?? username,
              password,
              role: opts.role as Role,
              unitCode: opts.unit ?? null,
            },
            { label: operatorLabel() },
          ),
        );
        console.log(
          `Created ${username} (${opts.role}).${opts.password ? '' : ` Password: ${password}`}`,
        );
      },
    );

  user
    .command('passwd <username>')
    .description("set a new password and end the user's sessions")
    .option('--password <password>', 'at least 12 characters (default: generated and printed)')
    .action(async (username: string, opts: { password?: string }) => {
      const password = opts.password ?? generatePassword();
      await withDatabase((database) =>
        setPassword(database.db, username, password, { label: operatorLabel() }),
      );
      console.log(
        `Password of ${username} changed.${opts.password ? '' : ` New password: ${password}`}`,
      );
    });

  user
    .command('unlock <username>')
    .description('lift a login lock (after 5 failed logins) before its 15 minutes are up')
    .action(async (username: string) => {
      await withDatabase((database) =>
        unlockAccount(database.db, username, { label: operatorLabel() }),
      );
      console.log(`Login lock of ${username} lifted.`);
    });

  user
    .command('link-oidc <username> <subject>')
    .description(
      'let a subject of the identity platform (MINSHENG_OIDC_ISSUER) sign in as <username>',
    )
    .option('--issuer <url>', 'issuer of the subject (default: $MINSHENG_OIDC_ISSUER)')
    .action(async (username: string, subject: string, opts: { issuer?: string }) => {
      const issuer = opts.issuer ?? loadConfig().oidc?.issuer;
      if (!issuer) throw new Error('No issuer: set MINSHENG_OIDC_ISSUER or pass --issuer');
      await withDatabase((database) =>
        linkOidcSubject(database.db, { issuer, subject, username }, operatorLabel()),
      );
      console.log(`${subject} at ${issuer} now signs in as ${username}.`);
    });

  user
    .command('list')
    .description('list accounts')
    .action(async () => {
      const rows = await withDatabase((database) => listUsers(database.db));
      for (const u of rows)
        console.log(
          `${u.username.padEnd(16)} ${u.role.padEnd(11)} ${(u.unit_code ?? '-').padEnd(10)} ${u.unit_name ?? ''}${u.disabled ? ' (disabled)' : ''}`,
        );
    });
}
