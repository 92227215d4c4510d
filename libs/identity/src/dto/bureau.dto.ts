import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

export class BureauDto {
  @ApiProperty({ example: '6940dae2-e614-4f23-9128-2d09ec0e7e24', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'B01' }) code: string;
  @ApiProperty({ example: '海州区第一招商局' }) name: string;
  @ApiProperty({ example: ['新能源', '装备制造'], type: [String], description: '重点产业' }) focusIndustries: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: '5c0e7d2a-1b3f-4e6a-9c8d-7f6e5d4c3b2a',
    description: '分管领导（县级领导）：逾期督办单升级至此人',
  })
  leaderId: string | null;
}

export class SetBureauLeaderDto {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: '5c0e7d2a-1b3f-4e6a-9c8d-7f6e5d4c3b2a',
    description: '分管领导：在职的县级领导；null 为取消',
  })
  @ValidateIf((o: SetBureauLeaderDto) => o.leaderId !== null)
  @IsUUID()
  leaderId: string | null;
}
