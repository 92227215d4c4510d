import './styles.css';
import { IDLE_MESSAGE, session } from './api';
import { fill, h } from './dom';
import { renderLogin } from './login';
import { homeOf, navigate, useRouter } from './nav';

const root = document.getElementById('app') as HTMLElement;
const IDLE_CHECK_MS = 30_000;
/** The server's default; the client only mirrors it so a forgotten screen does not keep showing data. */
const IDLE_LIMIT_MS = 30 * 60_000;
let lastActivity = Date.now();

async function route(message?: string): Promise<void> {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path !== '/login' && !session.user) {
    try {
      if (!(await session.resume())) return navigate('/login', message, true);
    } catch {
      return navigate('/login', IDLE_MESSAGE, true);
    }
  }
  const user = session.user;
  if (path === '/login' || !user)
    return renderLogin(root, message, (signedIn) => navigate(homeOf(signedIn), undefined, true));
  // resumed after a reload without the change made: the old password is asked for again by signing in
  if (user.mustChangePassword)
    return void session.logout().then(() => navigate('/login', '请重新登录并修改初始密码', true));
  if (path === '/staff') {
    const { renderStaff } = await import('./staff');
    return renderStaff(root, user);
  }
  if (path === '/') {
    const { renderDashboard } = await import('./dashboard');
    return renderDashboard(root, user);
  }
  fill(
    root,
    h('section', { class: 'card narrow' }, h('h1', {}, '页面不存在'), h('a', { href: homeOf(user) }, '返回首页')),
  );
}

useRouter(route);
session.onEnded = (message) => navigate('/login', message);

// links inside the app change the page without reloading, so the access token held in memory survives
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a[data-nav]');
  if (!link || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href') ?? '/');
});
window.addEventListener('popstate', (event) => void route((event.state as { message?: string } | null)?.message));
for (const name of ['pointerdown', 'keydown', 'touchstart']) {
  window.addEventListener(name, () => (lastActivity = Date.now()), { passive: true });
}
setInterval(() => {
  if (session.user && Date.now() - lastActivity > IDLE_LIMIT_MS) {
    void session.logout().then(() => navigate('/login', IDLE_MESSAGE));
  }
}, IDLE_CHECK_MS);

void route();
