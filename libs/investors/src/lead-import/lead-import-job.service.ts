import { Actor, bureauScopeOf, DomainException, NotFoundException, Transaction } from '@app/core';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ImportJobDto, ImportMode, ImportReportDto } from '../dto/lead-import.dto';
import { LeadImportJobEntity } from '../entities/lead-import-job.entity';
import { InvestorsException, InvestorsExceptionCode as Code } from '../investors.exception';
import { LeadImportJobRepository } from './lead-import-job.repository';

/** Background imports one api process runs at once; each holds its parsed ledger in memory. */
export const MAX_RUNNING_IMPORTS = 3;

/**
 * A job that has not reported for this long belongs to a process that died: it is marked failed when read.
 * (Not at start-up: several api processes share the database, and a starting one cannot tell its dead
 * predecessor's job from a live neighbour's.) A running job reports every few hundred rows, within seconds.
 */
export const IMPORT_JOB_STALE_SECONDS = 5 * 60;

/** Finished jobs, with their reports, are kept this long. */
const IMPORT_JOB_RETENTION_DAYS = 30;

const STOPPED = '服务停止，导入已中断，未写入任何数据，请重新上传';
const ABANDONED = '导入进程意外中断，未写入任何数据，请重新上传';
const INTERNAL = '导入时发生内部错误，未写入任何数据，请稍后重试或联系管理员';

/** What the work of a job can do with it. */
export interface ImportJobHandle {
  readonly id: string;
  /** Aborted when the process shuts down; the work stops at its next step. */
  readonly signal: AbortSignal;
  progress(processedRows: number): Promise<void>;
  /** Locks the job for the rest of the transaction of a long write (see LeadImportJobRepository.hold). */
  hold(tx: Transaction): Promise<void>;
  /** Done, with the report; inside the write's transaction when there is one, so both commit together. */
  complete(report: ImportReportDto, tx?: Transaction): Promise<void>;
}

/** The job was failed by someone else (given up as abandoned) while it still ran. */
class JobNoLongerRunning extends Error {}

/**
 * Runs lead imports in the background of the api process: the request that uploads a large ledger gets the
 * job at once, the work goes on after the answer, and the job's row tells anyone of the bureau how far it is.
 */
@Injectable()
export class LeadImportJobService implements OnApplicationShutdown {
  private readonly logger = new Logger('LeadImport');
  private readonly running = new Map<string, { stop: AbortController; finished: Promise<void> }>();

  constructor(private readonly jobs: LeadImportJobRepository) {}

  async start(
    actor: Actor,
    mode: ImportMode,
    totalRows: number,
    work: (job: ImportJobHandle) => Promise<void>,
  ): Promise<ImportJobDto> {
    if (this.running.size >= MAX_RUNNING_IMPORTS) {
      throw new InvestorsException(Code.ImportBusy, '当前导入任务较多，请稍后再试');
    }
    await this.jobs.purgeFinishedBefore(new Date(Date.now() - IMPORT_JOB_RETENTION_DAYS * 86_400_000));
    const job = await this.jobs.insert({
      bureauId: actor.bureauId as string,
      createdById: actor.userId,
      mode,
      totalRows,
    });
    const stop = new AbortController();
    // the work begins after this request's answer is on its way
    const finished = nextTurn().then(() => this.run(job.id, stop.signal, work));
    this.running.set(job.id, { stop, finished });
    void finished.finally(() => this.running.delete(job.id));
    return toImportJobDto(job);
  }

  async get(actor: Actor, id: string): Promise<ImportJobDto> {
    const scope = bureauScopeOf(actor);
    let job = await this.jobs.findVisible(id, scope, actor.userId);
    if (!job) throw new NotFoundException('导入任务');
    if (
      (job.status === 'queued' || job.status === 'running') &&
      !this.running.has(id) &&
      (await this.jobs.failIfStale(id, IMPORT_JOB_STALE_SECONDS, ABANDONED))
    ) {
      job = (await this.jobs.findVisible(id, scope, actor.userId)) as LeadImportJobEntity;
    }
    return toImportJobDto(job);
  }

  /**
   * Stops the jobs of this process before the database closes; each is marked failed. Runs after the HTTP server
   * has answered the requests under way, so that an upload answered during the stop has its job stopped too.
   */
  async onApplicationShutdown(): Promise<void> {
    const running = [...this.running.values()];
    running.forEach(({ stop }) => stop.abort());
    await Promise.all(running.map(({ finished }) => finished));
  }

  private async run(id: string, signal: AbortSignal, work: (job: ImportJobHandle) => Promise<void>): Promise<void> {
    let completed = false;
    const mustRun = (still: boolean) => {
      if (!still) throw new JobNoLongerRunning(`import job ${id} is no longer running`);
    };
    const handle: ImportJobHandle = {
      id,
      signal,
      progress: async (processedRows) => {
        signal.throwIfAborted();
        mustRun(await this.jobs.progress(id, processedRows));
      },
      hold: async (tx) => mustRun(await this.jobs.hold(id, tx)),
      complete: async (report, tx) => {
        mustRun(await this.jobs.complete(id, report, tx));
        completed = true;
      },
    };
    try {
      if (signal.aborted) throw signal.reason;
      mustRun(await this.jobs.markRunning(id));
      await work(handle);
      if (!completed) throw new Error(`import job ${id} ended without a report`);
    } catch (error) {
      if (error instanceof JobNoLongerRunning) return;
      let message = INTERNAL;
      if (signal.aborted) message = STOPPED;
      else if (error instanceof DomainException) message = error.message;
      else this.logger.error({ err: error, jobId: id }, 'Lead import job failed');
      await this.jobs.fail(id, message).catch((failure: unknown) => {
        this.logger.error({ err: failure, jobId: id }, 'Could not mark the lead import job failed');
      });
    }
  }
}

function toImportJobDto(job: LeadImportJobEntity): ImportJobDto {
  return {
    id: job.id,
    status: job.status,
    mode: job.mode,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    ...(job.report ? { report: job.report } : {}),
    ...(job.error ? { error: job.error } : {}),
    createdAt: job.createdAt.toISOString(),
    ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
  };
}
