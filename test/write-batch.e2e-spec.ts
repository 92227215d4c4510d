import { preparedName, preparedQuery, TransactionRunner } from '@app/core';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';

describe('Write batches on the real database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const countOf = async (action: string) =>
    Number((await t.get(DataSource).query(`SELECT count(*) FROM audit_entry WHERE action = $1`, [action]))[0].count);

  it('commits every write of a batch together', async () => {
    await t.get(TransactionRunner).batch(async (batch) => {
      batch.add(`INSERT INTO audit_entry (at, action, entity) VALUES (now(), $1, 'test')`, ['batch.one']);
      batch.add(`INSERT INTO audit_entry (at, action, entity) VALUES (now(), $1, $2)`, ['batch.one', 'test']);
    });
    expect(await countOf('batch.one')).toBe(2);
  });

  it('writes nothing when one write of the batch fails', async () => {
    await expect(
      t.get(TransactionRunner).batch(async (batch) => {
        batch.add(`INSERT INTO audit_entry (at, action, entity) VALUES (now(), $1, 'test')`, ['batch.two']);
        // entity is NOT NULL
        batch.add(`INSERT INTO audit_entry (at, action, entity) VALUES (now(), $1, NULL)`, ['batch.two']);
      }),
    ).rejects.toThrow();
    expect(await countOf('batch.two')).toBe(0);
  });
});

describe('Prepared statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the same statement again and again with new values', async () => {
    const sql = 'SELECT $1::int + 1 AS n';
    for (const n of [1, 2, 3]) {
      expect(await preparedQuery<{ n: number }>(t.get(DataSource), sql, [n])).toEqual([{ n: n + 1 }]);
    }
  });

  it('runs unnamed when the session already holds the name (the embedded server after a reconnect)', async () => {
    const sql = 'SELECT $1::int * 2 AS n';
    // on the embedded server every connection shares this session; on a server the pool reuses the last one
    await t.get(DataSource).query(`PREPARE ${preparedName(sql)} (int) AS ${sql}`);
    expect(await preparedQuery<{ n: number }>(t.get(DataSource), sql, [21])).toEqual([{ n: 42 }]);
  });

  it('fails as any other query does, with the database error inside', async () => {
    const failure = preparedQuery(t.get(DataSource), 'SELECT 1 / $1::int AS n', [0]);
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '22012' } });
  });
});
