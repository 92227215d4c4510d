import { ref } from 'vue';
import { messageOf } from '@/api/errors';

/**
 * A page's loading and error state around its own work: `load()` runs `work` (which fills the page's refs), with
 * `loading` on meanwhile and the API's Chinese message in `error` when it fails — what `<PageState>` shows.
 */
export function useLoad(work: () => Promise<void>, initiallyLoading = true) {
  const loading = ref(initiallyLoading);
  const error = ref<string | null>(null);
  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      await work();
    } catch (failure) {
      error.value = messageOf(failure);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, load };
}
