import { USCC_ALPHABET, withUsccCheckChar } from '@app/investors';

/** A valid USCC for the n-th demo company: the same on every machine. */
export function demoUscc(regionCode: string, n: number): string {
  let seed = 7919 * (n + 1) + 104729;
  let organisation = 'MA';
  while (organisation.length < 9) {
    organisation += USCC_ALPHABET[seed % USCC_ALPHABET.length];
    seed = Math.floor(seed / 7) + 31 * organisation.length;
  }
  return withUsccCheckChar(`91${regionCode}${organisation}`);
}

/** A mainland mobile number for the n-th demo contact. */
export function demoPhone(n: number): string {
  return `139${String(41800000 + n * 7331)
    .padStart(8, '0')
    .slice(-8)}`;
}

/** The local company the investor registers in 海州区 (行政区划 210902), one per demo project. */
export function demoLocalUscc(n: number): string {
  return withUsccCheckChar(`91210902MA${String(n + 1).padStart(7, '0')}`);
}
