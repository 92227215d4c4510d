import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether a media query matches, kept up to date (`useMediaQuery('(max-width: 768px)')` for phones). */
export function useMediaQuery(query: string): Ref<boolean> {
  const list = window.matchMedia(query);
  const matches = ref(list.matches);
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list.addEventListener('change', update);
  onBeforeUnmount(() => list.removeEventListener('change', update));
  return matches;
}

export const PHONE = '(max-width: 768px)';

/** A person's system asks for less motion: the charts draw without animating (the CSS stops the rest). */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
