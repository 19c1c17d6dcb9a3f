'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

interface ConfirmActionProps {
  /** The button that starts the action, and the question asked before it runs. */
  label: string;
  question: string;
  tone?: 'danger' | 'normal';
  onConfirm: () => Promise<void>;
}

/** A two-step button: the first press asks, the second does it. No browser dialog, so it stays accessible. */
export function ConfirmAction({ label, question, tone = 'normal', onConfirm }: ConfirmActionProps) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const [isAsking, setIsAsking] = useState(false);
  const [isRunning, setIsRunning] = useState(false);
  const buttonClass =
    tone === 'danger'
      ? 'rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60'
      : 'rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60';
  if (!isAsking) {
    return (
      <button type="button" disabled={!isHydrated} onClick={() => setIsAsking(true)} className={buttonClass}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="text-sm">{question}</p>
      <button
        type="button"
        disabled={isRunning}
        onClick={async () => {
          setIsRunning(true);
          try {
            await onConfirm();
          } finally {
            setIsRunning(false);
            setIsAsking(false);
          }
        }}
        className={buttonClass}
      >
        {t('admin.confirm', { action: label })}
      </button>
      <button type="button" onClick={() => setIsAsking(false)} className="text-sm font-medium text-slate-700 underline">
        {t('admin.cancel')}
      </button>
    </div>
  );
}
