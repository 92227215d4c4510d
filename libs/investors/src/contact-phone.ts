/** Mainland mobile numbers, and landlines with an area code such as 0418-1234567. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-\d{7,8}(-\d{1,6})?)$/;

/** Display de-identification (GB/T 35273): 138****5678; landlines keep the area code and last four digits. */
export function maskPhone(phone: string): string {
  if (MOBILE_PATTERN.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const [area, number] = phone.split('-');
  if (LANDLINE_PATTERN.test(phone) && number) return `${area}-****${number.slice(-4)}`;
  return phone.length <= 4 ? '****' : `****${phone.slice(-4)}`;
}
