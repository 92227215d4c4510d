import { AuditService, backupDatabase, loadConfig, Role, restoreDatabase } from '@app/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createInvestor, createLead, visitBody } from './factories/investor.factory';
import { login, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

const onServer = process.env.DATABASE_URL ? describe : describe.skip;

interface Written {
  staff: string;
  supervisor: string;
  investorId: string;
  leadId: string;
  visitId: string;
}

/** A few records of every kind a backup must keep, and the audit chain sealed over them. */
async function writeRecords(t: TestApp): Promise<Written> {
  const staff = await signedIn(t, { role: Role.Staff, bureauCode: 'B03' });
  const supervisor = await signedIn(t, { role: Role.Supervisor });
  const investor = await createInvestor(t, staff.auth);
  const lead = await createLead(t, staff.auth, investor.id);
  const visit = await t.http.post('/api/v1/visits').set(staff.auth).send(visitBody(lead.id)).expect(201);
  await t.get(AuditService).seal();
  return {
    staff: staff.user.username,
    supervisor: supervisor.user.username,
    investorId: investor.id,
    leadId: lead.id,
    visitId: visit.body.id as string,
  };
}

/** Every record is back, and the audit chain verifies. */
async function expectRestored(t: TestApp, written: Written): Promise<void> {
  const staff = { Authorization: `Bearer ${await login(t.http, written.staff)}` };
  const supervisor = { Authorization: `Bearer ${await login(t.http, written.supervisor)}` };
  await t.http.get(`/api/v1/investors/${written.investorId}`).set(staff).expect(200);
  await t.http.get(`/api/v1/leads/${written.leadId}`).set(staff).expect(200);
  await t.http.get(`/api/v1/visits/${written.visitId}`).set(staff).expect(200);
  const verified = await t.http.get('/api/v1/audit/verify').set(supervisor).expect(200);
  expect(verified.body).toMatchObject({ valid: true });
  expect(verified.body.checked).toBeGreaterThan(0);
}

onServer('npm run backup / restore on PostgreSQL', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'crm-backup-'));
  });
  // the describe's body runs even when it is skipped (no DATABASE_URL): the server's address is read lazily
  const server = () => new URL(process.env.DATABASE_URL as string);
  const restoredName = `crm_restored_${randomBytes(4).toString('hex')}`;
  const restoredUrl = () => Object.assign(server(), { pathname: `/${restoredName}` }).toString();

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    const admin = new Client({ connectionString: server().toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    await admin.end();
  });

  it('restores a pg_dump backup into an empty database with every record and a valid audit chain', async () => {
    const source = await createTestApp();
    const written = await writeRecords(source);
    const file = join(folder, 'crm.dump');
    await backupDatabase(source.config, file);
    await source.close();

    const admin = new Client({ connectionString: server().toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${restoredName}`);
    await admin.end();
    const target = loadConfig({ DATABASE_URL: restoredUrl(), JWT_SECRET: source.config.JWT_SECRET });
    await restoreDatabase(target, file);
    await expect(restoreDatabase(target, file)).rejects.toThrow(/already has \d+ tables/);

    const restored = await createTestApp({ DATABASE_URL: restoredUrl() });
    try {
      await expectRestored(restored, written);
    } finally {
      await restored.close();
    }
  });
});

describe('npm run backup / restore on the embedded database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'crm-backup-'));
  const embedded = (dataDir: string) => ({ DATABASE_URL: '', DATA_DIR: dataDir });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // two starts of the embedded database, each several seconds on a busy machine
  it('copies the data folder of a stopped CRM and restores it into an empty folder', async () => {
    const dataDir = join(folder, 'data');
    const source = await createTestApp(embedded(dataDir));
    const written = await writeRecords(source);
    await expect(backupDatabase(source.config, join(folder, 'refused'))).rejects.toThrow(/in use by another process/);
    await source.close();

    const backup = join(folder, 'backup');
    await backupDatabase(loadConfig(embedded(dataDir)), backup);
    const restoredDir = join(folder, 'restored');
    await restoreDatabase(loadConfig(embedded(restoredDir)), backup);
    await expect(restoreDatabase(loadConfig(embedded(restoredDir)), backup)).rejects.toThrow(/not empty/);

    const restored = await createTestApp(embedded(restoredDir));
    try {
      await expectRestored(restored, written);
    } finally {
      await restored.close();
    }
  }, 120_000);
});
