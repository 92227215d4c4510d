import { computed, reactive, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { messageOf } from '@/api/errors';

export interface Page<T> {
  items: T[];
  total: number;
}

/** What a list asks the API: its filters (strings; empty means unset) and the page. */
export type ListQuery<F> = F & { page: number; pageSize: number };

export interface PagedList<T, F extends Record<string, string>> {
  /** The filter form's values; `search()` puts them into the URL, which loads the list. */
  filters: F;
  page: Ref<number>;
  pageSize: Ref<number>;
  items: Ref<T[]>;
  total: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  empty: Ref<boolean>;
  search(): Promise<void>;
  reset(): Promise<void>;
  changePage(page: number): Promise<void>;
  changePageSize(size: number): Promise<void>;
  reload(): Promise<void>;
  /** Every row the list's filters (as in the URL) select, page by page, up to `limit`: for an export. */
  all(limit?: number): Promise<{ rows: T[]; total: number }>;
}

/** The most rows a list page asks the API for at once (the API's own limit). */
const EXPORT_PAGE = 200;

/**
 * A server-side paged list whose filters and page live in the URL (`/leads?status=active&page=2`): a reload, a
 * shared link and the Back button show the same list. `load` gets the filters (unset ones left out) with the
 * page and returns the API's `{ items, total }`; it runs whenever the URL's query changes.
 *
 *     const list = usePagedList({ status: '', q: '' }, (query) =>
 *       data(api.GET('/api/v1/leads', { params: { query: toLeadQuery(query) } })));
 */
export function usePagedList<T, F extends Record<string, string>>(
  defaults: F,
  load: (query: ListQuery<Partial<F>>) => Promise<Page<T>>,
  options: { pageSize?: number } = {},
): PagedList<T, F> {
  const route = useRoute();
  const router = useRouter();
  const defaultSize = options.pageSize ?? 20;
  const filters = reactive({ ...defaults }) as F;
  const page = ref(1);
  const pageSize = ref(defaultSize);
  const items = ref<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let latest = 0;
  // the list belongs to this page: leaving it changes the URL, which must not load the list again
  const owner = route.name;

  function readUrl(query: LocationQuery): void {
    for (const key of Object.keys(defaults) as (keyof F)[]) {
      const value = query[key as string];
      (filters as Record<keyof F, string>)[key] = typeof value === 'string' ? value : defaults[key];
    }
    page.value = positive(query.page, 1);
    pageSize.value = positive(query.pageSize, defaultSize);
  }

  function toUrl(): Record<string, string> {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(filters)) if (value !== '') query[key] = value;
    if (page.value > 1) query.page = String(page.value);
    if (pageSize.value !== defaultSize) query.pageSize = String(pageSize.value);
    return query;
  }

  async function fetchPage(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    const set = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as Partial<F>;
    try {
      const answer = await load({ ...set, page: page.value, pageSize: pageSize.value });
      if (ticket !== latest) return;
      items.value = answer.items;
      total.value = answer.total;
    } catch (failure) {
      if (ticket === latest) error.value = messageOf(failure);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  async function all(limit = 5000): Promise<{ rows: T[]; total: number }> {
    // the list as shown (the URL's filters), not what the form holds but has not searched yet
    const set = Object.fromEntries(
      Object.keys(defaults).flatMap((key) => {
        const value = route.query[key];
        return typeof value === 'string' && value !== '' ? [[key, value]] : [];
      }),
    ) as Partial<F>;
    const rows: T[] = [];
    let count = Infinity;
    for (let next = 1; rows.length < Math.min(count, limit); next += 1) {
      const answer = await load({ ...set, page: next, pageSize: EXPORT_PAGE });
      count = answer.total;
      rows.push(...answer.items);
      if (answer.items.length < EXPORT_PAGE) break;
    }
    return { rows: rows.slice(0, limit), total: count === Infinity ? rows.length : count };
  }

  async function go(): Promise<void> {
    const query = toUrl();
    if (sameQuery(query, route.query)) await fetchPage();
    else await router.push({ query });
  }

  watch(
    () => route.query,
    (query) => {
      if (route.name !== owner) return;
      readUrl(query);
      void fetchPage();
    },
    { immediate: true },
  );

  return {
    filters,
    page,
    pageSize,
    items,
    total,
    loading,
    error,
    empty: computed(() => !loading.value && items.value.length === 0),
    search: () => ((page.value = 1), go()),
    reset: () => (Object.assign(filters, defaults), (page.value = 1), go()),
    changePage: (next) => ((page.value = next), go()),
    changePageSize: (size) => ((pageSize.value = size), (page.value = 1), go()),
    reload: fetchPage,
    all,
  };
}

function positive(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function sameQuery(a: Record<string, string>, b: LocationQuery): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
