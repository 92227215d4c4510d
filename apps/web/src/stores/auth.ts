import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { data, api } from '@/api/client';
import { ApiError, IDLE_MESSAGE } from '@/api/errors';
import { session, type User } from '@/api/session';

export type Role = User['role'];

export const ROLE_LABELS: Record<Role, string> = {
  staff: '招商专员',
  bureau_head: '局负责人',
  leader: '区领导',
  supervisor: '督查',
  admin: '系统管理员',
};

/** Roles that read the whole district; their home is the 驾驶舱, the others' the workbench. */
export const DISTRICT_READERS: readonly Role[] = ['leader', 'supervisor', 'admin'];
/** The page signs out after this long without input, as the server would at its next call. */
const IDLE_LIMIT_MS = 30 * 60 * 1000;

export function homeOf(role: Role): string {
  return DISTRICT_READERS.includes(role) ? '/dashboard' : '/workbench';
}

/** Who is signed in, and the sentence the sign-in page shows when a session ended (idle, expired, signed out). */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(session.user);
  const notice = ref<string | null>(null);
  /** Set by the router: where to go when the server ends the session. */
  let onEnded: () => void = () => undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  session.onUser = (next) => (user.value = next);
  session.onEnded = (message) => {
    notice.value = message;
    onEnded();
  };

  const role = computed(() => user.value?.role ?? null);
  const home = computed(() => (user.value ? homeOf(user.value.role) : '/login'));

  function hasRole(roles: readonly Role[] | undefined): boolean {
    return !roles || (user.value !== null && roles.includes(user.value.role));
  }

  async function login(username: string, password: string): Promise<User> {
    const tokens = await data(api.POST('/api/v1/auth/login', { body: { username, password } }));
    session.keep(tokens);
    notice.value = null;
    watchIdle();
    return tokens.user;
  }

  /** Restores the session of this tab after a reload; false when there is none. */
  async function resume(): Promise<boolean> {
    if (session.user) return true;
    try {
      const resumed = await session.resume();
      if (resumed) watchIdle();
      return resumed;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SESSION_IDLE') notice.value = IDLE_MESSAGE;
      return false;
    }
  }

  async function logout(message = '已退出登录'): Promise<void> {
    try {
      if (session.user || session.hasRefreshToken) await api.POST('/api/v1/auth/logout');
    } catch {
      // the session may already be over on the server; forgetting it here is what matters
    }
    session.forget();
    notice.value = message;
  }

  /** Ends every session of mine on the server (every device), then this one here. */
  async function logoutEverywhere(): Promise<void> {
    await data(api.POST('/api/v1/auth/logout-all'));
    session.forget();
    notice.value = '已在所有设备上退出登录';
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await data(api.POST('/api/v1/auth/password', { body: { oldPassword, newPassword } }));
    // the server keeps this session and ends the others; the user record now says the password is the user's own
    await reload();
  }

  /** Reloads the signed-in user (after a change of the password, of the profile). */
  async function reload(): Promise<void> {
    user.value = await data(api.GET('/api/v1/auth/me'));
    session.user = user.value;
  }

  function whenEnded(go: () => void): void {
    onEnded = go;
  }

  let watching = false;
  function restartIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (!session.user) return;
      void logout(IDLE_MESSAGE).then(onEnded);
    }, IDLE_LIMIT_MS);
  }

  /** Input of any kind restarts the idle clock; the listeners are added once per page. */
  function watchIdle(): void {
    if (!watching) {
      for (const name of ['pointerdown', 'keydown']) window.addEventListener(name, restartIdle, { passive: true });
      watching = true;
    }
    restartIdle();
  }

  return {
    user,
    role,
    home,
    notice,
    hasRole,
    login,
    resume,
    logout,
    logoutEverywhere,
    changePassword,
    reload,
    whenEnded,
  };
});
