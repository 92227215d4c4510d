import { Allow, Role } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportChainsDto } from './dto/report-chain.dto';
import { verifyChain } from './report-chain';
import { MonthlyReportService, QuarterlyReportService } from './period-report.service';
import { WeeklyReportService } from './weekly-report.service';

@ApiTags('周报 weekly reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportVerifyController {
  constructor(
    private readonly weekly: WeeklyReportService,
    private readonly monthly: MonthlyReportService,
    private readonly quarterly: QuarterlyReportService,
  ) {}

  @Get('verify')
  @Allow(Role.Leader, Role.Supervisor, Role.Admin)
  @ApiOperation({
    summary: '校验报告哈希链：逐份重算内容哈希，核对上一份哈希、周期顺序与版本顺序，列出每一处断裂',
  })
  @ApiOkResponse({ type: ReportChainsDto })
  async verify(): Promise<ReportChainsDto> {
    // one chain per kind of report, walked one after another (each reads every report's content once)
    const chains = [];
    for (const publisher of [this.weekly, this.monthly, this.quarterly]) {
      chains.push(await verifyChain(publisher.chainSource()));
    }
    return { intact: chains.every((chain) => chain.intact), checkedAt: new Date().toISOString(), chains };
  }
}
