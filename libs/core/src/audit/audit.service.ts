import { Injectable, Logger } from '@nestjs/common';
import { Actor, RequestMeta } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { Transaction, TransactionRunner } from '../database/database.service';
import { Writer } from '../database/write-batch';
import {
  canonicalJson,
  ChainEnds,
  chainEndsOf,
  endsMac,
  GENESIS_HASH,
  linkHash,
  rowHash,
  RowContent,
  sealHash,
} from './audit-chain';
import { AuditCheckpoint, ChainCheckpoint } from './audit-checkpoint';
import { AuditKey } from './audit-key';
import { AuditFilter, AuditRepository, NewAuditEntry, StoredAuditEntry } from './audit.repository';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** An update of one record, recorded as what the log keeps of it before and after. */
export interface AuditedUpdate<T> {
  action: string;
  entity: string;
  entityId: string;
  before: T;
  /** What the log keeps of the record. */
  view: (record: T) => Record<string, unknown>;
  /** More to keep beside the record after the update (the fields changed, a password reset). */
  note?: Record<string, unknown>;
}

export type AuditSource = Actor | (Partial<RequestMeta> & { userId?: string | null; username?: string | null });

export interface ChainVerification {
  valid: boolean;
  /** Sealed rows confirmed: the remembered prefix (unchanged since its check) and the rows checked one by one. */
  checked: number;
  /** Rows checked one by one this time. */
  walked: number;
  unsealed: number;
  /** `incremental`: a prefix verified before was confirmed unchanged since; `full`: every row was checked. */
  mode: 'full' | 'incremental';
  firstSeq?: string;
  lastSeq?: string;
  lastHash?: string;
  firstBrokenSeq?: string;
  brokenEntryId?: string;
  reason?: string;
}

interface VerifiedPrefix {
  firstSeq: string;
  seq: string;
  hash: string;
  digest: string;
  /** The snapshot it was verified in; a prefix remembered without one is re-checked by its digest. */
  xidSnapshot: string | null;
}

/** Past this many transactions since a prefix's check, its rows' 32-bit transaction ids could wrap: walk them. */
const SNAPSHOT_REACH = 2n ** 31n - 1n;

const SEAL_BATCH = 2000;
const VERIFY_BATCH = 5000;
const HEAD = 'audit-head';
const PREFIX = 'audit-prefix';

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');
  /** The longest prefix of the chain this process has verified row by row. */
  private verified: VerifiedPrefix | null = null;

  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly key: AuditKey,
    private readonly checkpoint: AuditCheckpoint,
  ) {}

  /**
   * Records an action. Pass the transaction (or write batch) of the write so that a rolled-back write leaves
   * no trace.
   */
  async record(source: AuditSource, event: AuditEvent, tx?: Writer): Promise<void> {
    await this.audit.insert(this.entryOf(source, event, new Date()), tx);
  }

  /**
   * Runs `write` (an update of one record that returns the record after it) and records the change in the same
   * transaction: the update and its trace commit or roll back together. Returns the record after the update.
   */
  async recordUpdate<T>(
    source: AuditSource,
    update: AuditedUpdate<T>,
    write: () => Promise<T>,
    tx: Writer,
  ): Promise<T> {
    const after = await write();
    const { action, entity, entityId, before, view, note } = update;
    await this.record(
      source,
      { action, entity, entityId, before: view(before), after: { ...view(after), ...note } },
      tx,
    );
    return after;
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
      actions.map(({ source, event }) => this.entryOf(source, event, at)),
      writer,
    );
  }

  /**
   * A row as written, with its own hash: an HMAC of the canonical JSON of its content, made here, in the
   * write's own transaction or batch, so that a row changed in the database before it is sealed no longer
   * matches it. `before` and `after` go to the database as that same canonical JSON.
   */
  private entryOf(source: AuditSource, event: AuditEvent, at: Date): NewAuditEntry {
    const content: RowContent = {
      at,
      actorId: source.userId?.toLowerCase() ?? null,
      actorName: source.username ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      ip: source.ip?.slice(0, 64) ?? null,
      requestId: source.requestId?.slice(0, 64) ?? null,
    };
    const beforeJson = content.before === null ? null : canonicalJson(content.before);
    const afterJson = content.after === null ? null : canonicalJson(content.after);
    return {
      ...(content as Omit<RowContent, 'before' | 'after'>),
      before: content.before as Record<string, unknown> | null,
      after: content.after as Record<string, unknown> | null,
      beforeJson,
      afterJson,
      rowHash: rowHash(this.key, content, beforeJson ?? 'null', afterJson ?? 'null'),
    };
  }

  /** The audit log, newest first. Rows are sealed first: only sealed rows are listed. */
  async list(filter: AuditFilter, skip: number, take: number): Promise<[AuditEntryEntity[], number]> {
    await this.seal();
    return this.audit.list(filter, skip, take);
  }

  /**
   * Seals new rows into the hash chain. Writers never wait for this: they insert unsealed rows with their
   * own hashes, and one sealer at a time (an advisory lock) appends them in order, each link an HMAC of the
   * previous one and the row's own hash. The chain's new end goes to the signed head, the checkpoint file
   * and the log.
   */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.transactions.run(async (tx) => {
        await this.audit.lockChain(tx);
        const head = await this.signedHead(tx);
        if (!head) return null;
        const rows = await this.audit.unsealed(SEAL_BATCH, tx);
        const legacyUntil = BigInt(head.legacyUntilId);
        let seq = BigInt(head.lastSeq);
        let prevHash = head.lastHash;
        const seals = rows.map((row) => {
          seq += 1n;
          let hash: string;
          if (BigInt(row.id) <= legacyUntil) {
            hash = sealHash(row, seq.toString(), prevHash);
          } else {
            if (row.rowHash !== rowHash(this.key, row)) {
              this.logger.error({ msg: 'Audit row does not match its own hash when sealed', auditRowId: row.id });
            }
            hash = linkHash(this.key, prevHash, seq.toString(), row.id, row.rowHash ?? '');
          }
          const seal = { id: row.id, sealSeq: seq.toString(), prevHash, hash };
          prevHash = hash;
          return seal;
        });
        await this.audit.markSealed(seals, tx);
        const ends = { ...chainEndsOf(head), lastSeq: seq.toString(), lastHash: prevHash };
        if (seals.length > 0)
          await this.audit.saveHead({ id: head.id, ...ends, mac: endsMac(this.key, HEAD, ends) }, tx);
        return { sealed: seals.length, ends };
      });
      if (!done) return total;
      total += done.sealed;
      if (done.sealed > 0) {
        this.logger.log({ msg: 'Audit chain sealed', auditSeq: done.ends.lastSeq, auditHash: done.ends.lastHash });
      }
      if (done.sealed > 0 || !this.checkpoint.knows(done.ends)) this.checkpoint.record(done.ends);
      if (done.sealed < SEAL_BATCH) return total;
    }
  }

  /**
   * The chain head, its signature checked, under the sealing lock. A head the upgrade to the HMAC chain
   * left unsigned is signed as it is, once: only while no row after its epoch has been sealed and no
   * checkpoint outside the database knows a signed head. Anything else stops sealing (and verification
   * reports it) rather than signing what someone may have changed.
   */
  private async signedHead(tx: Transaction): Promise<AuditChainHeadEntity | null> {
    const head = await this.audit.head(tx);
    if (!head) {
      if ((await this.audit.anySealed(tx)) || this.checkpoint.current().checkpoint) {
        this.logger.error('The audit chain head is missing: sealing stopped');
        return null;
      }
      const ends: ChainEnds = {
        firstSeq: '1',
        firstPrevHash: GENESIS_HASH,
        lastSeq: '0',
        lastHash: GENESIS_HASH,
        legacyUntilId: '0',
      };
      await this.audit.saveHead({ ...ends, mac: endsMac(this.key, HEAD, ends) }, tx);
      return this.audit.head(tx);
    }
    if (head.mac === null) {
      if ((await this.audit.sealedAfterEpoch(head.legacyUntilId, tx)) || this.checkpoint.current().checkpoint) {
        this.logger.error('The audit chain head has lost its signature: sealing stopped');
        return null;
      }
      head.mac = endsMac(this.key, HEAD, chainEndsOf(head));
      await this.audit.saveHead(head, tx);
      this.logger.warn({
        msg: 'Audit chain head signed: rows up to the epoch keep their SHA-256 seals',
        auditSeq: head.lastSeq,
        auditLegacyUntilId: head.legacyUntilId,
      });
      return head;
    }
    if (head.mac !== endsMac(this.key, HEAD, chainEndsOf(head))) {
      this.logger.error(
        'The audit chain head does not match its signature (changed in the database, or AUDIT_HMAC_KEY is not the key that signed it): sealing stopped',
      );
      return null;
    }
    return head;
  }

  /**
   * Drops sealed rows past the retention period (never younger than 180 days; the config refuses less).
   * The chain's start moves with a new signed head, a row `audit.prune` in the chain itself and the
   * checkpoint: the only way the start moves without verification reporting it.
   */
  async prune(now = new Date()): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.AUDIT_RETENTION_DAYS * 86_400_000);
    const moved = await this.transactions.run(async (tx) => {
      await this.audit.lockChain(tx);
      const head = await this.signedHead(tx);
      if (!head) return null;
      const pruned = await this.audit.pruneSealedBefore(cutoff, tx);
      if (!pruned || pruned.deleted === 0) return null;
      const ends = { ...chainEndsOf(head), firstSeq: pruned.first.sealSeq, firstPrevHash: pruned.first.prevHash };
      await this.audit.saveHead({ id: head.id, ...ends, mac: endsMac(this.key, HEAD, ends) }, tx);
      await this.record(
        { username: 'system' },
        {
          action: 'audit.prune',
          entity: 'audit_entry',
          before: { firstSeq: head.firstSeq },
          after: {
            firstSeq: ends.firstSeq,
            firstPrevHash: ends.firstPrevHash,
            deleted: pruned.deleted,
            cutoff: cutoff.toISOString(),
          },
        },
        tx,
      );
      return { ends, deleted: pruned.deleted };
    });
    if (!moved) return;
    this.checkpoint.record(moved.ends);
    this.logger.log({
      msg: 'Pruned audit rows past the retention period',
      auditFirstSeq: moved.ends.firstSeq,
      deleted: moved.deleted,
    });
  }

  /** The chain head as of a moment (the last sealed row written before it), sealing what is pending first. */
  async chainHeadAt(at: Date): Promise<{ seq: string; hash: string } | null> {
    await this.seal();
    return this.audit.lastSealedBefore(at);
  }

  /**
   * Checks the chain on one snapshot, up to the head sealed in it: a seal committing meanwhile is not seen
   * at all. The head's signature, the checkpoint outside the database, every link and every row's own hash
   * are checked; rows not yet sealed are checked against their own hashes. A prefix verified before (in
   * this process, or recorded signed in `audit_verified_prefix`) is confirmed by its rows' transaction ids
   * (none written after the snapshot it was verified in, none missing) instead of row by row, unless `full`.
   */
  async verify(options: { full?: boolean } = {}): Promise<ChainVerification> {
    // read before the snapshot is taken: a seal that commits after it must not be newer than the snapshot
    const anchor = this.checkpoint.current();
    const { result, prefix } = await this.audit.snapshot((tx) => this.verifyIn(tx, anchor, options.full === true));
    if (result.valid && prefix && (!this.verified || BigInt(prefix.seq) >= BigInt(this.verified.seq))) {
      // after a full walk the stored prefix's snapshot is stale even when the chain did not grow
      const changed =
        result.mode === 'full' || this.verified?.seq !== prefix.seq || this.verified.firstSeq !== prefix.firstSeq;
      this.verified = prefix;
      if (changed) await this.audit.saveVerifiedPrefix({ ...prefix, mac: this.prefixMac(prefix) });
    }
    return result;
  }

  private async verifyIn(
    tx: Transaction,
    { checkpoint, forged }: { checkpoint: ChainCheckpoint | null; forged: boolean },
    full: boolean,
  ): Promise<{ result: ChainVerification; prefix?: VerifiedPrefix }> {
    const head = await this.audit.head(tx);
    const snapshot = await this.audit.currentSnapshot(tx);
    let mode: ChainVerification['mode'] = 'full';
    let checked = 0;
    let walked = 0;
    const broken = (reason: string, seq?: bigint | string, row?: AuditEntryEntity) => ({
      result: {
        valid: false,
        checked,
        walked,
        unsealed: 0,
        mode,
        ...(head ? { firstSeq: head.firstSeq, lastSeq: head.lastSeq, lastHash: head.lastHash } : {}),
        ...(seq !== undefined ? { firstBrokenSeq: seq.toString() } : {}),
        ...(row ? { brokenEntryId: row.id } : {}),
        reason,
      },
    });

    if (forged) return broken('the checkpoint outside the database does not match its signature');
    if (!head) {
      if ((await this.audit.anySealed(tx)) || checkpoint) return broken('the chain head is missing');
      const unsealed = await this.checkUnsealedRows(0n, tx);
      if (typeof unsealed !== 'number') return broken(unsealed.reason, undefined, unsealed.row);
      return { result: { valid: true, checked: 0, walked: 0, unsealed, mode } };
    }
    const endsProblem = await this.checkEnds(head, checkpoint, tx);
    if (endsProblem) return broken(endsProblem.reason, endsProblem.seq);

    const firstSeq = BigInt(head.firstSeq);
    const lastSeq = BigInt(head.lastSeq);
    const legacyUntil = BigInt(head.legacyUntilId);
    let after = firstSeq - 1n;
    let prevHash = head.firstPrevHash;
    let digest = 0n;
    const known = full ? null : await this.knownPrefix(head, tx);
    if (known) {
      const count = await this.unchangedPrefix(head.firstSeq, known, tx);
      if (count !== null) {
        after = BigInt(known.seq);
        prevHash = known.hash;
        digest = BigInt(known.digest);
        checked = count;
        mode = 'incremental';
      } else {
        this.logger.warn('The audit chain prefix verified before has changed: checking every row');
      }
    }

    let expected = after + 1n;
    // by places of the chain: a row missing inside a batch or at its end shows as the next row's wrong number
    for (let from = after; from < lastSeq; from += BigInt(VERIFY_BATCH)) {
      const rows = await this.audit.sealedBetween(from.toString(), head.lastSeq, VERIFY_BATCH, tx);
      for (const row of rows) {
        const reason = this.checkSealed(row, expected, prevHash, legacyUntil);
        if (reason) return broken(reason, expected, row);
        prevHash = row.hash as string;
        digest += BigInt(row.digest);
        expected += 1n;
        checked += 1;
        walked += 1;
      }
    }
    if (expected - 1n !== lastSeq || prevHash !== head.lastHash) {
      return broken('entries at the end of the chain are missing', expected);
    }
    const replaced = await this.checkCheckpointRow(head, checkpoint, tx);
    if (replaced) return broken(replaced, checkpoint?.lastSeq);
    const unsealedProblem = await this.checkUnsealedRows(legacyUntil, tx);
    if (typeof unsealedProblem !== 'number') return broken(unsealedProblem.reason, undefined, unsealedProblem.row);
    return {
      result: {
        valid: true,
        checked,
        walked,
        unsealed: unsealedProblem,
        mode,
        firstSeq: head.firstSeq,
        lastSeq: head.lastSeq,
        lastHash: head.lastHash,
      },
      prefix:
        lastSeq >= firstSeq
          ? {
              firstSeq: head.firstSeq,
              seq: head.lastSeq,
              hash: head.lastHash,
              digest: digest.toString(),
              xidSnapshot: snapshot,
            }
          : undefined,
    };
  }

  /** The head's signature, and the head and start against the checkpoint kept outside the database. */
  private async checkEnds(
    head: AuditChainHeadEntity,
    checkpoint: ChainCheckpoint | null,
    tx: Transaction,
  ): Promise<{ reason: string; seq?: string } | null> {
    const next = (BigInt(head.lastSeq) + 1n).toString();
    const endMissing = checkpoint && BigInt(checkpoint.lastSeq) > BigInt(head.lastSeq);
    const endReason = `entries at the end of the chain are missing (the checkpoint outside the database is at ${checkpoint?.lastSeq})`;
    if (head.mac === null) {
      if ((await this.audit.sealedAfterEpoch(head.legacyUntilId, tx)) || checkpoint) {
        return { reason: 'the chain head is not signed' };
      }
    } else if (head.mac !== endsMac(this.key, HEAD, chainEndsOf(head))) {
      if (checkpoint && BigInt(head.firstSeq) > BigInt(checkpoint.firstSeq)) {
        return { reason: 'entries at the start of the chain are missing (its start was moved without a signed prune)' };
      }
      if (endMissing) return { reason: endReason, seq: next };
      return {
        reason: 'the chain head does not match its signature (changed in the database, or another AUDIT_HMAC_KEY)',
      };
    }
    if (!checkpoint) return null;
    if (endMissing) return { reason: endReason, seq: next };
    if (checkpoint.legacyUntilId !== head.legacyUntilId) {
      return { reason: 'the epoch of the chain differs from the checkpoint outside the database' };
    }
    return null;
  }

  /** The row the checkpoint records must still be there with the seal it had (after the walk has held). */
  private async checkCheckpointRow(
    head: AuditChainHeadEntity,
    checkpoint: ChainCheckpoint | null,
    tx: Transaction,
  ): Promise<string | null> {
    if (!checkpoint || checkpoint.lastSeq === '0' || BigInt(checkpoint.lastSeq) < BigInt(head.firstSeq)) return null;
    const hash = await this.audit.sealAt(checkpoint.lastSeq, tx);
    return hash === checkpoint.lastHash
      ? null
      : 'the entry that the checkpoint outside the database records was changed or deleted';
  }

  /** Why a sealed row breaks the chain, or null when it holds. */
  private checkSealed(row: StoredAuditEntry, expected: bigint, prevHash: string, legacyUntil: bigint): string | null {
    const seq = row.sealSeq as string;
    if (BigInt(seq) !== expected) return 'missing entry (deleted)';
    if (row.prevHash !== prevHash) return 'chain link does not match the previous entry';
    if (BigInt(row.id) <= legacyUntil) {
      return sealHash(row, seq, prevHash) === row.hash ? null : 'entry was changed after sealing';
    }
    if (row.rowHash === null) return 'entry has no hash of its own (not written by the CRM)';
    if (row.rowHash !== rowHash(this.key, row)) return 'entry was changed (its content does not match its own hash)';
    if (linkHash(this.key, prevHash, seq, row.id, row.rowHash) !== row.hash) {
      return 'seal does not match (changed after sealing, or another AUDIT_HMAC_KEY)';
    }
    return null;
  }

  /** Rows not yet sealed must match their own hashes too: an edit is caught before the seal reaches it. */
  private async checkUnsealedRows(
    legacyUntil: bigint,
    tx: Transaction,
  ): Promise<number | { reason: string; row: AuditEntryEntity }> {
    let count = 0;
    let after = '0';
    for (;;) {
      const rows = await this.audit.unsealedAfter(after, VERIFY_BATCH, tx);
      for (const row of rows) {
        count += 1;
        if (BigInt(row.id) <= legacyUntil) continue;
        if (row.rowHash === null)
          return { reason: 'entry not yet sealed has no hash of its own (not written by the CRM)', row };
        if (row.rowHash !== rowHash(this.key, row)) return { reason: 'entry not yet sealed was changed', row };
      }
      if (rows.length < VERIFY_BATCH) return count;
      after = rows[rows.length - 1].id;
    }
  }

  /** The longest verified prefix of this chain known: this process's, or the signed one in the table. */
  /**
   * The number of rows of a prefix verified before when every one of them is still there as it was, else null.
   * A prefix verified in a known snapshot is confirmed by its rows' transaction ids alone (no row written since
   * that snapshot, none missing); one without is confirmed by a digest the database computes over its rows.
   */
  private async unchangedPrefix(firstSeq: string, known: VerifiedPrefix, tx: Transaction): Promise<number | null> {
    const expected = BigInt(known.seq) - BigInt(firstSeq) + 1n;
    if (known.xidSnapshot) {
      const found = await this.audit.changedSince(firstSeq, known.seq, known.xidSnapshot, tx);
      const reachable = BigInt(found.elapsed) < SNAPSHOT_REACH;
      return reachable && found.changed === 0 && BigInt(found.count) === expected ? found.count : null;
    }
    const stored = await this.audit.digestBetween(firstSeq, known.seq, tx);
    return BigInt(stored.count) === expected && stored.digest === known.digest ? stored.count : null;
  }

  private async knownPrefix(head: AuditChainHeadEntity, tx: Transaction): Promise<VerifiedPrefix | null> {
    const fits = (prefix: VerifiedPrefix | null): prefix is VerifiedPrefix =>
      prefix !== null &&
      prefix.firstSeq === head.firstSeq &&
      BigInt(prefix.seq) <= BigInt(head.lastSeq) &&
      BigInt(prefix.seq) >= BigInt(head.firstSeq);
    const stored = await this.audit.verifiedPrefix(tx);
    const signed = stored && stored.mac === this.prefixMac(stored) ? stored : null;
    const candidates = [this.verified, signed].filter(fits);
    // the longest; on a tie this process's own, the most recent check (the sort is stable)
    candidates.sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : BigInt(b.seq) < BigInt(a.seq) ? -1 : 0));
    return candidates[0] ?? null;
  }

  private prefixMac(prefix: VerifiedPrefix): string {
    return this.key.mac(
      PREFIX,
      canonicalJson({
        firstSeq: prefix.firstSeq,
        seq: prefix.seq,
        hash: prefix.hash,
        digest: prefix.digest,
        // a prefix remembered before snapshots were kept keeps its signature
        ...(prefix.xidSnapshot ? { xidSnapshot: prefix.xidSnapshot } : {}),
      }),
    );
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
