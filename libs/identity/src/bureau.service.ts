import { Injectable } from '@nestjs/common';
import { BureauRepository } from './bureau.repository';
import { BureauDto } from './dto/bureau.dto';

@Injectable()
export class BureauService {
  constructor(private readonly bureaus: BureauRepository) {}

  async list(): Promise<BureauDto[]> {
    const rows = await this.bureaus.list();
    return rows.map(({ id, code, name, focusIndustries }) => ({ id, code, name, focusIndustries }));
  }
}
