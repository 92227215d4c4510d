import { createHash } from 'node:crypto';
import type { AuditKey } from './audit-key';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a seal covers: everything a person could want to change after the fact. */
export interface SealableEntry {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/**
 * JSON with sorted keys, so jsonb's own key order never changes a hash. Keys are compared by UTF-16 code
 * units (Array.prototype.sort's order), `undefined` members are left out, a Date is its ISO string, and any
 * other object is written by its own enumerable fields (a `toJSON` is not called).
 *
 * Plain data, which is all a report or an audit row holds, goes through V8's own JSON.stringify with sorted
 * copies of its objects: a province week's report is 16 MB of it. Anything that a sorted copy would write
 * differently (a key like "10", which JavaScript puts before the others in any object; an own "__proto__"
 * key; a class instance; a function) sends the whole value the slow way, which defines the format.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value, sortedPlainData);
  } catch (error) {
    if (error === NOT_PLAIN) return canonicalJsonOf(value);
    throw error;
  }
}

const NOT_PLAIN = Symbol('not plain data');
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

function sortedPlainData(this: Record<string, unknown>, key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw NOT_PLAIN;
    // a valid Date arrives here as its toJSON(), its ISO string; any other toJSON is refused
    if (value !== this[key] && !(this[key] instanceof Date && typeof value === 'string')) throw NOT_PLAIN;
    return value;
  }
  if (value !== this[key]) throw NOT_PLAIN;
  if (Array.isArray(value)) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(record).sort()) {
    if (INDEX_KEY.test(name) || name === '__proto__') throw NOT_PLAIN;
    sorted[name] = record[name];
  }
  return sorted;
}

/** The format itself, one value at a time. */
function canonicalJsonOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJsonOf(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJsonOf(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The seal of the chain's first epoch: plain SHA-256 of the row and the previous seal. Rows written before
 * the HMAC chain (id up to the head's `legacyUntilId`) keep it; they are still checked, but anyone could
 * compute it, so only the anchors outside the database protect them.
 */
export function sealHash(entry: SealableEntry, seq: string, prevHash: string): string {
  const payload = canonicalJson({
    seq,
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip,
    requestId: entry.requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/** A row's content as its writer knows it: the sealable fields but the id, which the database assigns. */
export type RowContent = Omit<SealableEntry, 'id'>;

/**
 * The text a row's own hash covers: `canonicalJson` of its content, with `before` and `after` given as
 * their canonical JSON (the writer has built that text for the insert already). The same text as
 * `canonicalJson` of the content object; written out here so that each field is encoded only once.
 */
export function rowPayload(row: RowContent, beforeJson: string, afterJson: string): string {
  const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
  return (
    `{"action":${text(row.action)},"actorId":${text(row.actorId)},"actorName":${text(row.actorName)}` +
    `,"after":${afterJson},"at":${JSON.stringify(row.at.toISOString())},"before":${beforeJson}` +
    `,"entity":${text(row.entity)},"entityId":${text(row.entityId)},"ip":${text(row.ip)}` +
    `,"requestId":${text(row.requestId)}}`
  );
}

/** The canonical JSON of a row's `before` or `after` (SQL NULL and JSON null read alike). */
export function jsonOf(value: unknown): string {
  return value === null || value === undefined ? 'null' : canonicalJson(value);
}

/** A row's own hash, made by its writer in the write's transaction: an edit before sealing no longer matches. */
export function rowHash(
  key: AuditKey,
  row: RowContent,
  beforeJson = jsonOf(row.before),
  afterJson = jsonOf(row.after),
) {
  return key.mac('audit-row', rowPayload(row, beforeJson, afterJson));
}

/** One link of the HMAC chain: the previous seal, the row's place and id, and the row's own hash. */
export function linkHash(key: AuditKey, prevHash: string, seq: string, id: string, ownHash: string): string {
  return key.mac('audit-link', prevHash, seq, id, ownHash);
}

/** The chain's two ends and its epoch, as the chain head, the checkpoint and the verified prefix sign them. */
export interface ChainEnds {
  firstSeq: string;
  firstPrevHash: string;
  lastSeq: string;
  lastHash: string;
  legacyUntilId: string;
}

export function endsMac(key: AuditKey, purpose: string, ends: ChainEnds): string {
  return key.mac(
    purpose,
    canonicalJson({
      firstSeq: ends.firstSeq,
      firstPrevHash: ends.firstPrevHash,
      lastSeq: ends.lastSeq,
      lastHash: ends.lastHash,
      legacyUntilId: ends.legacyUntilId,
    }),
  );
}

/** Just the chain's ends of a head or checkpoint (what is signed and compared), without its other fields. */
export function chainEndsOf(ends: ChainEnds): ChainEnds {
  return {
    firstSeq: ends.firstSeq,
    firstPrevHash: ends.firstPrevHash,
    lastSeq: ends.lastSeq,
    lastHash: ends.lastHash,
    legacyUntilId: ends.legacyUntilId,
  };
}
