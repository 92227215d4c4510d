import { INPUT_LIMITS, inputProblem, normalizeNumericInput, normalizeNumericText } from './input-limits';

describe('input limits', () => {
  it('accepts an ordinary request', () => {
    expect(
      inputProblem({ summary: '洽谈内容 😀', deal: { signedDate: '2026-09-18' }, leaderIds: ['a', 'b'] }),
    ).toBeNull();
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(inputProblem(deep)?.message).toContain('嵌套过深');
    let fine: unknown = 1;
    for (let i = 0; i < INPUT_LIMITS.depth; i++) fine = { a: fine };
    expect(inputProblem(fine)).toBeNull();
  });

  it('refuses an object of too many keys and a request of too many values', () => {
    const wide = Object.fromEntries(Array.from({ length: INPUT_LIMITS.keysPerObject + 1 }, (_, i) => [`k${i}`, 1]));
    expect(inputProblem(wide)?.message).toContain('字段过多');
    const many = { items: Array.from({ length: INPUT_LIMITS.nodes + 1 }, () => 1) };
    expect(inputProblem(many)?.message).toContain('过于庞大');
  });

  it('names the field holding a NUL byte or a lone surrogate, in values and in keys', () => {
    expect(inputProblem({ deal: { note: 'a\u0000b' } })).toEqual({
      field: 'deal.note',
      message: 'deal.note 不能包含空字符（\\u0000）',
    });
    expect(inputProblem({ items: ['ok', 'x\ud800'] })?.field).toBe('items[1]');
    expect(inputProblem({ items: ['\udc00'] })?.message).toContain('不成对的代理项');
    expect(inputProblem({ 'a\u0000': 1 })?.field).toBe('a?');
    expect(inputProblem('\u0000')?.message).toContain('空字符');
  });

  it('refuses a list inside a list', () => {
    expect(inputProblem({ items: [[]] })).toEqual({
      field: 'items[0]',
      message: 'items[0] 应为对象或值，数组中不能再嵌套数组',
    });
  });

  it('writes full-width digits of dates and amounts in ASCII and leaves other text alone', () => {
    expect(normalizeNumericText('２０２６－１１－１８')).toBe('2026-11-18');
    expect(normalizeNumericText('１２５００．００')).toBe('12500.00');
    expect(normalizeNumericText('2026-11-18')).toBe('2026-11-18');
    expect(normalizeNumericText('第１２期')).toBe('第１２期');
    expect(normalizeNumericInput({ a: { b: ['２０２６－１１'] } })).toEqual({ a: { b: ['2026-11'] } });
  });
});
