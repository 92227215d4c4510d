import { ValidationException } from '@app/core';
import * as argon2 from 'argon2';

const CLASSES: [RegExp, string][] = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/**
 * 等保 2.0 level-3 practice: at least 8 characters from at least three of the four classes,
 * and not the username itself. Returns the problems; empty when the password is acceptable.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('密码至少 8 位');
  if (password.length > 128) problems.push('密码最多 128 位');
  const classes = CLASSES.filter(([pattern]) => pattern.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

export function assertPasswordPolicy(password: string, username?: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new ValidationException(`密码不符合安全要求：${problems.join('；')}`, [{ field: 'password', problems }]);
  }
}

/** argon2id with the library's defaults (64 MiB, 3 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
