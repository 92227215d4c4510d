import { containsPattern } from './like-pattern';

describe(containsPattern.name, () => {
  it('matches the text anywhere and escapes its own wildcards and escape character', () => {
    expect(containsPattern('金山')).toBe('%金山%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
