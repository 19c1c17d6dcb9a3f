import { useTranslations } from 'next-intl';
import type { HandlingCode } from '@/db/schema';

const tones: Record<HandlingCode, string> = {
  H0: 'border-slate-400 bg-slate-50 text-slate-800',
  H1: 'border-amber-500 bg-amber-50 text-amber-900',
  H2: 'border-orange-600 bg-orange-50 text-orange-900',
  H3: 'border-red-600 bg-red-50 text-red-900',
};

/** The handling code of shared information, shown in full wherever the item appears (and printed). */
export function HandlingCodeBadge({ code, note }: { code: HandlingCode; note?: string | null }) {
  const t = useTranslations('enums.handlingCode');
  return (
    <p className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${tones[code]}`}>
      {t(code)}
      {code === 'H3' && note ? `: ${note}` : ''}
    </p>
  );
}
