import { AnySignedIn } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BureauService } from './bureau.service';
import { BureauDto } from './dto/bureau.dto';

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
}
