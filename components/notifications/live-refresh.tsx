'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Refreshes the page when the server announces a change to this embassy's notifications (server-sent events
 * fed by PostgreSQL LISTEN/NOTIFY). EventSource reconnects by itself after a dropped connection.
 */
export function LiveRefresh() {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource('/api/live');
    source.addEventListener('change', () => router.refresh());
    return () => source.close();
  }, [router]);
  return null;
}
