/**
 * Registers the service worker of a production build (dist/web/sw.js), which keeps the application shell so
 * the workbench opens without a network. The development server runs without it.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // without a service worker the pages still work online; only the offline start is lost
    });
  });
}
