import { Injectable, Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import { IN_MEMORY } from '../database/embedded-postgres';
import { chainEndsOf, ChainEnds, endsMac } from './audit-chain';
import { AuditKey } from './audit-key';

/** The chain's ends as last seen by this process or written to the checkpoint file, signed. */
export interface ChainCheckpoint extends ChainEnds {
  at: string;
  mac: string;
}

const MAC_PURPOSE = 'audit-checkpoint';

/**
 * The chain's ends kept outside the audit table: in this process's memory, and in a file
 * (AUDIT_CHECKPOINT_FILE, or DATA_DIR/audit-checkpoint.json on the embedded default) that every seal and
 * prune rewrites. Someone who deletes the newest rows and moves the head back to an older signed head
 * cannot move this back too.
 */
@Injectable()
export class AuditCheckpoint {
  private readonly logger = new Logger('AuditCheckpoint');
  readonly file: string | null;
  private latest: ChainCheckpoint | null = null;

  constructor(
    config: AppConfig,
    private readonly key: AuditKey,
  ) {
    this.file = config.AUDIT_CHECKPOINT_FILE
      ? resolve(config.AUDIT_CHECKPOINT_FILE)
      : config.embedded && config.DATA_DIR !== IN_MEMORY
        ? join(resolve(config.DATA_DIR), 'audit-checkpoint.json')
        : null;
  }

  /**
   * The newest checkpoint known: this process's own, or the file's when another process (a worker on the
   * same disk) has written a newer one. A file that does not match its signature is returned as such.
   */
  current(): { checkpoint: ChainCheckpoint | null; forged: boolean } {
    const stored = this.read();
    if (stored === 'forged') return { checkpoint: this.latest, forged: true };
    const newest =
      stored && (!this.latest || BigInt(stored.lastSeq) > BigInt(this.latest.lastSeq)) ? stored : this.latest;
    return { checkpoint: newest, forged: false };
  }

  /** Whether this process has recorded exactly these ends already. */
  knows(ends: ChainEnds): boolean {
    return (
      this.latest !== null &&
      this.latest.lastSeq === ends.lastSeq &&
      this.latest.lastHash === ends.lastHash &&
      this.latest.firstSeq === ends.firstSeq
    );
  }

  /** Records the chain's ends after a seal or prune has committed them. Never moves back. */
  record(ends: ChainEnds, now = new Date()): void {
    const known = this.current().checkpoint;
    if (known && BigInt(known.lastSeq) > BigInt(ends.lastSeq)) return;
    const checkpoint: ChainCheckpoint = {
      ...chainEndsOf(ends),
      at: now.toISOString(),
      mac: endsMac(this.key, MAC_PURPOSE, ends),
    };
    this.latest = checkpoint;
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, this.file);
    } catch (error) {
      this.logger.error(`Cannot write the audit checkpoint ${this.file}: ${(error as Error).message}`);
    }
  }

  private read(): ChainCheckpoint | null | 'forged' {
    if (!this.file || !existsSync(this.file)) return null;
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as ChainCheckpoint;
      return stored.mac === endsMac(this.key, MAC_PURPOSE, stored) ? stored : 'forged';
    } catch {
      return 'forged';
    }
  }
}
