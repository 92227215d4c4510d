import { normalizeUscc, describeUsccProblem, isValidUscc, usccCheckChar, usccProblem, withUsccCheckChar } from './uscc';

describe('uscc', () => {
  it('accepts the example of the standard', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('computes the check character, mapping 31 to 0', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    const codes = Array.from({ length: 200 }, (_, i) => withUsccCheckChar(`9121090${String(i).padStart(10, '0')}`));
    codes.forEach((code) => expect(isValidUscc(code)).toBe(true));
    expect(codes.some((code) => code.endsWith('0'))).toBe(true);
  });

  it('names a wrong length', () => {
    expect(usccProblem('91350100M000100Y4')).toEqual({ kind: 'length', length: 17 });
    expect(usccProblem('91350100M000100Y433')).toEqual({ kind: 'length', length: 19 });
    expect(usccProblem('')).toEqual({ kind: 'length', length: 0 });
  });

  it('asks for upper case', () => {
    const problem = usccProblem('91350100m000100Y43');
    expect(problem).toEqual({ kind: 'lowercase', position: 9, char: 'm' });
    expect(describeUsccProblem(problem!)).toContain('大写');
  });

  it.each(['I', 'O', 'S', 'V', 'Z', 'i', 'o'])('refuses the letter %s', (letter) => {
    const problem = usccProblem(`91350100${letter}000100Y43`);
    expect(problem).toMatchObject({ kind: 'forbidden_letter', position: 9 });
    expect(describeUsccProblem(problem!)).toContain('I、O、S、V、Z');
  });

  it('refuses other characters', () => {
    expect(usccProblem('91350100-000100Y43')).toMatchObject({ kind: 'invalid_char', position: 9, char: '-' });
    expect(usccProblem('91350100中000100Y43')).toMatchObject({ kind: 'invalid_char', position: 9 });
  });

  it('says that the code does not check out and to compare it with the business licence, not which character is wrong', () => {
    const problem = usccProblem('91350100M000100Y44');
    expect(problem).toEqual({ kind: 'check_char', expected: '3', actual: '4' });
    expect(describeUsccProblem(problem!)).toBe('统一社会信用代码校验不通过，请与营业执照上的代码逐位核对');
    expect(describeUsccProblem(problem!)).not.toMatch(/第 18 位|应为/);
  });

  it('reads a code as people type it: spaces, full width and lower case', () => {
    expect(normalizeUscc(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeUscc('9135 0100 M000 100Y 43')).toBe('91350100M000100Y43');
  });
});
