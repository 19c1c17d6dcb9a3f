import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and until React has hydrated. Forms keep their buttons disabled until then:
 * a click before hydration would either do nothing or submit natively, putting field values in the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
