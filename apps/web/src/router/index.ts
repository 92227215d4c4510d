import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import { routes } from './routes';

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

/**
 * Signs the page in before any page that needs it: the session of this tab is resumed from its refresh token,
 * otherwise the sign-in page opens (and comes back here afterwards). A password someone else chose must be
 * changed first. A page the role may not open still opens, and says so (the layout shows 无权访问此页面).
 */
router.beforeEach(async (to) => {
  const auth = useAuthStore();
  auth.whenEnded(() => void router.replace({ name: 'login', query: returnTo(router.currentRoute.value.fullPath) }));
  if (to.meta.public) return true;
  if (!auth.user && !(await auth.resume())) return { name: 'login', query: returnTo(to.fullPath) };
  if (auth.user?.mustChangePassword) return { name: 'login', query: returnTo(to.fullPath) };
  if (to.name === 'home') return auth.home;
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 海州区招商引资管理系统` : '海州区招商引资管理系统';
});

function returnTo(path: string): Record<string, string> {
  return path && path !== '/' && !path.startsWith('/login') ? { redirect: path } : {};
}
