import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';

/** Reads a record as its creating route answered it (the body of its 201), for the caller who created it. */
export type CreatedRecordReader = (actor: Actor, id: string) => Promise<unknown>;

/**
 * How to answer again a creating request that committed but whose answer was never stored (its process died
 * between the commit and storing the answer): the domain modules register a reader for each entity that an
 * `@Idempotent('entity')` route creates.
 */
@Injectable()
export class IdempotentReplays {
  private readonly readers = new Map<string, CreatedRecordReader>();

  register(entity: string, reader: CreatedRecordReader): void {
    this.readers.set(entity, reader);
  }

  readerOf(entity: string): CreatedRecordReader | undefined {
    return this.readers.get(entity);
  }
}
