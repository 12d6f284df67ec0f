// Password hashing (argon2id, the library's default algorithm) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { badRequest } from '../../common/errors';

export const MIN_PASSWORD_LENGTH = 12;

export function checkPasswordPolicy(password: string, username?: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badRequest('PASSWORD_TOO_SHORT', `密码至少需要${MIN_PASSWORD_LENGTH}个字符`, [
      { field, message: `至少${MIN_PASSWORD_LENGTH}个字符` },
    ]);
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    throw badRequest('PASSWORD_CONTAINS_USERNAME', '密码不能包含用户名', [
      { field, message: '不能包含用户名' },
    ]);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/** A password for generated accounts: 20 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

// Verifying against this when the username is unknown keeps timing equal for both cases.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  return dummyHash;
}
