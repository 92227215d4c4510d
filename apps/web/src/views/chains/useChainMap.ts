import { computed, reactive, ref, watch } from 'vue';
import { api, data } from '@/api/client';
import type { components } from '@/api/schema';

type Chain = components['schemas']['ChainDto'];
type Coverage = components['schemas']['ChainCoverageDto'];
type Target = components['schemas']['TargetDto'];

/** The chain map's data: the chains, the chosen chain's coverage, and the targets of the link drilled into. */
export function useChainMap() {
  const chains = ref<Chain[]>([]);
  const chainId = ref('');
  const coverage = ref<Coverage | null>(null);
  const loading = ref(true);
  const error = ref('');
  const drill = reactive({ open: false, linkName: '', loading: false, targets: [] as Target[], total: 0 });

  async function loadChains(): Promise<void> {
    try {
      chains.value = (await data(api.GET('/api/v1/industry-chains'))).items;
      chainId.value = chains.value[0]?.id ?? '';
      if (!chainId.value) loading.value = false;
    } catch (e) {
      error.value = (e as Error).message;
      loading.value = false;
    }
  }

  watch(chainId, async (id) => {
    if (!id) return;
    loading.value = true;
    error.value = '';
    try {
      coverage.value = await data(
        api.GET('/api/v1/industry-chains/{id}/coverage', { params: { path: { id }, query: {} } }),
      );
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  });

  async function openLink(linkId: string): Promise<void> {
    const link = coverage.value?.links.find((l) => l.linkId === linkId);
    Object.assign(drill, { open: true, linkName: link?.name ?? '', loading: true, targets: [], total: 0 });
    try {
      const page = await data(api.GET('/api/v1/chain-targets', { params: { query: { linkId, pageSize: 200 } } }));
      Object.assign(drill, { targets: page.items, total: page.total });
    } finally {
      drill.loading = false;
    }
  }

  const gaps = computed(() => coverage.value?.linksWithoutProject ?? []);
  return { chains, chainId, coverage, loading, error, drill, gaps, loadChains, openLink };
}
