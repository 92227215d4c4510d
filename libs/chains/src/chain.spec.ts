import { closesCycle } from './chain';

describe(closesCycle.name, () => {
  const parents = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
    ['d', null],
  ]);

  it('refuses a link as its own parent or under its own descendant', () => {
    expect(closesCycle('a', 'a', parents)).toBe(true);
    expect(closesCycle('a', 'c', parents)).toBe(true);
    expect(closesCycle('b', 'c', parents)).toBe(true);
  });

  it('accepts a parent outside the link’s subtree', () => {
    expect(closesCycle('c', 'a', parents)).toBe(false);
    expect(closesCycle('d', 'c', parents)).toBe(false);
    expect(closesCycle('b', 'd', parents)).toBe(false);
  });
});
