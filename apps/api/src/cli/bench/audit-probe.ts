import { AuditService, TransactionRunner } from '@app/core';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { Progress, timed } from './measure';

const BATCH = 5000;

export interface AuditVerifyFigures {
  rows: number;
  writeSeconds: number;
  sealSeconds: number;
  fullSeconds: number;
  incrementalMs: number[];
}

/**
 * Fills the audit log the way the CRM writes it (its own rows, each with its HMAC, `BATCH` to a transaction),
 * seals them, and times GET /audit/verify's work: one full walk, then checks after a few new rows each, which
 * confirm the prefix verified before without reading its rows' content.
 */
export async function measureAuditVerify(
  app: INestApplicationContext,
  client: Client,
  rows: number,
): Promise<AuditVerifyFigures> {
  const audit = app.get(AuditService);
  const transactions = app.get(TransactionRunner);
  const source = { username: 'bench', ip: '127.0.0.1', requestId: 'bench-audit' };
  const write = (count: number) =>
    transactions.run((tx) =>
      audit.recordAll(
        source,
        Array.from({ length: count }, (_, n) => ({
          action: 'visit.create',
          entity: 'visit',
          entityId: String(n),
          after: { date: '2026-11-30', kind: 'visit', summary: '实地走访：洽谈扩产用地与配套需求', place: '海州区' },
        })),
        tx,
      ),
    );
  // a run with --reuse finds the rows an earlier run wrote
  const [{ count }] = (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM audit_entry')).rows;
  const progress = new Progress('audit rows', rows);
  const [, writeMs] = await timed(async () => {
    for (let done = Math.min(count, rows); done < rows; done += BATCH) {
      await write(Math.min(BATCH, rows - done));
      progress.update(Math.min(rows, done + BATCH));
    }
  });
  const [, sealMs] = await timed(() => audit.seal());
  const [full, fullMs] = await timed(() => audit.verify({ full: true }));
  if (!full.valid) throw new Error(`audit chain invalid after sealing: ${full.reason}`);
  const incrementalMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    await write(100);
    await audit.seal();
    const [result, ms] = await timed(() => audit.verify());
    if (!result.valid || result.mode !== 'incremental')
      throw new Error(`incremental verify: ${JSON.stringify(result)}`);
    incrementalMs.push(ms);
  }
  return {
    rows,
    writeSeconds: writeMs / 1000,
    sealSeconds: sealMs / 1000,
    fullSeconds: fullMs / 1000,
    incrementalMs,
  };
}
