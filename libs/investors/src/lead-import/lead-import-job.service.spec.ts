import { Actor, Role } from '@app/core';
import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImportReportDto } from '../dto/lead-import.dto';
import { ImportJobStatus, LeadImportJobEntity } from '../entities/lead-import-job.entity';
import { InvestorsException, InvestorsExceptionCode as Code } from '../investors.exception';
import {
  IMPORT_JOB_STALE_SECONDS,
  ImportJobHandle,
  LeadImportJobService,
  MAX_RUNNING_IMPORTS,
} from './lead-import-job.service';
import { LeadImportJobRepository, NewImportJob } from './lead-import-job.repository';

/** The job table in memory, with the same conditional state changes as the repository. */
class InMemoryJobs {
  readonly rows = new Map<string, LeadImportJobEntity>();
  staleChecks: string[] = [];
  private next = 0;

  async insert(job: NewImportJob): Promise<LeadImportJobEntity> {
    const id = `00000000-0000-4000-8000-${String(++this.next).padStart(12, '0')}`;
    const now = new Date();
    const row: LeadImportJobEntity = {
      ...job,
      id,
      status: 'queued',
      processedRows: 0,
      report: null,
      error: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    this.rows.set(id, row);
    return { ...row };
  }

  async findVisible(id: string, bureauScope: string | null, userId: string): Promise<LeadImportJobEntity | null> {
    const row = this.rows.get(id);
    if (!row || (bureauScope !== null && row.bureauId !== bureauScope && row.createdById !== userId)) return null;
    return { ...row };
  }

  async markRunning(id: string) {
    return this.change(id, ['queued'], { status: 'running' });
  }

  async progress(id: string, processedRows: number) {
    return this.change(id, ['running'], { processedRows });
  }

  async hold(id: string) {
    return this.change(id, ['running'], {});
  }

  async complete(id: string, report: ImportReportDto) {
    return this.change(id, ['running'], { status: 'done', report, finishedAt: new Date() });
  }

  async fail(id: string, error: string) {
    return this.change(id, ['queued', 'running'], { status: 'failed', error, finishedAt: new Date() });
  }

  async failIfStale(id: string, staleSeconds: number, error: string) {
    this.staleChecks.push(id);
    const row = this.rows.get(id);
    if (!row || row.updatedAt.getTime() > Date.now() - staleSeconds * 1000) return false;
    return this.fail(id, error);
  }

  async purgeFinishedBefore(): Promise<void> {}

  private change(id: string, from: ImportJobStatus[], patch: Partial<LeadImportJobEntity>): boolean {
    const row = this.rows.get(id);
    if (!row || !from.includes(row.status)) return false;
    Object.assign(row, patch, { updatedAt: new Date() });
    return true;
  }
}

const actor: Actor = {
  userId: 'u1',
  username: 'staff01a',
  displayName: '王建国',
  role: Role.Staff,
  bureauId: 'b1',
  bureauCode: 'B01',
  sessionId: 's1',
  ip: '127.0.0.1',
  requestId: 'r1',
};

const report = {
  mode: 'dry-run',
  totalRows: 2000,
  validRows: 2000,
  newRows: 2000,
  updatedRows: 0,
  unchangedRows: 0,
  errors: [],
  duplicates: [],
  conversions: [],
  committed: false,
  rows: [],
};

async function settled(jobs: InMemoryJobs, id: string): Promise<LeadImportJobEntity> {
  for (let i = 0; i < 200; i++) {
    const row = jobs.rows.get(id) as LeadImportJobEntity;
    if (row.status === 'done' || row.status === 'failed') return row;
    await sleep(5);
  }
  throw new Error('job did not settle');
}

describe(LeadImportJobService.name, () => {
  let jobs: InMemoryJobs;
  let service: LeadImportJobService;

  beforeEach(() => {
    jobs = new InMemoryJobs();
    service = new LeadImportJobService(jobs as unknown as LeadImportJobRepository);
  });

  it('answers with the queued job before the work starts, then records progress and the report', async () => {
    let started = false;
    const job = await service.start(actor, 'dry-run', 2000, async (handle) => {
      started = true;
      await handle.progress(500);
      expect(jobs.rows.get(handle.id)).toMatchObject({ status: 'running', processedRows: 500 });
      await handle.complete(report as ImportReportDto);
    });
    expect(job).toMatchObject({ status: 'queued', processedRows: 0, totalRows: 2000, mode: 'dry-run' });
    expect(started).toBe(false);
    expect(await settled(jobs, job.id)).toMatchObject({ status: 'done', report });
  });

  it('fails a job with the message of a domain error, and with a plain one for anything else', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const refused = await service.start(actor, 'commit', 2000, async () => {
      throw new InvestorsException(Code.DuplicateLead, '导入期间有企业被其他招商局登记，请重新试导入后再提交');
    });
    const broken = await service.start(actor, 'commit', 2000, async () => {
      throw new Error('connection reset');
    });
    const silent = await service.start(actor, 'commit', 2000, async () => undefined);
    expect(await settled(jobs, refused.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('重新试导入'),
    });
    for (const id of [broken.id, silent.id]) {
      const row = await settled(jobs, id);
      expect(row).toMatchObject({ status: 'failed', error: expect.stringContaining('内部错误') });
      expect(row.error).not.toContain('connection');
    }
    // the unexpected ones are logged for the administrator, the refusal is not
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });

  it('stops its jobs at shutdown and marks them failed', async () => {
    let handle: ImportJobHandle | undefined;
    const job = await service.start(actor, 'commit', 2000, async (job) => {
      handle = job;
      for (;;) {
        await job.progress(500);
        await sleep(1);
      }
    });
    while (!handle) await sleep(1);
    await service.onApplicationShutdown();
    expect(handle.signal.aborted).toBe(true);
    expect(jobs.rows.get(job.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('服务停止') });
  });

  it('refuses another job while as many as allowed are running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started = [];
    for (let i = 0; i < MAX_RUNNING_IMPORTS; i++) {
      started.push(
        await service.start(actor, 'dry-run', 2000, async (handle) => {
          await gate;
          await handle.complete(report as ImportReportDto);
        }),
      );
    }
    await expect(service.start(actor, 'dry-run', 2000, async () => undefined)).rejects.toMatchObject({
      code: Code.ImportBusy,
    });
    release();
    await Promise.all(started.map((job) => settled(jobs, job.id)));
  });

  it('gives up a job that stopped reporting only when no process of its own runs it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const live = await service.start(actor, 'dry-run', 2000, async (handle) => {
      await gate;
      await handle.complete(report as ImportReportDto);
    });
    const orphan = await jobs.insert({ bureauId: 'b1', createdById: 'u2', mode: 'commit', totalRows: 9000 });
    const old = new Date(Date.now() - (IMPORT_JOB_STALE_SECONDS + 60) * 1000);
    Object.assign(jobs.rows.get(orphan.id) as LeadImportJobEntity, { status: 'running', updatedAt: old });
    Object.assign(jobs.rows.get(live.id) as LeadImportJobEntity, { updatedAt: old });

    expect(await service.get(actor, orphan.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('中断'),
    });
    expect((await service.get(actor, live.id)).status).not.toBe('failed');
    expect(jobs.staleChecks).toEqual([orphan.id]);
    await expect(service.get({ ...actor, bureauId: 'b2', userId: 'u3' }, live.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    release();
    await settled(jobs, live.id);
  });
});
