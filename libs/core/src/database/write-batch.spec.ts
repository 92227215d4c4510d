import { WriteBatch } from './write-batch';

describe('WriteBatch', () => {
  it('sends a single write as it is', () => {
    const batch = new WriteBatch();
    batch.add('UPDATE lead SET note = $1 WHERE id = $2', ['备注', 'a']);
    expect(batch.compile()).toEqual({ sql: 'UPDATE lead SET note = $1 WHERE id = $2', params: ['备注', 'a'] });
  });

  it('joins writes as data-modifying CTEs and numbers their parameters one after another', () => {
    const batch = new WriteBatch();
    batch.add('INSERT INTO a (x, y) VALUES ($1, $2)', [1, 2]);
    batch.add('UPDATE b SET z = $1 WHERE id = $2 AND w = $1', ['z', 'id']);
    batch.add('INSERT INTO c (v) VALUES ($1::jsonb)', ['{}']);
    const { sql, params } = batch.compile();
    expect(sql).toBe(
      [
        'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)),',
        'w1 AS (UPDATE b SET z = $3 WHERE id = $4 AND w = $3),',
        'w2 AS (INSERT INTO c (v) VALUES ($5::jsonb))',
        'SELECT 1',
      ].join('\n'),
    );
    expect(params).toEqual([1, 2, 'z', 'id', '{}']);
  });

  it('numbers parameters past nine correctly', () => {
    const batch = new WriteBatch();
    batch.add(
      `INSERT INTO a VALUES (${Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(', ')})`,
      Array(12).fill(0),
    );
    batch.add('DELETE FROM b WHERE id = $1', ['x']);
    const { sql } = batch.compile();
    expect(sql).toContain('$10, $11, $12))');
    expect(sql).toContain('DELETE FROM b WHERE id = $13');
  });
});

describe('WriteBatch with a query', () => {
  it('ends the statement with the query, numbered after the writes', () => {
    const batch = new WriteBatch();
    batch.add('INSERT INTO a (x) VALUES ($1)', [1]);
    batch.select('SELECT batch_require(count(*) = $1, $2) FROM b', [3, '少了']);
    expect(batch.compile()).toEqual({
      sql: ['WITH w0 AS (INSERT INTO a (x) VALUES ($1))', 'SELECT batch_require(count(*) = $2, $3) FROM b'].join('\n'),
      params: [1, 3, '少了'],
    });
  });

  it('sends a query without writes as it is', () => {
    const batch = new WriteBatch();
    batch.select('SELECT $1::int AS n', [1]);
    expect(batch.compile()).toEqual({ sql: 'SELECT $1::int AS n', params: [1] });
  });
});
