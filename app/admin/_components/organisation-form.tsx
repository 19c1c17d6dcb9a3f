'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { createOrganisationAction, updateOrganisationAction } from '@/lib/directory/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { AdminFormActions } from './form-actions';
import { Alert } from '@/components/ui/alert';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { CountryCombobox } from '@/components/ui/country-combobox';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { organisationKind } from '@/db/schema/enums';
import { createOrganisationSchema, maxDutyEmailAddresses, organisationNeedsProvince, type CreateOrganisationInput } from '@/lib/directory/schemas';
import type { ActionFailure } from '@/lib/action-result';

interface OrganisationFormProps {
  values: CreateOrganisationInput;
  provinces: { code: string; name: string }[];
  /** Present when editing: the organisation and the version the admin loaded. */
  existing?: { id: string; version: number };
}

export function OrganisationForm({ values, provinces, existing }: OrganisationFormProps) {
  const t = useTranslations();
  const locale = useLocale();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateOrganisationInput>({ resolver: zodResolver(createOrganisationSchema), values });
  const kind = useWatch({ control, name: 'kind' });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  const onSubmit = handleSubmit(async (input) => {
    setFailure(null);
    setIsSaved(false);
    const result = existing ? await updateOrganisationAction({ ...input, ...existing }) : await createOrganisationAction(input);
    if (result.ok) {
      if (existing) {
        setIsSaved(true);
        router.refresh();
      } else {
        router.push(`/admin/organisations/${(result.data as { id: string }).id}`);
      }
      return;
    }
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages[0]) setError(path as FieldPath<CreateOrganisationInput>, { message: messages[0] });
    }
    setFailure(result);
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      {failure && <AdminFailureAlert failure={failure} />}
      {isSaved && <Alert tone="success" title={t('admin.saved')} />}
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('admin.organisationDetails')}</legend>
        {existing ? (
          <div>
            <TextField label={t('admin.kind')} hint={t('admin.kindFixedHint')} value={t(`organisationKinds.${values.kind}`)} readOnly aria-readonly="true" error={message(errors.kind?.message)} />
            <input type="hidden" {...register('kind')} />
          </div>
        ) : (
          <SelectField
            label={t('admin.kind')}
            options={organisationKind.enumValues.map((value) => ({ value, label: t(`organisationKinds.${value}`) }))}
            error={message(errors.kind?.message)}
            {...register('kind')}
          />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('admin.nameEn')} maxLength={200} lang="en" error={message(errors.nameEn?.message)} {...register('nameEn')} />
          <TextField label={t('admin.nameKm')} maxLength={200} lang="km" error={message(errors.nameKm?.message)} {...register('nameKm')} />
          <TextField label={t('admin.nameZh')} maxLength={200} lang="zh-CN" error={message(errors.nameZh?.message)} {...register('nameZh')} />
        </div>
        {organisationNeedsProvince(kind) && (
          <SelectField
            label={t('admin.province')}
            options={[{ value: '', label: t('admin.chooseProvince') }, ...provinces.map((province) => ({ value: province.code, label: province.name }))]}
            error={message(errors.provinceCode?.message)}
            {...register('provinceCode')}
          />
        )}
        {kind === 'embassy' && (
          <Controller
            control={control}
            name="countryCode"
            render={({ field }) => (
              <CountryCombobox
                label={t('admin.country')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                locale={locale}
                placeholder={t('admin.countryPlaceholder')}
                unknownLabel={t('admin.noCountryChosen')}
                noMatchLabel={t('admin.noCountry')}
                error={message(errors.countryCode?.message)}
              />
            )}
          />
        )}
      </fieldset>
      {kind === 'embassy' && (
        <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">{t('admin.deadlinesHeading')}</legend>
          <p className="text-sm text-slate-600">{t('admin.deadlinesHelp')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t('admin.ackDeadlineHours')} inputMode="numeric" error={message(errors.ackDeadlineHours?.message)} {...register('ackDeadlineHours')} />
            <TextField
              label={t('admin.detentionAckDeadlineHours')}
              inputMode="numeric"
              error={message(errors.detentionAckDeadlineHours?.message)}
              {...register('detentionAckDeadlineHours')}
            />
          </div>
          <TextareaField
            label={t('admin.dutyEmailAddresses')}
            hint={t('admin.dutyEmailAddressesHint', { max: maxDutyEmailAddresses })}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            error={message(errors.dutyEmailAddresses?.message)}
            {...register('dutyEmailAddresses')}
          />
        </fieldset>
      )}
      <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('admin.signInSecurityHeading')}</legend>
        <CheckboxField id="organisation-requires-totp" label={t('admin.requiresTotp')} hint={t('admin.requiresTotpHint')} {...register('requiresTotp')} />
      </fieldset>
      <AdminFormActions submitLabel={existing ? t('admin.saveChanges') : t('admin.createOrganisation')} cancelHref="/admin" isSubmitting={isSubmitting} isHydrated={isHydrated} />
    </form>
  );
}
