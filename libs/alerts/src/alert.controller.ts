import { Actor, AnySignedIn, CurrentActor } from '@app/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertService } from './alert.service';
import { AlertPageDto, AlertQueryDto } from './dto/alert.dto';

@ApiTags('督查预警 alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertController {
  constructor(private readonly alerts: AlertService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '红黄灯预警（每日计算；招商局用户只看到本局）' })
  @ApiOkResponse({ type: AlertPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: AlertQueryDto): Promise<AlertPageDto> {
    return this.alerts.list(actor, query);
  }
}
