import fc from 'fast-check';
import { canonicalJson } from './audit-chain';

/** A copy of a JSON value whose objects list their keys in another order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, member]) => [key, reordered(member)]),
  );
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: null, y: '乙' }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":"乙","z":null}]},"b":1}',
    );
  });

  it('sorts keys that look like numbers as text, as the format always has', () => {
    expect(canonicalJson({ a: 3, 10: 1, 9: 2 })).toBe('{"10":1,"9":2,"a":3}');
    expect(canonicalJson({ rows: [{ 2: 'x', 1: 'y' }] })).toBe('{"rows":[{"1":"y","2":"x"}]}');
  });

  it('keeps an own "__proto__" key of parsed JSON', () => {
    expect(canonicalJson(JSON.parse('{"b":2,"__proto__":{"a":1}}'))).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('writes a Date as its ISO string, and undefined and NaN as null', () => {
    expect(canonicalJson({ at: new Date('2026-11-22T15:30:00Z') })).toBe('{"at":"2026-11-22T15:30:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, Number.NaN, 1])).toBe('[null,null,1]');
  });

  it('writes a class instance by its own fields, whatever its toJSON says', () => {
    class Amount {
      constructor(
        readonly yuan: string,
        readonly unit: string,
      ) {}
      toJSON(): string {
        return `${this.yuan} ${this.unit}`;
      }
    }
    expect(canonicalJson({ amount: new Amount('12.50', '万元') })).toBe('{"amount":{"unit":"万元","yuan":"12.50"}}');
  });

  it('gives the same text whatever the key order, and that text is the same JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reordered(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
