import { ValidationException } from '@app/core';
import { COMMON_PASSWORDS } from './common-passwords';

export { hashPassword } from './password-hasher';

const CLASSES: [RegExp, string][] = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

const COMMON = new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));

/** Look-alike characters people put in place of letters (P@ssw0rd): undone before looking for words. */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

/** Words a password may not contain, even with look-alikes: the start of every guessing list. */
const WORDS = ['password', 'passwd', 'admin', 'qwerty', 'iloveyou', 'welcome', 'letmein', 'woaini'];

/** The demo accounts' password and its variants (Haizhou@2026, haizhou2027!, H@izhou#1). */
const DEMO_FAMILY = 'haizhou';

/** Rows of the keyboard, the alphabet and the digits: four letters or six digits along one in a row is a walk. */
const WALKS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '1qaz2wsx3edc4rfv5tgb'];
const DIGIT_RUN = '01234567890';

function normalised(password: string): string {
  return [...password.toLowerCase()].map((c) => LEET[c] ?? c).join('');
}

/** Whether the text holds `length` characters that follow one another along a row (either way). */
function hasRun(text: string, row: string, length: number): boolean {
  const backwards = [...row].reverse().join('');
  for (let i = 0; i + length <= text.length; i++) {
    const part = text.slice(i, i + length);
    if (row.includes(part) || backwards.includes(part)) return true;
  }
  return false;
}

function isKeyboardWalk(password: string): boolean {
  const lower = password.toLowerCase();
  return WALKS.some((row) => hasRun(lower, row, 4)) || hasRun(lower, DIGIT_RUN, 6);
}

/**
 * 等保 2.0 level-3 practice (身份鉴别: 口令复杂度): at least 8 characters from at least three of the four
 * classes; not the username; not a common or leaked password (a list of about ten thousand, compared in lower
 * case); no common word even written with look-alikes (P@ssw0rd); not the demo password or a variant of it;
 * no keyboard walk (Qwer1234!, 1qaz2wsx). Returns the problems; empty when the password is acceptable.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('密码至少 8 位');
  if (password.length > 128) problems.push('密码最多 128 位');
  const classes = CLASSES.filter(([pattern]) => pattern.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  const plain = normalised(password);
  if (COMMON.has(password.toLowerCase())) problems.push('该密码是常见密码或已泄露的密码，容易被猜中');
  else if (WORDS.some((word) => plain.includes(word))) problems.push('密码不能包含 password、admin 等常见单词');
  if (plain.includes(DEMO_FAMILY)) problems.push('不能使用演示账号的密码或其变体');
  if (isKeyboardWalk(password)) problems.push('密码不能包含键盘上连续的字符（如 qwer、asdf、123456）');
  return problems;
}

export function assertPasswordPolicy(password: string, username?: string, field = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new ValidationException(`密码不符合安全要求：${problems.join('；')}`, [{ field, problems }]);
  }
}

/** Checks a password against the hash; for code outside the request path (the request path uses PasswordHasher). */
export { verifyPasswordUnbounded as verifyPassword } from './password-hasher';
