import { containsPattern, likeOperator } from './like-pattern';

describe(containsPattern.name, () => {
  it('matches the text anywhere and escapes its own wildcards and escape character', () => {
    expect(containsPattern('金山')).toBe('%金山%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe(likeOperator.name, () => {
  it('compares as is only a text in which no letter has a case', () => {
    expect(likeOperator('扩产')).toBe('LIKE');
    expect(likeOperator('基准企业12（阜新）')).toBe('LIKE');
    expect(likeOperator('9121')).toBe('LIKE');
    expect(likeOperator('华氟abc')).toBe('ILIKE');
    expect(likeOperator('MA0T')).toBe('ILIKE');
    expect(likeOperator('Ωmega')).toBe('ILIKE');
    expect(likeOperator('ß')).toBe('ILIKE');
  });
});
