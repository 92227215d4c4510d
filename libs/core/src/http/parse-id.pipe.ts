import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationException } from '../errors/domain.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs; anything else is a 400 before it reaches the database. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ValidationException(`编号格式不正确：${String(value).slice(0, 40)}`);
    return value.toLowerCase();
  }
}
