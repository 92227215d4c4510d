import {
  AppConfig,
  AuditCheckpoint,
  AuditKey,
  AuditRepository,
  AuditService,
  IN_MEMORY,
  isoWeekLabel,
  loadConfig,
  mondayOf,
  addDays,
  businessDateOf,
  TransactionRunner,
} from '@app/core';
import { WeeklyReportService } from '@app/reports';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, TEST_AUDIT_KEY, TestApp } from './support/test-app';

/**
 * The audit chain against someone with SQL access to the database but not the key (AUDIT_HMAC_KEY) nor the
 * checkpoint file. Each attack runs on a copy of the audit tables that is put back afterwards.
 */
describe('Audit chain against an attacker with SQL access', () => {
  let t: TestApp;
  let audit: AuditService;
  let folder: string;
  const source = { username: 'tester', ip: '10.20.1.15', requestId: 'req-chain' };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'audit-checkpoint-'));
    t = await createTestApp({ AUDIT_CHECKPOINT_FILE: join(folder, 'checkpoint.json') });
    audit = t.get(AuditService);
    await write(5);
    await audit.seal();
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const sql = (query: string, params: unknown[] = []) => t.get(DataSource).query(query, params);

  /** Audit rows written the way the CRM writes them, `count` at a time in one statement. */
  async function write(count: number, action = 'test.write'): Promise<void> {
    await t.get(TransactionRunner).run((tx) =>
      t.get(AuditService).recordAll(
        source,
        Array.from({ length: count }, (_, n) => ({
          action,
          entity: 'test',
          entityId: String(n),
          after: { n, 名称: '海州' },
        })),
        tx,
      ),
    );
  }

  /** The same chain as another process sees it: another key, or no checkpoint of its own (a fresh start). */
  function serviceWith(key: string, checkpointConfig: AppConfig = loadConfig({ DATA_DIR: IN_MEMORY })): AuditService {
    const auditKey = new AuditKey(key);
    return new AuditService(
      t.get(AuditRepository),
      t.get(TransactionRunner),
      t.config,
      auditKey,
      new AuditCheckpoint(checkpointConfig, auditKey),
    );
  }

  /** Runs an attack, then puts the audit tables back as they were. */
  async function attack(work: () => Promise<void>): Promise<void> {
    await sql('CREATE TABLE saved_entry AS SELECT * FROM audit_entry');
    await sql('CREATE TABLE saved_head AS SELECT * FROM audit_chain_head');
    try {
      await work();
    } finally {
      await sql('DELETE FROM audit_entry');
      await sql('INSERT INTO audit_entry SELECT * FROM saved_entry');
      await sql('DELETE FROM audit_chain_head');
      await sql('INSERT INTO audit_chain_head SELECT * FROM saved_head');
      await sql('DROP TABLE saved_entry');
      await sql('DROP TABLE saved_head');
    }
    expect(await audit.verify({ full: true })).toMatchObject({ valid: true });
  }

  it('a chain written and sealed the way the CRM does verifies, its head written to the checkpoint file', async () => {
    const result = await audit.verify();
    expect(result).toMatchObject({ valid: true, unsealed: 0 });
    const [head] = await sql('SELECT last_seq::text AS seq, last_hash AS hash FROM audit_chain_head');
    expect(result).toMatchObject({ lastSeq: head.seq, lastHash: head.hash });
    const file = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8'));
    expect(file).toMatchObject({ lastSeq: head.seq, lastHash: head.hash, firstSeq: '1' });
  });

  it('a wrong key: verification reports the chain invalid', async () => {
    const result = await serviceWith('another-key-another-key-another-key-xx').verify({ full: true });
    expect(result).toMatchObject({
      valid: false,
      reason: 'the chain head does not match its signature (changed in the database, or another AUDIT_HMAC_KEY)',
    });
    expect(await serviceWith(TEST_AUDIT_KEY).verify({ full: true })).toMatchObject({ valid: true });
  });

  it('tail truncation: deleting the newest rows and moving the head back to an older signed head is detected', async () => {
    const [older] = await sql('SELECT * FROM audit_chain_head');
    await write(4);
    await audit.seal();
    expect(await audit.verify()).toMatchObject({ valid: true });
    await attack(async () => {
      await sql('DELETE FROM audit_entry WHERE seal_seq > $1', [older.last_seq]);
      // the head as it was, signature and all: a copy an attacker could have kept
      await sql('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2, mac = $3', [
        older.last_seq,
        older.last_hash,
        older.mac,
      ]);
      const reason = expect.stringContaining('entries at the end of the chain are missing');
      expect(await audit.verify()).toMatchObject({ valid: false, reason });
      // a process started afresh has only the checkpoint file
      const restarted = serviceWith(TEST_AUDIT_KEY, t.config);
      expect(await restarted.verify({ full: true })).toMatchObject({ valid: false, reason });
    });
  });

  it('tail truncation: deleting the newest rows and writing a new head without the key is detected', async () => {
    await attack(async () => {
      const [last] = await sql('SELECT max(seal_seq)::text AS seq FROM audit_entry');
      await sql('DELETE FROM audit_entry WHERE seal_seq > $1 - 2', [last.seq]);
      await sql(
        `UPDATE audit_chain_head SET last_seq = $1 - 2,
                last_hash = (SELECT hash FROM audit_entry WHERE seal_seq = $1 - 2)`,
        [last.seq],
      );
      expect(await audit.verify()).toMatchObject({
        valid: false,
        reason: expect.stringContaining('entries at the end of the chain are missing'),
      });
      // without the checkpoint the head's signature still gives it away
      expect(await serviceWith(TEST_AUDIT_KEY).verify()).toMatchObject({
        valid: false,
        reason: 'the chain head does not match its signature (changed in the database, or another AUDIT_HMAC_KEY)',
      });
    });
  });

  it('head truncation: deleting the oldest rows and moving the chain start is detected', async () => {
    await attack(async () => {
      const [third] = await sql(
        'SELECT seal_seq::text AS seq, prev_hash FROM audit_entry WHERE seal_seq IS NOT NULL ORDER BY seal_seq LIMIT 1 OFFSET 2',
      );
      await sql('DELETE FROM audit_entry WHERE seal_seq < $1', [third.seq]);
      await sql('UPDATE audit_chain_head SET first_seq = $1, first_prev_hash = $2', [third.seq, third.prev_hash]);
      expect(await audit.verify()).toMatchObject({
        valid: false,
        reason: 'entries at the start of the chain are missing (its start was moved without a signed prune)',
      });
      expect(await serviceWith(TEST_AUDIT_KEY).verify()).toMatchObject({ valid: false });
    });
    await attack(async () => {
      // the oldest rows alone, the start left where it was
      await sql('DELETE FROM audit_entry WHERE seal_seq < 3');
      expect(await audit.verify()).toMatchObject({
        valid: false,
        reason: 'missing entry (deleted)',
        firstBrokenSeq: '1',
      });
    });
  });

  it('a sealed row edited together with its own hash recomputed without the key is detected', async () => {
    await attack(async () => {
      await sql(`UPDATE audit_entry SET after = '{"n": 7}', row_hash = repeat('a', 64) WHERE seal_seq = 2`);
      expect(await audit.verify()).toMatchObject({
        valid: false,
        firstBrokenSeq: '2',
        reason: 'entry was changed (its content does not match its own hash)',
      });
    });
  });

  it("a row inserted by SQL, without its writer's hash, is detected before its seal", async () => {
    await attack(async () => {
      await sql(
        `INSERT INTO audit_entry (at, action, entity, after) VALUES (now(), 'user.create', 'user', '{"username":"ghost"}')`,
      );
      expect(await audit.verify()).toMatchObject({
        valid: false,
        reason: 'entry not yet sealed has no hash of its own (not written by the CRM)',
      });
    });
  });

  it('verify during sealing never reports tampering: it checks one snapshot up to the head sealed in it', async () => {
    const results: { valid: boolean; lastSeq?: string; reason?: string }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 12; round++) {
        await write(250, 'test.concurrent');
        await audit.seal();
      }
      writing = false;
    })();
    const checker = (async () => {
      for (let round = 0; writing || round < 2; round++) results.push(await audit.verify({ full: round % 2 === 0 }));
    })();
    await Promise.all([writer, checker]);
    expect(results.filter((result) => !result.valid)).toEqual([]);
    // the checks did run while the chain grew
    expect(new Set(results.map((result) => result.lastSeq)).size).toBeGreaterThan(1);
  });

  it('remembers the verified prefix by the snapshot it was checked in and walks only the new rows, unless asked for a full check', async () => {
    await audit.verify();
    await write(3);
    await audit.seal();
    const incremental = await audit.verify();
    expect(incremental).toMatchObject({ valid: true, mode: 'incremental', walked: 3 });
    const full = await audit.verify({ full: true });
    expect(full).toMatchObject({ valid: true, mode: 'full', checked: incremental.checked });
    expect(full.walked).toBe(full.checked);
    // a process started afresh finds the signed prefix in its table
    expect(await serviceWith(TEST_AUDIT_KEY, t.config).verify()).toMatchObject({
      valid: true,
      mode: 'incremental',
      walked: 0,
    });
    // an edit inside the remembered prefix is a row version written after that snapshot: every row is checked
    // again and the edit found
    await attack(async () => {
      await sql(`UPDATE audit_entry SET actor_name = 'someone' WHERE seal_seq = 3`);
      expect(await audit.verify()).toMatchObject({ valid: false, mode: 'full', firstBrokenSeq: '3' });
    });
    // so is an edit that writes back what was there: walked again, found unchanged
    await audit.verify();
    await sql(`UPDATE audit_entry SET actor_name = actor_name WHERE seal_seq = 2`);
    expect(await audit.verify()).toMatchObject({ valid: true, mode: 'full' });
    expect(await audit.verify()).toMatchObject({ valid: true, mode: 'incremental', walked: 0 });
    // a deleted row re-inserted as it was is a new row version too
    await attack(async () => {
      await sql(`CREATE TABLE one_entry AS SELECT * FROM audit_entry WHERE seal_seq = 4`);
      await sql(`DELETE FROM audit_entry WHERE seal_seq = 4`);
      await sql(`INSERT INTO audit_entry SELECT * FROM one_entry`);
      await sql(`DROP TABLE one_entry`);
      expect(await audit.verify()).toMatchObject({ valid: true, mode: 'full' });
    });
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'an edit by a transaction that was already running when the prefix was verified is still found',
    async () => {
      await audit.verify();
      await attack(async () => {
        const runner = t.get(DataSource).createQueryRunner();
        await runner.connect();
        try {
          await runner.startTransaction();
          // the attacker's transaction holds an id from before the check, and edits the prefix after it
          await runner.query('SELECT pg_current_xact_id()');
          expect(await audit.verify()).toMatchObject({ valid: true, mode: 'incremental' });
          await runner.query(`UPDATE audit_entry SET actor_name = 'someone' WHERE seal_seq = 2`);
          await runner.commitTransaction();
        } finally {
          await runner.release();
        }
        expect(await audit.verify()).toMatchObject({ valid: false, mode: 'full', firstBrokenSeq: '2' });
      });
    },
  );

  it("the weekly report carries the chain head of its week's end", async () => {
    await write(2);
    const today = businessDateOf(new Date(), t.config.APP_TIME_ZONE);
    const week = isoWeekLabel(today);
    const nextMonday = new Date(`${addDays(mondayOf(today), 7)}T09:00:00+08:00`);
    await t.get(WeeklyReportService).publish(week, null, nextMonday);
    const [report] = await sql('SELECT content FROM weekly_report WHERE week = $1', [week]);
    const [head] = await sql('SELECT last_seq::text AS seq, last_hash AS hash FROM audit_chain_head');
    expect(report.content.auditChainHead).toEqual({ seq: head.seq, hash: head.hash });
  });

  it('retention moves the chain start with a signed head and an audit.prune row, and the chain still verifies', async () => {
    await write(2, 'test.old');
    await audit.seal();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const boundary = new Date();
    await write(2, 'test.new');
    await audit.seal();
    const [before] = await sql('SELECT first_seq::text AS seq FROM audit_chain_head');
    await audit.prune(new Date(boundary.getTime() + t.config.AUDIT_RETENTION_DAYS * 86_400_000));
    const [after] = await sql('SELECT first_seq::text AS seq FROM audit_chain_head');
    expect(BigInt(after.seq)).toBeGreaterThan(BigInt(before.seq));
    expect(await sql(`SELECT 1 FROM audit_entry WHERE action = 'test.old'`)).toHaveLength(0);
    await audit.seal();
    expect(await sql(`SELECT after FROM audit_entry WHERE action = 'audit.prune' AND seal_seq IS NOT NULL`)).toEqual([
      { after: expect.objectContaining({ firstSeq: after.seq }) },
    ]);
    expect(await audit.verify({ full: true })).toMatchObject({ valid: true, firstSeq: after.seq });
    expect(await serviceWith(TEST_AUDIT_KEY, t.config).verify()).toMatchObject({ valid: true, firstSeq: after.seq });
  });

  it('an unsealed-row edit: a row changed before its seal is detected, before and after the seal', async () => {
    await write(2, 'test.unsealed');
    const [row] = await sql(
      `SELECT id::text AS id FROM audit_entry WHERE seal_seq IS NULL AND action = 'test.unsealed' ORDER BY id LIMIT 1`,
    );
    await sql(`UPDATE audit_entry SET after = '{"n": 99}' WHERE id = $1`, [row.id]);
    expect(await audit.verify()).toMatchObject({
      valid: false,
      reason: 'entry not yet sealed was changed',
      brokenEntryId: row.id,
    });
    await audit.seal();
    expect(await audit.verify({ full: true })).toMatchObject({
      valid: false,
      reason: 'entry was changed (its content does not match its own hash)',
      brokenEntryId: row.id,
    });
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'a key missing on a server stops start-up with one line naming AUDIT_HMAC_KEY',
    async () => {
      await expect(createTestApp({ AUDIT_HMAC_KEY: '' })).rejects.toThrow(
        /^Invalid configuration — AUDIT_HMAC_KEY: required with DATABASE_URL/,
      );
    },
  );
});

describe('Audit chain sealed before the HMAC key (the first epoch)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const sql = (query: string, params: unknown[] = []) => t.get(DataSource).query(query, params);

  it('rows up to the epoch keep their SHA-256 seals and verify, later rows need the key, and the epoch cannot be moved', async () => {
    // rows as the CRM wrote them before this change: no hash of their own; the upgrade recorded the epoch
    await sql(
      `INSERT INTO audit_entry (at, action, entity, after)
       SELECT now(), 'user.create', 'user', jsonb_build_object('username', 'old' || n) FROM generate_series(1, 3) AS n`,
    );
    await sql('UPDATE audit_chain_head SET legacy_until_id = (SELECT max(id) FROM audit_entry), mac = NULL');
    const audit = t.get(AuditService);
    await audit.record({ username: 'tester' }, { action: 'test.write', entity: 'test', after: { n: 1 } });
    const sealed = await audit.seal();
    expect(sealed).toBeGreaterThanOrEqual(4);
    expect(await audit.verify({ full: true })).toMatchObject({ valid: true, checked: sealed });

    const [old] = await sql(`SELECT seal_seq::text AS seq FROM audit_entry WHERE after->>'username' = 'old2'`);
    await sql(`UPDATE audit_entry SET after = '{"username":"someone"}' WHERE seal_seq = $1`, [old.seq]);
    expect(await audit.verify({ full: true })).toMatchObject({
      valid: false,
      firstBrokenSeq: old.seq,
      reason: 'entry was changed after sealing',
    });
    await sql(`UPDATE audit_entry SET after = '{"username":"old2"}' WHERE seal_seq = $1`, [old.seq]);
    expect(await audit.verify({ full: true })).toMatchObject({ valid: true });

    // moving the epoch past the new rows (to reseal them with plain SHA-256) breaks the head's signature
    await sql('UPDATE audit_chain_head SET legacy_until_id = legacy_until_id + 1000');
    expect(await audit.verify({ full: true })).toMatchObject({ valid: false });
    expect(await audit.seal()).toBe(0);
  });
});
