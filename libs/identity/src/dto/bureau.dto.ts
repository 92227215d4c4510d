import { ApiProperty } from '@nestjs/swagger';

export class BureauDto {
  @ApiProperty({ example: '6940dae2-e614-4f23-9128-2d09ec0e7e24', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'B01' }) code: string;
  @ApiProperty({ example: '海州区第一招商局' }) name: string;
  @ApiProperty({ example: ['新能源', '装备制造'], type: [String], description: '重点产业' }) focusIndustries: string[];
}
