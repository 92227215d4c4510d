import { session } from './api';
import { DISTRICT_READERS, User } from './types';

type Router = (message?: string) => Promise<void>;
let router: Router = () => Promise.resolve();

/** main.ts hands over its router here, so pages can move on without importing main (and its start-up). */
export function useRouter(route: Router): void {
  router = route;
}

/** Moves to a page; a redirect replaces the current entry so Back does not bounce into it again. */
export function navigate(path: string, message?: string, redirect = false): void {
  if (redirect) history.replaceState({ message }, '', path);
  else history.pushState({ message }, '', path);
  void router(message);
}

export function homeOf(user: User): string {
  return DISTRICT_READERS.includes(user.role) ? '/' : '/staff';
}

export async function signOut(): Promise<void> {
  await session.logout();
  navigate('/login', '已退出登录');
}
