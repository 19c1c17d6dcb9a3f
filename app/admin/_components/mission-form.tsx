'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { AdminFailureAlert } from './admin-failure-alert';
import { AdminFormActions } from './form-actions';
import { Alert } from '@/components/ui/alert';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { CountryCombobox } from '@/components/ui/country-combobox';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { missionType } from '@/db/schema/enums';
import type { ActionFailure } from '@/lib/action-result';
import { createMissionAction, updateMissionAction } from '@/lib/missions/actions';
import { createMissionSchema, isConsularPost, type CreateMissionInput } from '@/lib/missions/schemas';

interface MissionFormProps {
  values: CreateMissionInput;
  provinces: { code: string; name: string }[];
  /** Embassy-kind organisations free to link (lib/missions/queries.ts listLinkableOrganisations), names localised. */
  organisations: { id: string; countryCode: string; name: string }[];
  /** Present when editing: the mission and the version the admin loaded. */
  existing?: { id: string; version: number };
}

export function MissionForm({ values, provinces, organisations, existing }: MissionFormProps) {
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
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<CreateMissionInput>({ resolver: zodResolver(createMissionSchema), values });
  const type = useWatch({ control, name: 'missionType' });
  const countryCode = useWatch({ control, name: 'countryCode' });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const isPost = isConsularPost(type);
  const linkable = organisations.filter((organisation) => organisation.countryCode === countryCode);

  // An embassy has no district, and an organisation of another country cannot be linked: drop what no longer fits.
  useEffect(() => {
    if (!isPost && getValues('provinceCodes').length > 0) setValue('provinceCodes', []);
  }, [isPost, getValues, setValue]);
  useEffect(() => {
    const chosen = getValues('organisationId');
    if (chosen && !organisations.some((organisation) => organisation.id === chosen && organisation.countryCode === countryCode)) setValue('organisationId', '');
  }, [countryCode, organisations, getValues, setValue]);

  const onSubmit = handleSubmit(async (input) => {
    setFailure(null);
    setIsSaved(false);
    const result = existing ? await updateMissionAction({ ...input, ...existing }) : await createMissionAction(input);
    if (result.ok) {
      if (existing) {
        setIsSaved(true);
        router.refresh();
      } else {
        router.push(`/admin/missions/${(result.data as { id: string }).id}`);
      }
      return;
    }
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages[0]) setError(path as FieldPath<CreateMissionInput>, { message: messages[0] });
    }
    setFailure(result);
  });

  const districtError = message(errors.provinceCodes?.message ?? errors.provinceCodes?.root?.message);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      {failure && <AdminFailureAlert failure={failure} />}
      {isSaved && <Alert tone="success" title={t('admin.saved')} />}
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('missions.details')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('missions.type')}
            options={missionType.enumValues.map((value) => ({ value, label: t(`enums.missionType.${value}`) }))}
            error={message(errors.missionType?.message)}
            {...register('missionType')}
          />
          <Controller
            control={control}
            name="countryCode"
            render={({ field }) => (
              <CountryCombobox
                label={t('missions.country')}
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
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('admin.nameEn')} maxLength={200} lang="en" error={message(errors.nameEn?.message)} {...register('nameEn')} />
          <TextField label={t('admin.nameKm')} maxLength={200} lang="km" error={message(errors.nameKm?.message)} {...register('nameKm')} />
          <TextField label={t('admin.nameZh')} maxLength={200} lang="zh-CN" error={message(errors.nameZh?.message)} {...register('nameZh')} />
        </div>
        <TextField label={t('missions.city')} maxLength={100} error={message(errors.city?.message)} {...register('city')} />
      </fieldset>

      {isPost && (
        <fieldset aria-describedby={districtError ? 'mission-district-hint mission-district-error' : 'mission-district-hint'} className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">{t('missions.district')}</legend>
          <p id="mission-district-hint" className="text-sm text-slate-600">
            {t('missions.districtHint')}
          </p>
          <div className="grid gap-2 sm:grid-cols-3">
            {provinces.map((province) => (
              <label key={province.code} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={province.code} className="h-4 w-4" aria-invalid={districtError ? true : undefined} {...register('provinceCodes')} />
                {province.name}
              </label>
            ))}
          </div>
          {districtError && (
            <p id="mission-district-error" className="text-sm text-red-700">
              {districtError}
            </p>
          )}
        </fieldset>
      )}

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('missions.contactsHeading')}</legend>
        <p className="text-sm text-slate-600">{t('missions.contactsHint')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('missions.email')} type="email" maxLength={254} autoComplete="off" spellCheck={false} error={message(errors.email?.message)} {...register('email')} />
          <TextField label={t('missions.phone')} type="tel" maxLength={50} autoComplete="off" error={message(errors.phone?.message)} {...register('phone')} />
          <TextField label={t('missions.fax')} type="tel" maxLength={50} autoComplete="off" error={message(errors.fax?.message)} {...register('fax')} />
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('missions.onCaseBridgeHeading')}</legend>
        <SelectField
          label={t('missions.organisation')}
          hint={t('missions.organisationHint')}
          options={[{ value: '', label: t('missions.offCaseBridge') }, ...linkable.map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
          error={message(errors.organisationId?.message)}
          {...register('organisationId')}
        />
        <CheckboxField id="mission-active" label={t('missions.isActive')} hint={t('missions.isActiveHint')} {...register('isActive')} />
      </fieldset>

      <AdminFormActions submitLabel={existing ? t('admin.saveChanges') : t('missions.create')} cancelHref="/admin/missions" isSubmitting={isSubmitting} isHydrated={isHydrated} />
    </form>
  );
}
