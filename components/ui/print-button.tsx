'use client';

import { useHydrated } from './use-hydrated';

export function PrintButton({ label }: { label: string }) {
  const isHydrated = useHydrated();
  return (
    <button
      type="button"
      onClick={() => window.print()}
      disabled={!isHydrated}
      data-print="hide"
      className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
    >
      {label}
    </button>
  );
}
