export * from './identity.module';
export * from './entities';
export * from './admin-bootstrap.service';
export * from './password-policy';
export * from './user.repository';
export * from './bureau.repository';
export * from './auth.service';
export * from './list-scope';
export { actorOfUser } from './user.mapper';
