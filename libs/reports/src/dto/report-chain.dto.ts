import { ApiProperty } from '@nestjs/swagger';

export class ChainBreakDto {
  @ApiProperty({ example: '2026-W47' }) period: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({
    enum: ['content_hash', 'prev_link', 'period_order', 'missing_period', 'version_order'],
    description:
      'content_hash 内容与哈希不符；prev_link 上一份哈希不是链上前一份的；period_order 周期顺序颠倒；' +
      'missing_period 中间缺期；version_order 重新生成的版本不在前一版之后',
    example: 'content_hash',
  })
  problem: string;
  @ApiProperty({ example: '2026-W47 第 1 版：内容与发布时的哈希不一致' }) message: string;
}

export class ChainHeadDto {
  @ApiProperty({ example: '2026-W48' }) period: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ example: '9f2c…' }) sha256: string;
}

export class ReportChainDto {
  @ApiProperty({ example: 'weekly', description: '报告类别（周报；月报、季报同样成链）' }) kind: string;
  @ApiProperty({ example: true }) intact: boolean;
  @ApiProperty({ example: 12, description: '链上报告份数（含重新生成的版本）' }) reports: number;
  @ApiProperty({ type: String, example: '2026-W37', nullable: true, description: '链上第一份报告的周期' }) first:
    string | null;
  @ApiProperty({ type: ChainHeadDto, nullable: true, description: '链头：最后发布的一份' }) head: ChainHeadDto | null;
  @ApiProperty({ type: [ChainBreakDto] }) breaks: ChainBreakDto[];
}

export class ReportChainsDto {
  @ApiProperty({ example: true, description: '每一条链都完好' }) intact: boolean;
  @ApiProperty({ example: '2026-12-01T09:00:00.000Z' }) checkedAt: string;
  @ApiProperty({ type: [ReportChainDto] }) chains: ReportChainDto[];
}
