/** Exact arithmetic on 万元 amounts written as decimal strings with at most two decimals, in integer hundredths. */
export function toCents(amount: string | number): bigint {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not an amount: ${text}`);
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** An amount as the API shows it, with two decimals ("12500" → "12500.00", "012.5" → "12.50"). */
export function formatAmount(amount: string): string {
  return fromCents(toCents(amount));
}

/** `after − before`, either of which may be absent (counted as zero). */
export function amountChange(before: string | null, after: string | null): string {
  return fromCents(toCents(after ?? '0') - toCents(before ?? '0'));
}
