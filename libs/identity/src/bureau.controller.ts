import { Actor, Allow, AnySignedIn, CurrentActor, Role } from '@app/core';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BureauService } from './bureau.service';
import { BureauDto, SetBureauLeaderDto } from './dto/bureau.dto';

@ApiTags('招商局 bureaus')
@ApiBearerAuth()
@Controller('bureaus')
export class BureauController {
  constructor(private readonly bureaus: BureauService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '全部招商局' })
  @ApiOkResponse({ type: [BureauDto] })
  list(): Promise<BureauDto[]> {
    return this.bureaus.list();
  }

  @Put(':code/leader')
  @Allow(Role.Admin)
  @ApiOperation({ summary: '设置招商局的分管领导（管理员）：逾期督办单升级至分管领导' })
  @ApiParam({ name: 'code', example: 'B03', description: '招商局编码' })
  @ApiOkResponse({ type: BureauDto })
  @ApiBadRequestResponse({ description: 'UNKNOWN_BUREAU：招商局不存在；INVALID_LEADER：不是在职的县级领导' })
  setLeader(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: SetBureauLeaderDto,
  ): Promise<BureauDto> {
    return this.bureaus.setLeader(actor, code, body);
  }
}
