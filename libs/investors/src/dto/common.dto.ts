export const BUREAU_CODE = /^B\d{2,4}$/;

/** Turns 'true'/'false' of a query string into a boolean. */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
