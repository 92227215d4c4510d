import { Injectable, Logger } from '@nestjs/common';
import { Actor, RequestMeta } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { Transaction, TransactionRunner } from '../database/database.service';
import { Writer } from '../database/write-batch';
import { GENESIS_HASH, sealHash } from './audit-chain';
import { AuditFilter, AuditRepository, NewAuditEntry } from './audit.repository';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export type AuditSource = Actor | (RequestMeta & { userId?: string | null; username?: string | null });

export interface ChainVerification {
  valid: boolean;
  checked: number;
  unsealed: number;
  firstBrokenSeq?: string;
  brokenEntryId?: string;
  reason?: string;
}

const SEAL_BATCH = 2000;

function entryOf(source: AuditSource, event: AuditEvent, at: Date): NewAuditEntry {
  return {
    at,
    actorId: source.userId ?? null,
    actorName: source.username ?? null,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: source.ip?.slice(0, 64) ?? null,
    requestId: source.requestId?.slice(0, 64) ?? null,
  };
}
const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records an action. Pass the transaction (or write batch) of the write so that a rolled-back write leaves
   * no trace.
   */
  async record(source: AuditSource, event: AuditEvent, tx?: Writer): Promise<void> {
    await this.audit.insert(entryOf(source, event, new Date()), tx);
  }

  /** Records many actions of one source in one statement, inside the transaction of the writes (bulk imports). */
  recordAll(source: AuditSource, events: AuditEvent[], tx: Transaction): Promise<void> {
    return this.recordEach(
      events.map((event) => ({ source, event })),
      tx,
    );
  }

  /** Records the actions of many sources (requests whose writes go out as one batch) in one statement. */
  async recordEach(actions: { source: AuditSource; event: AuditEvent }[], writer: Writer): Promise<void> {
    const at = new Date();
    await this.audit.insertAll(
      actions.map(({ source, event }) => entryOf(source, event, at)),
      writer,
    );
  }

  list(filter: AuditFilter, skip: number, take: number): Promise<[AuditEntryEntity[], number]> {
    return this.audit.list(filter, skip, take);
  }

  /**
   * Seals new rows into the hash chain. Writers never wait for this: they insert unsealed rows,
   * and one sealer at a time (an advisory lock) appends them in order.
   */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.transactions.run(async (tx) => {
        await this.audit.lockChain(tx);
        const head = (await this.audit.head(tx)) ?? {
          lastSeq: '0',
          lastHash: GENESIS_HASH,
          firstSeq: '1',
          firstPrevHash: GENESIS_HASH,
        };
        const rows = await this.audit.unsealed(SEAL_BATCH, tx);
        let seq = BigInt(head.lastSeq);
        let prevHash = head.lastHash;
        const seals = rows.map((row) => {
          seq += 1n;
          const hash = sealHash(row, seq.toString(), prevHash);
          const seal = { id: row.id, sealSeq: seq.toString(), prevHash, hash };
          prevHash = hash;
          return seal;
        });
        await this.audit.markSealed(seals, tx);
        if (seals.length > 0) await this.audit.saveHead({ ...head, lastSeq: seq.toString(), lastHash: prevHash }, tx);
        return seals.length;
      });
      total += sealed;
      if (sealed < SEAL_BATCH) return total;
    }
  }

  /** Drops sealed rows past the retention period (never younger than 180 days; the config refuses less). */
  async prune(now = new Date()): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.AUDIT_RETENTION_DAYS * 86_400_000);
    await this.transactions.run(async (tx) => {
      await this.audit.lockChain(tx);
      const head = await this.audit.head(tx);
      if (!head) return;
      const first = await this.audit.pruneSealedBefore(cutoff, tx);
      if (first?.sealSeq && first.prevHash && first.sealSeq !== head.firstSeq) {
        await this.audit.saveHead({ ...head, firstSeq: first.sealSeq, firstPrevHash: first.prevHash }, tx);
        this.logger.log(`Pruned audit rows before seal ${first.sealSeq}`);
      }
    });
  }

  /** Walks the whole chain: an edited, deleted or re-ordered sealed row breaks it. */
  async verify(): Promise<ChainVerification> {
    const head = await this.audit.head();
    const unsealed = await this.audit.countUnsealed();
    if (!head) return { valid: true, checked: 0, unsealed };
    let expectedSeq = BigInt(head.firstSeq);
    let prevHash = head.firstPrevHash;
    let checked = 0;
    let after = (expectedSeq - 1n).toString();
    const broken = (row: AuditEntryEntity | undefined, reason: string): ChainVerification => ({
      valid: false,
      checked,
      unsealed,
      firstBrokenSeq: expectedSeq.toString(),
      brokenEntryId: row?.id,
      reason,
    });
    for (;;) {
      const rows = await this.audit.sealedAfter(after, VERIFY_BATCH);
      for (const row of rows) {
        if (BigInt(row.sealSeq as string) !== expectedSeq) return broken(row, 'missing entry (deleted)');
        if (row.prevHash !== prevHash) return broken(row, 'chain link does not match the previous entry');
        if (sealHash(row, row.sealSeq as string, prevHash) !== row.hash)
          return broken(row, 'entry was changed after sealing');
        prevHash = row.hash as string;
        expectedSeq += 1n;
        checked += 1;
      }
      if (rows.length < VERIFY_BATCH) break;
      after = rows[rows.length - 1].sealSeq as string;
    }
    if (expectedSeq - 1n !== BigInt(head.lastSeq) || prevHash !== head.lastHash) {
      return broken(undefined, 'entries at the end of the chain are missing');
    }
    return { valid: true, checked, unsealed };
  }

  /**
   * What a request wrote, read from its audit rows (written in the same transaction as its writes): a request
   * with rows here committed, whatever became of its process afterwards.
   */
  writtenByRequest(
    requestId: string,
    actorId: string,
    since: Date,
  ): Promise<{ entity: string; entityId: string | null }[]> {
    return this.audit.writtenByRequest(requestId, actorId, since);
  }
}
