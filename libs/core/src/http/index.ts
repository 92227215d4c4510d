export * from './pagination.dto';
export * from './validation';
export * from './parse-id.pipe';
export * from './validators';
export * from './business-date';
export * from './input-limits';
export * from './file-body.parser';
