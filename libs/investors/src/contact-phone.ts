import { toHalfWidth } from './company-name';

/** Mainland mobile numbers, and landlines with an area code such as 0418-1234567 (extension: 0418-1234567-8001). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-\d{7,8}(-\d{1,6})?)$/;

/** An extension as people write it after the number: 转8001, 分机 8001, ext. 8001, x8001, #8001. */
const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

/**
 * A phone number as people type it, in the one form the registry keeps, or null when it is none:
 * spaces, dashes, dots and brackets dropped, full-width digits half-width, +86/0086 removed;
 * `138 1234 5678` and `+86 138-1234-5678` → `13812345678`; `(0418) 123 4567 转8001` → `0418-1234567-8001`.
 * A landline's area code has three digits for 010 and 02x, four otherwise (the national plan).
 */
export function normalizePhone(text: string): string | null {
  let rest = toHalfWidth(text.normalize('NFKC')).trim();
  if (PHONE_PATTERN.test(rest.replace(/\s+/g, ''))) return rest.replace(/\s+/g, '');
  const extension = EXTENSION.exec(rest);
  if (extension) rest = rest.slice(0, extension.index);
  rest = rest.replace(/[\s\-–—.()]/g, '');
  const international = /^(\+86|0086)/.exec(rest);
  if (international) rest = rest.slice(international[0].length);
  if (!/^\d+$/.test(rest)) return null;
  if (MOBILE_PATTERN.test(rest)) return extension ? null : rest;
  if (international && !rest.startsWith('0')) rest = `0${rest}`;
  if (!rest.startsWith('0')) return null;
  const areaLength = /^(010|02\d)/.test(rest) ? 3 : 4;
  const landline = `${rest.slice(0, areaLength)}-${rest.slice(areaLength)}${extension ? `-${extension[1]}` : ''}`;
  return LANDLINE_PATTERN.test(landline) ? landline : null;
}

/** Display de-identification (GB/T 35273): 138****5678; landlines keep the area code and last four digits. */
export function maskPhone(phone: string): string {
  if (MOBILE_PATTERN.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const [area, number] = phone.split('-');
  if (LANDLINE_PATTERN.test(phone) && number) return `${area}-****${number.slice(-4)}`;
  return phone.length <= 4 ? '****' : `****${phone.slice(-4)}`;
}

/** li.jingli@example.com → l***@example.com: the domain says which company, the person stays hidden. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}

/** lijingli_1988 → li****88; short ids are hidden whole. */
export function maskWechat(wechat: string): string {
  const chars = Array.from(wechat);
  return chars.length <= 4 ? '****' : `${chars.slice(0, 2).join('')}****${chars.slice(-2).join('')}`;
}
