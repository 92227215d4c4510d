import { Actor, AuditService, bureauScopeOf, BusinessClock, NotFoundException, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { FundDto, FundListDto, RecordFundDto } from './dto/fund.dto';
import { PipelineCounting } from './pipeline-counting';
import { ProjectFundRepository } from './project-fund.repository';
import { ProjectRepository } from './project.repository';
import { PipelineException, PipelineExceptionCode as Code } from './pipeline.exception';
import { auditViewOfFund, toFundDto } from './pipeline.mapper';
import { isAtOrPast, Stage } from './stage';

@Injectable()
export class FundService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly funds: ProjectFundRepository,
    private readonly counting: PipelineCounting,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  async list(actor: Actor, projectId: string): Promise<FundListDto> {
    const project = await this.projects.findById(projectId, bureauScopeOf(actor));
    if (!project) throw new NotFoundException('项目');
    const [items, total] = await Promise.all([
      this.funds.listOfProject(projectId),
      this.funds.totalOfProject(projectId),
    ]);
    return { items: items.map(toFundDto), total };
  }

  /**
   * Records the funds paid in for one month of a project that has registered. A second record for the same
   * month is a correction of the first: it replaces the amount and is audited with both.
   */
  async record(actor: Actor, projectId: string, dto: RecordFundDto): Promise<FundDto> {
    const scope = bureauScopeOf(actor);
    const fund = await this.transactions.run(async (tx) => {
      const project = await this.projects.findById(projectId, scope, tx);
      if (!project) throw new NotFoundException('项目');
      if (!isAtOrPast(project.stage, Stage.Registered)) {
        const message =
          project.stage === Stage.Terminated ? '项目已终止，不能填报到位资金' : '项目注册落地后才能填报到位资金';
        throw new PipelineException(Code.FundsStageTooEarly, message, { stage: project.stage });
      }
      const currentMonth = this.clock.today().slice(0, 7);
      const firstMonth = (project.registeredAt as string).slice(0, 7);
      if (dto.month > currentMonth || dto.month < firstMonth) {
        throw new PipelineException(
          Code.FundMonthOutOfRange,
          `到位资金月份须在注册落地月份（${firstMonth}）与本月（${currentMonth}）之间`,
          { from: firstMonth, to: currentMonth },
        );
      }
      const before = await this.funds.findMonthForUpdate(projectId, dto.month, tx);
      const saved = await this.funds.upsert(
        { projectId, month: dto.month, amount: dto.amount, note: dto.note ?? null, recordedById: actor.userId },
        tx,
      );
      await this.counting.funds(tx, project.bureauId, dto.month, before?.amount ?? null, saved.amount);
      await this.audit.record(
        actor,
        {
          action: before ? 'project.funds.correct' : 'project.funds.record',
          entity: 'project_fund',
          entityId: saved.id,
          before: before ? auditViewOfFund(before) : null,
          after: auditViewOfFund(saved),
        },
        tx,
      );
      return saved;
    });
    return toFundDto(fund);
  }
}
