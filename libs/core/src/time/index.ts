export * from './business-calendar';
export * from './business-clock';
export * from './within-time';
