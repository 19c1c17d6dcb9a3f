'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { addCaseNoteAction } from '@/lib/cases/actions';
import { Alert } from '@/components/ui/alert';
import { TextareaField } from '@/components/ui/textarea-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { addCaseNoteSchema } from '@/lib/cases/schemas';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';

export function NoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations();
  const { form, onSubmit, failure, isDone, isHydrated, isSubmitting } = useActionForm({
    resolver: zodResolver(addCaseNoteSchema),
    defaultValues: { caseId, body: '' },
    action: addCaseNoteAction,
    onSuccess: (_note, noteForm) => noteForm.reset({ caseId, body: '' }),
  });
  const error = form.formState.errors.body?.message;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      {failure && (
        <ActionFailureAlert
          failure={failure}
          title={t('cases.workspace.notes')}
          conflictTitle={t('cases.conflict.heading')}
          reload={{ label: t('cases.conflict.reload'), href: `/police/cases/${caseId}` }}
        />
      )}
      {isDone && <Alert tone="success" title={t('cases.workspace.noteAdded')} />}
      <TextareaField label={t('cases.workspace.noteBody')} rows={3} error={error ? t(error) : undefined} {...form.register('body')} />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {t('cases.workspace.addNote')}
      </button>
    </form>
  );
}
