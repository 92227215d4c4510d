import { toHalfWidth } from './company-name';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and A–Y without I, O, S, V, Z;
 * the last one is a check character over the first seventeen.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_LENGTH = 18;
const FORBIDDEN_LETTERS = new Set(['I', 'O', 'S', 'V', 'Z']);
const WEIGHTS = Array.from({ length: USCC_LENGTH - 1 }, (_, i) => 3 ** i % 31);

export type UsccProblem =
  | { kind: 'length'; length: number }
  | { kind: 'lowercase'; position: number; char: string }
  | { kind: 'forbidden_letter'; position: number; char: string }
  | { kind: 'invalid_char'; position: number; char: string }
  | { kind: 'check_char'; expected: string; actual: string };

/** The check character for the first seventeen characters (which must be valid). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < USCC_LENGTH - 1; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check];
}

/** The first thing wrong with a code, or null when it is valid. Positions count from 1. */
export function usccProblem(code: string): UsccProblem | null {
  const chars = Array.from(code);
  if (chars.length !== USCC_LENGTH) return { kind: 'length', length: chars.length };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (USCC_ALPHABET.includes(char)) continue;
    const upper = char.toUpperCase();
    if (upper !== char && USCC_ALPHABET.includes(upper)) return { kind: 'lowercase', position: i + 1, char };
    if (FORBIDDEN_LETTERS.has(upper)) return { kind: 'forbidden_letter', position: i + 1, char };
    return { kind: 'invalid_char', position: i + 1, char };
  }
  const expected = usccCheckChar(code.slice(0, USCC_LENGTH - 1));
  const actual = code[USCC_LENGTH - 1];
  return expected === actual ? null : { kind: 'check_char', expected, actual };
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** What a person reads when a code is wrong. */
export function describeUsccProblem(problem: UsccProblem): string {
  switch (problem.kind) {
    case 'length':
      return `统一社会信用代码应为 18 位，实际为 ${problem.length} 位`;
    case 'lowercase':
      return `统一社会信用代码第 ${problem.position} 位“${problem.char}”须为大写字母`;
    case 'forbidden_letter':
      return `统一社会信用代码第 ${problem.position} 位“${problem.char}”不允许：代码不使用字母 I、O、S、V、Z`;
    case 'invalid_char':
      return `统一社会信用代码第 ${problem.position} 位“${problem.char}”不是有效字符（只允许数字和大写字母）`;
    case 'check_char':
      // a check character shows that the code is wrong, not which character is
      return '统一社会信用代码校验不通过，请与营业执照上的代码逐位核对';
  }
}

/** A code as people type it: spaces removed, full-width forms (Ａ, １) half-width, letters upper case. */
export function normalizeUscc(text: string): string {
  return toHalfWidth(text.normalize('NFKC')).replace(/\s+/g, '').toUpperCase();
}

/** Completes seventeen characters with their check character (demo data and tests). */
export function withUsccCheckChar(first17: string): string {
  return first17 + usccCheckChar(first17);
}
