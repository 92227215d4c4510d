import { contentHash, hashOf } from './store/content-hash';

describe(contentHash.name, () => {
  const table = (key: string, rows: unknown[]) => ({
    key,
    title: `表${key}`,
    columns: [{ key: 'bureauCode', header: '招商局', type: 'text' }],
    rows,
  });

  it.each([
    [
      'a report of several tables',
      { week: '2026-W48', version: 2, tables: [table('a', [{ bureauCode: 'B01', n: 1 }]), table('b', [])] },
    ],
    [
      'rows with nested values, index-like keys and Chinese text',
      {
        week: '2026-W48',
        tables: [
          table('z', [
            { bureauCode: 'B02', '2026': '二〇二六', nested: { b: [1, { y: null, x: '"引号"' }], a: true } },
            { bureauCode: 'B01', note: '第\u0001行\n换行' },
            null,
            [1, 2],
          ]),
        ],
        auditChainHead: null,
      },
    ],
    ['no tables at all', { week: '2026-W48', tables: [] }],
    ['tables that are not an array', { week: '2026-W48', tables: { a: 1 } }],
    ['a table without rows', { week: '2026-W48', tables: [{ key: 'a' }] }],
    ['a table that is not an object', { week: '2026-W48', tables: ['a', table('b', [{ n: 1 }])] }],
    ['content that is not an object', [1, 2, 3]],
  ])('gives the digest of hashOf for %s', (_, content) => {
    expect(contentHash(content)).toBe(hashOf(content));
  });

  it('tells a changed row from the original', () => {
    const content = { week: '2026-W48', tables: [table('a', [{ bureauCode: 'B01', n: 1 }])] };
    const changed = { week: '2026-W48', tables: [table('a', [{ bureauCode: 'B01', n: 2 }])] };
    expect(contentHash(changed)).not.toBe(contentHash(content));
  });
});
