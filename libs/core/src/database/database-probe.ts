import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';

/** Answers whether the database serves a query, for the health check (which never sees TypeORM itself). */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<true> {
    await this.dataSource.query('SELECT 1');
    return true;
  }
}

/** The SQLSTATE of a statement the server refused (`23505`, `22P02` …), or undefined for any other error. */
export function refusedQueryCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}
