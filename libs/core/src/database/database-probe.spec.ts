import { QueryFailedError } from 'typeorm';
import { refusedQueryCode } from './database-probe';

describe(refusedQueryCode.name, () => {
  it('reads the SQLSTATE of a statement the server refused', () => {
    const refused = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' }));
    expect(refusedQueryCode(refused)).toBe('23505');
  });

  it('says nothing of other errors, even with a code', () => {
    expect(refusedQueryCode(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(refusedQueryCode(new QueryFailedError('SELECT 1', [], new Error('no code')))).toBeUndefined();
    expect(refusedQueryCode(undefined)).toBeUndefined();
  });
});
