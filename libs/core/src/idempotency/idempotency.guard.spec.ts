import { bodyHashOf } from './idempotency.guard';

describe('bodyHashOf', () => {
  it('ignores the order of JSON keys', () => {
    expect(bodyHashOf({ a: 1, b: { c: 2, d: 3 } })).toBe(bodyHashOf({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('tells different bodies apart', () => {
    expect(bodyHashOf({ a: 1 })).not.toBe(bodyHashOf({ a: 2 }));
    expect(bodyHashOf(Buffer.from('甲公司'))).not.toBe(bodyHashOf(Buffer.from('乙公司')));
  });

  it('hashes raw uploads by their bytes and an absent body as null', () => {
    expect(bodyHashOf(Buffer.from('abc'))).toBe(bodyHashOf(Buffer.from('abc')));
    expect(bodyHashOf(undefined)).toBe(bodyHashOf(null));
  });
});
