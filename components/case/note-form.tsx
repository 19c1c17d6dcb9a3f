'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useForm } from 'react-hook-form';
import { addCaseNoteAction } from '@/app/police/cases/actions';
import { Alert } from '@/components/ui/alert';
import { TextareaField } from '@/components/ui/textarea-field';
import { addCaseNoteSchema, type AddCaseNoteInput } from '@/lib/cases/schemas';
import { ActionFailureAlert, type ActionFailure } from './action-failure-alert';

export function NoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isDone, setIsDone] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddCaseNoteInput>({ resolver: zodResolver(addCaseNoteSchema), defaultValues: { caseId, body: '' } });
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setIsDone(false);
    const result = await addCaseNoteAction(values);
    if (result.ok) {
      reset({ caseId, body: '' });
      setIsDone(true);
      router.refresh();
    } else setFailure(result);
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && <ActionFailureAlert failure={failure} title={t('cases.workspace.notes')} caseId={caseId} />}
      {isDone && <Alert tone="success" title={t('cases.workspace.noteAdded')} />}
      <TextareaField label={t('cases.workspace.noteBody')} rows={3} error={errors.body?.message ? t(errors.body.message) : undefined} {...register('body')} />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('cases.workspace.addNote')}
      </button>
    </form>
  );
}
