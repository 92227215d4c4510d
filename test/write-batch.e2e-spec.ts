import { TransactionRunner } from '@app/core';
import { DataSource } from 'typeorm';
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
