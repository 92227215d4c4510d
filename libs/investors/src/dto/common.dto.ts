import { ApiProperty } from '@nestjs/swagger';

export const BUREAU_CODE = /^B\d{2,4}$/;

export class BureauRefDto {
  @ApiProperty({ example: 'B03' }) code: string;
  @ApiProperty({ example: '海州区第三招商局' }) name: string;
}

export class UserRefDto {
  @ApiProperty({ example: 'cfb36d20-605f-4219-9e5a-86a653ded3ed', format: 'uuid' }) id: string;
  @ApiProperty({ example: '王建国' }) displayName: string;
}

/** Turns 'true'/'false' of a query string into a boolean. */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
