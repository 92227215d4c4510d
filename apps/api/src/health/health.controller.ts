import { AppConfig, JobQueue, Public } from '@app/core';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) status: 'up' | 'down';
  @ApiProperty({ example: 'embedded', description: 'embedded（内置 PGlite）/ server / bull / inprocess' }) mode: string;
}

class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    example: 'ok',
    description: '队列不可用时为 degraded，数据库不可用时为 error',
  })
  status: 'ok' | 'degraded' | 'error';
  @ApiProperty({ type: ComponentHealthDto }) database: ComponentHealthDto;
  @ApiProperty({ type: ComponentHealthDto }) queue: ComponentHealthDto;
  @ApiProperty({ example: 42 }) uptimeSeconds: number;
}

const PING_TIMEOUT_MS = 2000;

@ApiTags('运行状态 health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查：数据库不可用时 503；Redis 不可用时 200 且 status=degraded' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [databaseUp, queueUp] = await Promise.all([
      within(this.dataSource.query('SELECT 1').then(() => true)),
      within(this.queue.ping()),
    ]);
    const status = !databaseUp ? 'error' : queueUp ? 'ok' : 'degraded';
    void reply.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status,
      database: { status: databaseUp ? 'up' : 'down', mode: this.config.embedded ? 'embedded' : 'server' },
      queue: { status: queueUp ? 'up' : 'down', mode: this.config.queueDriver },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}

async function within(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
