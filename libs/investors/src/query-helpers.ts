/** `-createdAt` → ['createdAt', 'DESC']. */
export function sortOf<T extends string>(sort: T): [string, 'ASC' | 'DESC'] {
  return sort.startsWith('-') ? [sort.slice(1), 'DESC'] : [sort, 'ASC'];
}

/** Whether a database error is the refusal of one named unique index. */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError;
  return driverError?.code === '23505' && driverError.constraint === index;
}
