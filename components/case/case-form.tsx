'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { Controller, useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { createCaseAction, updateCaseAction } from '@/lib/cases/actions';
import { CountryCombobox } from '@/components/ui/country-combobox';
import { SelectField } from '@/components/ui/select-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { TextField } from '@/components/ui/text-field';
import { consularNotificationWish, crimeType, detentionStatus, handlingCode, idDocumentType, personRole, sex } from '@/db/schema/enums';
import { createCaseSchema, maxPeoplePerCase, type CreateCaseInput, type PersonInput } from '@/lib/cases/schemas';
import type { ActionFailure } from '@/lib/action-result';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { earliestBirthDay, earliestCaseDay } from '@/lib/time/date-fields';
import { countryCodes } from '@/lib/reference/countries';
import { PossibleMatchNotice } from './possible-match-notice';

/** The date pickers open within the range the schema accepts (lib/time/date-fields.ts). */
const earliestCaseMoment = `${earliestCaseDay}T00:00`;

type Role = PersonInput['roleInCase'];

export function emptyPerson(roleInCase: Role): PersonInput {
  return {
    id: '',
    roleInCase,
    latinName: '',
    nativeName: '',
    sex: 'unknown',
    dateOfBirth: '',
    approximateAge: '',
    nationality: '',
    idDocumentType: '',
    idDocumentNumber: '',
    detentionStatus: 'not_detained',
    detentionChangedAt: '',
    isSensitiveVictim: false,
    otherNationalities: [''],
    rightsInformedAt: '',
    notificationWish: '',
  };
}

interface CaseFormProps {
  defaultValues: CreateCaseInput;
  provinceName: string;
  /** Present when editing: the case and the version the officer started from. */
  existing?: { caseId: string; version: number };
}

export function CaseForm({ defaultValues, provinceName, existing }: CaseFormProps) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const locale = useLocale();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateCaseInput>({ resolver: zodResolver(createCaseSchema), defaultValues });
  const people = useFieldArray({ control, name: 'people', keyName: 'fieldKey' });
  const watchedPeople = useWatch({ control, name: 'people' });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  // A refusal of the list itself (too many people) belongs to no field the browser could focus: it is announced
  // and focused here, so the form never refuses silently.
  const peopleError = errors.people?.root?.message ?? errors.people?.message;
  const isPeopleListFull = people.fields.length >= maxPeoplePerCase;

  const onSubmit = handleSubmit(
    async (values) => {
      setFailure(null);
      const result = existing ? await updateCaseAction({ ...existing, details: values }) : await createCaseAction(values);
      if (result.ok) {
        const caseId = existing?.caseId ?? (result.data as { id: string }).id;
        router.push(`/police/cases/${caseId}`);
        router.refresh();
        return;
      }
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages[0]) setError(path as FieldPath<CreateCaseInput>, { message: messages[0] });
      }
      setFailure(result);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
    (invalid) => {
      if (invalid.people?.root ?? invalid.people?.message) requestAnimationFrame(() => document.getElementById('people-error')?.focus());
    },
  );

  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((value) => ({ value: String(value), label: t(String(`${prefix}.${value}`)) }));
  const countryNames = new Intl.DisplayNames([locale], { type: 'region' });
  const countryOptions = countryCodes.map((code) => ({ value: code, label: countryNames.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, locale));

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-8">
      {failure && (
        <ActionFailureAlert
          failure={failure}
          title={t('cases.form.errorHeading')}
          conflictTitle={t('cases.conflict.heading')}
          reload={existing && { label: t('cases.conflict.reload'), href: `/police/cases/${existing.caseId}` }}
        />
      )}

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('cases.form.caseHeading')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label={t('cases.crimeType')} options={options(crimeType.enumValues, 'enums.crimeType')} error={message(errors.crimeType?.message)} {...register('crimeType')} />
          <div>
            <TextField label={t('cases.form.province')} value={provinceName} readOnly aria-readonly="true" error={message(errors.provinceCode?.message)} />
            <input type="hidden" {...register('provinceCode')} />
          </div>
        </div>
        <TextField label={t('cases.form.title')} hint={t('cases.form.titleHint')} maxLength={200} error={message(errors.title?.message)} {...register('title')} />
        <TextareaField label={t('cases.form.narrative')} rows={6} error={message(errors.narrative?.message)} {...register('narrative')} />
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1 h-4 w-4" {...register('isNarrativeShareable')} />
          <span>{t('cases.form.isNarrativeShareable')}</span>
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('cases.form.narrativeHandlingCode')}
            options={handlingCode.enumValues.map((value) => ({ value, label: t(`enums.handlingCode.${value}`) }))}
            {...register('narrativeHandlingCode')}
          />
          <TextField label={t('cooperation.handlingNote')} error={message(errors.narrativeHandlingNote?.message)} {...register('narrativeHandlingNote')} />
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('cases.form.placeHeading')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('cases.form.district')} error={message(errors.district?.message)} {...register('district')} />
          <TextField label={t('cases.form.commune')} error={message(errors.commune?.message)} {...register('commune')} />
        </div>
        <TextField label={t('cases.form.placeDescription')} hint={t('cases.form.placeDescriptionHint')} error={message(errors.placeDescription?.message)} {...register('placeDescription')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('cases.form.occurredAt')} hint={t('cases.form.timeHint')} type="datetime-local" min={earliestCaseMoment} error={message(errors.occurredAt?.message)} {...register('occurredAt')} />
          <TextField label={t('cases.form.reportedAt')} hint={t('cases.form.timeHint')} type="datetime-local" min={earliestCaseMoment} error={message(errors.reportedAt?.message)} {...register('reportedAt')} />
        </div>
      </fieldset>

      <section aria-labelledby="people-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="people-heading" className="text-lg font-semibold">
          {t('cases.form.peopleHeading')}
        </h2>
        {peopleError && (
          <p id="people-error" role="alert" tabIndex={-1} className="text-sm font-medium text-red-700">
            {t(peopleError)}
          </p>
        )}
        {people.fields.length === 0 && <p className="text-sm text-slate-600">{t('cases.form.noPeople')}</p>}
        {people.fields.map((field, index) => {
          const personErrors = errors.people?.[index];
          const role = watchedPeople?.[index]?.roleInCase ?? field.roleInCase;
          const detention = watchedPeople?.[index]?.detentionStatus ?? field.detentionStatus;
          const nationality = watchedPeople?.[index]?.nationality ?? field.nationality;
          const number = String(index + 1);
          return (
            <fieldset key={field.fieldKey} className="rounded-md border border-slate-200 p-4">
              <legend className="px-1 font-medium">{t('cases.form.personLegend', { number, role: t(`enums.personRole.${role}`) })}</legend>
              <input type="hidden" {...register(`people.${index}.id`)} />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField label={t('cases.form.roleInCase')} options={options(personRole.enumValues, 'enums.personRole')} {...register(`people.${index}.roleInCase`)} />
                <SelectField label={t('cases.form.sex')} options={options(sex.enumValues, 'enums.sex')} {...register(`people.${index}.sex`)} />
                <TextField label={t('cases.form.latinName')} autoComplete="off" error={message(personErrors?.latinName?.message)} {...register(`people.${index}.latinName`)} />
                <TextField label={t('cases.form.nativeName')} hint={t('cases.form.nativeNameHint')} autoComplete="off" error={message(personErrors?.nativeName?.message)} {...register(`people.${index}.nativeName`)} />
                <Controller
                  control={control}
                  name={`people.${index}.nationality`}
                  render={({ field: nationality }) => (
                    <CountryCombobox
                      label={t('cases.form.nationality')}
                      value={nationality.value}
                      onChange={nationality.onChange}
                      onBlur={nationality.onBlur}
                      locale={locale}
                      placeholder={t('cases.form.nationalityPlaceholder')}
                      unknownLabel={t('cases.form.nationalityUnknown')}
                      noMatchLabel={t('cases.form.noCountry')}
                      error={message(personErrors?.nationality?.message)}
                    />
                  )}
                />
                <SelectField
                  label={t('cases.form.otherNationality')}
                  hint={t('cases.form.otherNationalityHint')}
                  options={[{ value: '', label: t('cases.form.noOtherNationality') }, ...countryOptions]}
                  error={message(personErrors?.otherNationalities?.message ?? personErrors?.otherNationalities?.[0]?.message)}
                  {...register(`people.${index}.otherNationalities.0`)}
                />
                <div className="grid grid-cols-2 gap-4">
                  <TextField label={t('cases.form.dateOfBirth')} type="date" min={earliestBirthDay} error={message(personErrors?.dateOfBirth?.message)} {...register(`people.${index}.dateOfBirth`)} />
                  <TextField label={t('cases.form.approximateAge')} inputMode="numeric" error={message(personErrors?.approximateAge?.message)} {...register(`people.${index}.approximateAge`)} />
                </div>
                <SelectField
                  label={t('cases.form.idDocumentType')}
                  options={[{ value: '', label: t('cases.form.noDocument') }, ...options(idDocumentType.enumValues, 'enums.idDocumentType')]}
                  error={message(personErrors?.idDocumentType?.message)}
                  {...register(`people.${index}.idDocumentType`)}
                />
                <TextField label={t('cases.form.idDocumentNumber')} autoComplete="off" error={message(personErrors?.idDocumentNumber?.message)} {...register(`people.${index}.idDocumentNumber`)} />
                <PossibleMatchNotice control={control} index={index} caseId={existing?.caseId} />
                <SelectField label={t('cases.form.detentionStatus')} options={options(detentionStatus.enumValues, 'enums.detentionStatus')} {...register(`people.${index}.detentionStatus`)} />
                {detention !== 'not_detained' && (
                  <TextField
                    label={t('cases.form.detentionChangedAt')}
                    type="datetime-local"
                    min={earliestCaseMoment}
                    error={message(personErrors?.detentionChangedAt?.message)}
                    {...register(`people.${index}.detentionChangedAt`)}
                  />
                )}
                {detention !== 'not_detained' && nationality !== 'KH' && (
                  <fieldset className="grid gap-4 rounded border border-slate-200 p-3 sm:col-span-2 sm:grid-cols-2">
                    <legend className="px-1 text-sm font-medium">{t('cases.form.consularRights')}</legend>
                    <TextField
                      label={t('cases.form.rightsInformedAt')}
                      type="datetime-local"
                      min={earliestCaseMoment}
                      error={message(personErrors?.rightsInformedAt?.message)}
                      {...register(`people.${index}.rightsInformedAt`)}
                    />
                    <SelectField
                      label={t('cases.form.notificationWish')}
                      options={[{ value: '', label: t('cases.form.notYetInformed') }, ...options(consularNotificationWish.enumValues, 'enums.consularNotificationWish')]}
                      error={message(personErrors?.notificationWish?.message)}
                      {...register(`people.${index}.notificationWish`)}
                    />
                    <p className="text-sm text-slate-600 sm:col-span-2">{t('cases.form.consularRightsHint')}</p>
                  </fieldset>
                )}
                {role === 'victim' && (
                  <label className="flex items-start gap-2 text-sm sm:col-span-2">
                    <input type="checkbox" className="mt-1 h-4 w-4" {...register(`people.${index}.isSensitiveVictim`)} />
                    <span>{t('cases.form.isSensitiveVictim')}</span>
                  </label>
                )}
                {personErrors?.isSensitiveVictim?.message && <p className="text-sm text-red-700 sm:col-span-2">{t(personErrors.isSensitiveVictim.message)}</p>}
              </div>
              <button type="button" onClick={() => people.remove(index)} className="mt-4 text-sm font-medium text-red-700 underline">
                {t('cases.form.remove', { number })}
              </button>
            </fieldset>
          );
        })}
        <div className="flex flex-wrap gap-2">
          {(['suspect', 'victim', 'witness'] as const).map((roleToAdd) => (
            <button
              key={roleToAdd}
              type="button"
              disabled={!isHydrated || isPeopleListFull}
              aria-describedby={isPeopleListFull ? 'people-limit' : undefined}
              onClick={() => people.append(emptyPerson(roleToAdd), { shouldFocus: true })}
              className="rounded-md border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
            >
              {t(`cases.form.add${roleToAdd[0]!.toUpperCase()}${roleToAdd.slice(1)}`)}
            </button>
          ))}
        </div>
        {isPeopleListFull && (
          <p id="people-limit" className="text-sm text-slate-700">
            {t('cases.form.peopleLimitReached', { max: maxPeoplePerCase })}
          </p>
        )}
      </section>

      <div className="flex items-center gap-4">
        <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {isSubmitting ? t('cases.form.saving') : existing ? t('cases.form.submitUpdate') : t('cases.form.submitCreate')}
        </button>
        <Link href={existing ? `/police/cases/${existing.caseId}` : '/police/cases'} className="text-sm font-medium text-slate-700 underline">
          {t('cases.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
