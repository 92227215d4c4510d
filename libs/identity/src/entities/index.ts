export * from './bureau.entity';
export * from './user.entity';
export * from './session.entity';
export * from './reference-views.entity';
