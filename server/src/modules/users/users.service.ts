// Accounts: creation with a unit that fits the role, password changes, listing.
import type { Kysely } from 'kysely';
import { badRequest, conflict } from '../../common/errors';
import type { Actor } from '../../common/policy';
import type { DB, Role, UnitLevel } from '../../db/schema';
import { recordAudit } from '../audit/audit.service';
import { clearThrottle, deleteUserSessions } from '../auth/auth.repository';
import { accountKey } from '../auth/throttle';
import { checkPasswordPolicy, hashPassword } from '../auth/password';
import { findUnit } from '../org-units/org-units.service';
import * as repo from './users.repository';

export const ROLES: Role[] = ['sysadmin', 'supervisor', 'department', 'city', 'county', 'viewer'];

/** The unit level each role must belong to; null means no unit is needed. */
const unitLevelFor: Record<Role, UnitLevel | null> = {
  sysadmin: null,
  supervisor: null,
  department: 'department',
  city: 'city',
  county: 'county',
  viewer: null,
};

const levelNames: Record<UnitLevel, string> = {
  province: '省级',
  city: '地级以上市',
  county: '县（市、区）',
  department: '省直部门',
};

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitCode?: string | null;
}

export interface ChangeSource {
  actor?: Actor | null;
  /** Who did it when no web actor exists (the CLI's operator). */
  label?: string;
  ip?: string | null;
}

export async function createUser(
  db: Kysely<DB>,
  input: NewUser,
  by: ChangeSource,
): Promise<number> {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9._-]{3,40}$/.test(username))
    throw badRequest('USERNAME_INVALID', '用户名须为3–40位字母、数字或 . _ -', [
      { field: 'username', message: '格式不正确' },
    ]);
  if (!ROLES.includes(input.role))
    throw badRequest('ROLE_INVALID', `未知角色：${input.role}`, [
      { field: 'role', message: '未知角色' },
    ]);
  checkPasswordPolicy(input.password, username);
  // An empty code is no unit (JSON null reaches here as '' after type coercion).
  const unitCode = input.unitCode?.trim() || null;
  await checkUnitFitsRole(db, input.role, unitCode);
  if (await repo.findByUsername(db, username))
    throw conflict('USERNAME_TAKEN', `用户名“${username}”已存在`);
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      username,
      display_name: input.displayName.trim() || username,
      password_hash: passwordHash,
      role: input.role,
      unit_code: unitCode,
      disabled: 0,
      created_at: now,
      password_changed_at: now,
    });
    await recordAudit(trx, {
      action: 'user.create',
      actor: by.actor,
      username: by.actor ? undefined : by.label,
      ip: by.ip,
      targetType: 'user',
      targetId: id,
      unitCode,
      details: { username, role: input.role },
    });
    return id;
  });
}

async function checkUnitFitsRole(
  db: Kysely<DB>,
  role: Role,
  unitCode: string | null,
): Promise<void> {
  const level = unitLevelFor[role];
  if (!unitCode) {
    if (level)
      throw badRequest('UNIT_REQUIRED', `该角色须指定所属${levelNames[level]}单位`, [
        { field: 'unitCode', message: '必填' },
      ]);
    return;
  }
  const unit = await findUnit(db, unitCode);
  if (!unit)
    throw badRequest('UNIT_UNKNOWN', `未知单位代码：${unitCode}`, [
      { field: 'unitCode', message: '未知单位代码' },
    ]);
  if (level && unit.level !== level)
    throw badRequest(
      'UNIT_LEVEL_MISMATCH',
      `“${unit.name}”不是${levelNames[level]}单位，不能用于该角色`,
      [{ field: 'unitCode', message: '单位层级与角色不符' }],
    );
}

/** Sets a new password and ends every session of that user, except the caller's own. */
export async function setPassword(
  db: Kysely<DB>,
  username: string,
  password: string,
  by: ChangeSource & { keepSessionId?: string },
): Promise<void> {
  const user = await repo.findByUsername(db, username);
  if (!user)
    throw badRequest('USER_UNKNOWN', `用户不存在：${username}`, [
      { field: 'username', message: '用户不存在' },
    ]);
  checkPasswordPolicy(password, username);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, hash, new Date().toISOString());
    await deleteUserSessions(trx, user.id, by.keepSessionId);
    await recordAudit(trx, {
      action: 'user.password',
      actor: by.actor,
      username: by.actor ? undefined : by.label,
      ip: by.ip,
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/** Lifts an account's login lock (an administrator's answer to a deliberate lock-out). */
export async function unlockAccount(
  db: Kysely<DB>,
  username: string,
  by: ChangeSource,
): Promise<void> {
  const user = await repo.findByUsername(db, username);
  if (!user)
    throw badRequest('USER_UNKNOWN', `用户不存在：${username}`, [
      { field: 'username', message: '用户不存在' },
    ]);
  await db.transaction().execute(async (trx) => {
    await clearThrottle(trx, accountKey(username));
    await recordAudit(trx, {
      action: 'user.unlock',
      actor: by.actor,
      username: by.actor ? undefined : by.label,
      ip: by.ip,
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export const listUsers = repo.listUsers;
export const findByUsername = repo.findByUsername;
