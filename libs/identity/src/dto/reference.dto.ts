import { ApiProperty } from '@nestjs/swagger';

/** How every answer names a bureau beside a record of its own. */
export class BureauRefDto {
  @ApiProperty({ example: 'B03' }) code: string;
  @ApiProperty({ example: '海州区第三招商局' }) name: string;
}

/** How every answer names a user (the officer, the one who recorded or decided) beside a record. */
export class UserRefDto {
  @ApiProperty({ example: 'cfb36d20-605f-4219-9e5a-86a653ded3ed', format: 'uuid' }) id: string;
  @ApiProperty({ example: '王建国' }) displayName: string;
}
