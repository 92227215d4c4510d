import type { Role } from '@/stores/auth';
import { routes } from '@/router/routes';

export interface MenuEntry {
  path: string;
  title: string;
}
export interface MenuGroup {
  title: string | null;
  entries: MenuEntry[];
}

/** The side menu of a role, from the routes' `meta.menu`: a page the role may not open is not listed. */
export function menuOf(role: Role): MenuGroup[] {
  const groups = new Map<string | null, MenuEntry[]>();
  const entries = routes
    .filter((r) => r.meta?.menu && (!r.meta.roles || r.meta.roles.includes(role)))
    .sort((a, b) => (a.meta!.menu!.order ?? 0) - (b.meta!.menu!.order ?? 0));
  for (const route of entries) {
    const group = route.meta!.menu!.group ?? null;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push({ path: route.path, title: route.meta!.title ?? route.path });
  }
  return [...groups].map(([title, list]) => ({ title, entries: list }));
}
