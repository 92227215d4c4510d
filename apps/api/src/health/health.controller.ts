import { AppConfig, Public } from '@app/core';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiStartup, StartupStatus } from '../api-startup.service';
import { HealthMonitor } from './health-monitor.service';

class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) status: 'up' | 'down';
  @ApiProperty({ example: 'embedded', description: 'embedded（内置 PGlite）/ server / bull / inprocess' }) mode: string;
}

class ScheduleHealthDto {
  @ApiProperty({ example: 'RollupCompactionJob', description: '定时任务' }) name: string;
  @ApiProperty({ example: '* * * * *', description: 'cron（APP_TIME_ZONE）' }) cron: string;
  @ApiPropertyOptional({ example: '2026-12-01T08:00:00.000Z', nullable: true, type: String })
  lastStartedAt: string | null;
  @ApiPropertyOptional({ example: '2026-12-01T08:00:01.000Z', nullable: true, type: String })
  lastFinishedAt: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) lastFailedAt: string | null;
  @ApiProperty({ example: false, description: '应运行的一次超过 5 分钟仍未开始' }) overdue: boolean;
}

class StartupHealthDto {
  @ApiProperty({
    enum: ['running', 'done', 'failed'],
    example: 'done',
    description: '首次启动的工作（内置数据库的演示数据）：running 仍在后台载入，done 已完成，failed 载入失败',
  })
  status: StartupStatus;
}

class HealthDto {
  @ApiProperty({
    enum: ['ok', 'starting', 'degraded', 'error'],
    example: 'ok',
    description:
      '首次启动的演示数据仍在后台载入时为 starting；队列不可用、定时任务逾期或演示数据载入失败时为 degraded；数据库不可用时为 error',
  })
  status: 'ok' | 'starting' | 'degraded' | 'error';
  @ApiProperty({ type: StartupHealthDto }) startup: StartupHealthDto;
  @ApiProperty({ type: ComponentHealthDto }) database: ComponentHealthDto;
  @ApiProperty({ type: ComponentHealthDto }) queue: ComponentHealthDto;
  @ApiProperty({ type: [ScheduleHealthDto], description: '本系统的定时任务及其最近一次运行' })
  schedules: ScheduleHealthDto[];
  @ApiProperty({ example: '2026-12-01T08:00:05.000Z', description: '最近一次探测的时间（后台每 5 秒探测一次）' })
  checkedAt: string;
  @ApiProperty({ example: 42 }) uptimeSeconds: number;
}

class ProbeDto {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status: 'ok' | 'error';
}

@ApiTags('运行状态 health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly monitor: HealthMonitor,
    private readonly config: AppConfig,
    private readonly startup: ApiStartup,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      '健康检查（立即返回后台探测结果）：数据库不可用时 503；Redis 不可用或定时任务逾期时 200 且 status=degraded；演示数据仍在载入时 200 且 status=starting',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthDto {
    const state = this.monitor.current();
    const databaseUp = state.database === 'up';
    const startup = this.startup.status;
    const healthy =
      state.queue === 'up' && state.schedules.every((schedule) => !schedule.overdue) && startup !== 'failed';
    void reply.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: !databaseUp ? 'error' : !healthy ? 'degraded' : startup === 'running' ? 'starting' : 'ok',
      startup: { status: startup },
      database: { status: state.database, mode: this.config.embedded ? 'embedded' : 'server' },
      queue: { status: state.queue, mode: this.config.queueDriver },
      schedules: state.schedules,
      checkedAt: state.checkedAt.toISOString(),
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活检查（供编排系统）：进程能应答即 200' })
  @ApiOkResponse({ type: ProbeDto })
  live(): ProbeDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查（供编排系统）：数据库可用时 200，否则 503（不再分配请求）' })
  @ApiOkResponse({ type: ProbeDto })
  @ApiServiceUnavailableResponse({ type: ProbeDto })
  ready(@Res({ passthrough: true }) reply: FastifyReply): ProbeDto {
    const ready = this.monitor.current().database === 'up';
    void reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ok' : 'error' };
  }
}
