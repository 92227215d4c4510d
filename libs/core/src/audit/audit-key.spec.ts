import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { AuditKey, resolveAuditKey } from './audit-key';
import { canonicalJson, jsonOf, rowPayload, RowContent } from './audit-chain';

describe('the audit key', () => {
  it('a key missing on a server stops start-up with one line naming AUDIT_HMAC_KEY', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 's'.repeat(32) });
    expect(() => resolveAuditKey(config)).toThrow(ConfigError);
    expect(() => resolveAuditKey(config)).toThrow(
      /^Invalid configuration — AUDIT_HMAC_KEY: required with DATABASE_URL/,
    );
  });

  it('refuses a key shorter than 32 characters', () => {
    expect(() => loadConfig({ AUDIT_HMAC_KEY: 'short' })).toThrow(/AUDIT_HMAC_KEY must be at least 32 characters/);
  });

  it('uses the given key on a server, and generates one into DATA_DIR on the embedded default', () => {
    const key = 'k'.repeat(40);
    expect(
      resolveAuditKey(
        loadConfig({ DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 's'.repeat(32), AUDIT_HMAC_KEY: key }),
      ),
    ).toBe(key);
    const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    try {
      const generated = resolveAuditKey(loadConfig({ DATA_DIR: dir }));
      expect(generated.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, 'audit-hmac-key'), 'utf8')).toBe(generated);
      expect(resolveAuditKey(loadConfig({ DATA_DIR: dir }))).toBe(generated);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('macs differ by key', () => {
    expect(new AuditKey('a'.repeat(32)).mac('x')).not.toBe(new AuditKey('b'.repeat(32)).mac('x'));
  });
});

describe('rowPayload', () => {
  it('is the canonical JSON of the row content', () => {
    const row: RowContent = {
      at: new Date('2026-11-23T01:30:00.123Z'),
      actorId: 'a3b1c2d4-0000-4000-8000-000000000001',
      actorName: '王建国',
      action: 'visit.create',
      entity: 'visit',
      entityId: null,
      before: null,
      after: { summary: '洽谈"项目"', amount: '12.50', nested: { b: 1, a: [2, { d: null, c: '丙' }] } },
      ip: '10.20.1.15',
      requestId: 'req-1',
    };
    expect(rowPayload(row, jsonOf(row.before), jsonOf(row.after))).toBe(canonicalJson(row));
  });
});
