import { IsAmount, IsPastBusinessMonth } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { UserRefDto } from '@app/identity';

export class RecordFundDto {
  @ApiProperty({
    description: '到位资金月份，YYYY-MM（同一项目每月一条；再次提交即更正；不晚于本月）',
    example: '2026-10',
  })
  @IsPastBusinessMonth()
  month: string;

  @ApiProperty({ description: '当月到位资金（万元）', example: '3200.00' })
  @IsAmount()
  amount: string;

  @ApiPropertyOptional({ description: '说明', example: '股东首期出资到账' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class FundDto {
  @ApiProperty({ example: '6c9e6a48-7cd3-4a87-9f3f-a940b42478f2', format: 'uuid' }) id: string;
  @ApiProperty({ example: '950be384-d2f6-4335-991f-f2747a3017e0', format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ description: '万元', example: '3200.00' }) amount: string;
  @ApiProperty({ type: String, nullable: true, example: '股东首期出资到账' }) note: string | null;
  @ApiProperty({ type: UserRefDto }) recordedBy: UserRefDto;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) updatedAt: string;
}

export class FundListDto {
  @ApiProperty({ type: [FundDto] }) items: FundDto[];
  @ApiProperty({ description: '累计到位资金（万元）', example: '5400.00' }) total: string;
}
