import { ref } from 'vue';
import { api, data } from '@/api/client';
import type { components } from '@/api/schema';

type Bureau = components['schemas']['BureauDto'];
let cached: Promise<Bureau[]> | null = null;

/** The district's 招商局 (for filters and forms), fetched once per page load. */
export function useBureaus() {
  const bureaus = ref<Bureau[]>([]);
  cached ??= data(api.GET('/api/v1/bureaus')).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  cached.then((list) => (bureaus.value = list)).catch(() => undefined);
  return bureaus;
}
