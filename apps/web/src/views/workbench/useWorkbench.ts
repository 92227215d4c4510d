import { createStore, get, set, type UseStore } from 'idb-keyval';
import { reactive } from 'vue';
import { api, data } from '@/api/client';
import { isNetworkError, messageOf } from '@/api/errors';
import type { components } from '@/api/schema';
import type { User } from '@/api/session';

type Schemas = components['schemas'];
export type Lead = Schemas['LeadDto'];
export type Visit = Schemas['VisitDto'];
export type Project = Schemas['ProjectDto'];
export type UserRef = Schemas['UserDto'];

interface Loaded<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  /** Shown from this device's copy because the network is down. */
  offline: boolean;
}

let cache: UseStore | undefined;
const cacheStore = () => (cache ??= createStore('haizhou-cache', 'lists'));

/** Leads whose follow-up is due today or overdue come first, the most overdue on top. */
export function sortByFollowUp(leads: Lead[]): Lead[] {
  const key = (lead: Lead) => (typeof lead.nextFollowUpAt === 'string' ? lead.nextFollowUpAt : '9999-12-31');
  return [...leads].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * The workbench's data: my open leads (due follow-ups first; kept on the device so a visit can be logged
 * without a network), my recent visits, my projects and the county leaders who may join a visit.
 */
export function useWorkbench(user: User) {
  const leads = reactive<Loaded<Lead>>({ items: [], loading: false, error: null, offline: false });
  const visits = reactive<Loaded<Visit>>({ items: [], loading: false, error: null, offline: false });
  const projects = reactive<Loaded<Project>>({ items: [], loading: false, error: null, offline: false });
  const leaders = reactive<Loaded<UserRef>>({ items: [], loading: false, error: null, offline: false });
  const leadsKey = `leads:${user.id}`;

  async function load<T>(target: Loaded<T>, fetch: () => Promise<T[]>, keep?: string): Promise<void> {
    target.loading = true;
    try {
      target.items = await fetch();
      target.error = null;
      target.offline = false;
      if (keep) await set(keep, JSON.parse(JSON.stringify(target.items)), cacheStore());
    } catch (error) {
      const kept = keep && isNetworkError(error) ? await get<T[]>(keep, cacheStore()) : undefined;
      if (kept) {
        target.items = kept;
        target.offline = true;
        target.error = null;
      } else {
        target.error = messageOf(error);
      }
    } finally {
      target.loading = false;
    }
  }

  const loadLeads = () =>
    load(
      leads,
      async () => {
        const query = { officer: user.id, status: 'open' as const, sort: 'nextFollowUpAt' as const, pageSize: 200 };
        return sortByFollowUp((await data(api.GET('/api/v1/leads', { params: { query } }))).items);
      },
      leadsKey,
    );

  const loadVisits = () =>
    load(visits, async () => {
      const query = { officer: user.id, sort: '-date' as const, pageSize: 10 };
      return (await data(api.GET('/api/v1/visits', { params: { query } }))).items;
    });

  const loadProjects = () =>
    load(projects, async () => {
      const page = await data(api.GET('/api/v1/projects', { params: { query: { pageSize: 100 } } }));
      return page.items.filter((p) => p.officer.id === user.id || user.role === 'bureau_head');
    });

  const loadLeaders = () =>
    load(leaders, async () => {
      const query = { role: 'leader' as const, active: true, pageSize: 100 };
      return (await data(api.GET('/api/v1/users', { params: { query } }))).items;
    });

  return { leads, visits, projects, leaders, loadLeads, loadVisits, loadProjects, loadLeaders };
}
