'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { setConsularRuleAction } from '@/lib/consular/actions';
import { setConsularRuleSchema } from '@/lib/consular/schemas';

/** Marks one country's notification mandatory or not; `rule` is the current one (absent: a new country). */
export function ConsularRuleForm({ countries, rule }: { countries: { code: string; name: string }[]; rule?: { countryCode: string; mandatoryNotification: boolean; version: number } }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(setConsularRuleSchema),
    values: rule ?? { countryCode: countries[0]?.code ?? '', mandatoryNotification: true, version: 0 },
    action: setConsularRuleAction,
  });
  const label = rule ? countries.find((country) => country.code === rule.countryCode)?.name ?? rule.countryCode : t('consular.rules.add');
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={label} className="flex flex-wrap items-end gap-3">
      {failure && <ActionFailureAlert failure={failure} title={label} conflictTitle={t('consular.conflict.heading')} />}
      {rule ? (
        <span className="min-w-40 font-medium">{label}</span>
      ) : (
        <SelectField label={t('consular.rules.country')} options={countries.map((country) => ({ value: country.code, label: country.name }))} {...form.register('countryCode')} />
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4" {...form.register('mandatoryNotification')} />
        {t('consular.rules.mandatory')}
      </label>
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded border border-slate-400 px-2 py-1 text-sm font-medium disabled:opacity-60">
        {t('consular.rules.save')}
      </button>
      {isDone && <Alert tone="success" title={t('consular.rules.saved')} />}
    </form>
  );
}
