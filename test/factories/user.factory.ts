import { Actor, AppConfig, Role } from '@app/core';
import { actorOfUser, argon2Options, BureauRepository, hashPassword, UserEntity, UserRepository } from '@app/identity';
import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { TestApp } from '../support/test-app';

export const TEST_PASSWORD = 'Zhaoshang#2026';
/** TEST_PASSWORD's hash at each argon2 cost in use (one per file in practice): made once, not per user. */
const passwordHashes = new Map<number, Promise<string>>();

/** Where a factory finds the app's providers: the whole api (TestApp) or a service test module (ServiceTest). */
export type Providers = Pick<TestApp, 'get'>;

export interface UserOverrides {
  role?: Role;
  bureauCode?: string;
  username?: string;
  displayName?: string;
}

/** A user straight in the database (no HTTP), password TEST_PASSWORD. */
export async function createUser(t: Providers, overrides: UserOverrides = {}): Promise<UserEntity> {
  const role = overrides.role ?? Role.Staff;
  const bureauCode = overrides.bureauCode ?? (role === Role.Staff || role === Role.BureauHead ? 'B01' : undefined);
  const bureau = bureauCode ? await t.get(BureauRepository).findByCode(bureauCode) : null;
  const memoryKib = t.get(AppConfig).PASSWORD_HASH_MEMORY_KIB;
  if (!passwordHashes.has(memoryKib))
    passwordHashes.set(memoryKib, hashPassword(TEST_PASSWORD, argon2Options(memoryKib)));
  return t.get(UserRepository).insert({
    username: overrides.username ?? `${role}_${randomBytes(4).toString('hex')}`,
    displayName: overrides.displayName ?? '测试用户',
    role,
    bureauId: bureau?.id ?? null,
    passwordHash: await (passwordHashes.get(memoryKib) as Promise<string>),
  });
}

export async function login(http: TestAgent, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await http.post('/api/v1/auth/login').send({ username, password });
  if (response.status !== 200)
    throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

/** A signed-in user of the given role: its record and a bearer header. */
export async function signedIn(
  t: TestApp,
  overrides: UserOverrides = {},
): Promise<{ user: UserEntity; auth: { Authorization: string } }> {
  const user = await createUser(t, overrides);
  const token = await login(t.http, user.username);
  return { user, auth: { Authorization: `Bearer ${token}` } };
}

/** A user straight in the database and the actor a service sees for it, for tests that call services directly. */
export async function actingUser(
  t: Providers,
  overrides: UserOverrides = {},
): Promise<{ user: UserEntity; actor: Actor }> {
  const user = await createUser(t, overrides);
  return { user, actor: actorOf(user) };
}

/** The actor a service sees for this user, for tests that call services directly. */
export function actorOf(user: UserEntity, bureauCode: string | null = user.bureau?.code ?? null): Actor {
  return actorOfUser(user, { sessionId: 'test', requestId: 'test' }, bureauCode);
}
