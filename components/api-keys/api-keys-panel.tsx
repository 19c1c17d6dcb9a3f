'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionFailure } from '@/lib/action-result';
import { createApiKeyAction, revokeApiKeyAction } from '@/lib/api-keys/actions';
import { createApiKeySchema, type CreateApiKeyInput } from '@/lib/api-keys/schemas';
import type { ApiScope } from '@/lib/api-keys/scopes';

/** The form that creates a key and shows it once, for an organisation administrator or the platform admin. */
export function CreateApiKeyForm({ organisationId, scopes }: { organisationId: string; scopes: readonly ApiScope[] }) {
  const t = useTranslations();
  const [createdToken, setCreatedToken] = useState<string | null>(null);
  const { form, onSubmit, failure, isSubmitting, isHydrated } = useActionForm<CreateApiKeyInput, { token: string }>({
    resolver: zodResolver(createApiKeySchema) as never,
    defaultValues: { organisationId, name: '', scopes: [...scopes], expiresInDays: 365 },
    action: createApiKeyAction,
    onSuccess: (data, created) => {
      setCreatedToken(data.token);
      created.reset({ organisationId, name: '', scopes: [...scopes], expiresInDays: 365 });
    },
  });
  const error = (message: string | undefined) => (message ? t(message as never) : undefined);
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="create-key-heading">
      <h2 id="create-key-heading" className="text-lg font-semibold">
        {t('apiKeys.create')}
      </h2>
      {createdToken && (
        <Alert tone="success" title={t('apiKeys.createdTitle')}>
          <p>{t('apiKeys.createdOnce')}</p>
          <code className="block break-all rounded bg-white p-2 font-mono text-sm">{createdToken}</code>
        </Alert>
      )}
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      <TextField label={t('apiKeys.name')} hint={t('apiKeys.nameHint')} error={error(errors.name?.message)} {...form.register('name')} />
      <fieldset aria-describedby={errors.scopes ? 'api-key-scopes-error' : undefined}>
        <legend className="text-sm font-medium">{t('apiKeys.scopes')}</legend>
        {scopes.map((scope) => (
          <label key={scope} className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" value={scope} {...form.register('scopes')} />
            <code>{scope}</code> — {t(`apiKeys.scopeNames.${scope.replace(':', '_')}` as never)}
          </label>
        ))}
        {errors.scopes && (
          <p id="api-key-scopes-error" className="text-sm text-red-700">
            {error(errors.scopes.message)}
          </p>
        )}
      </fieldset>
      <TextField label={t('apiKeys.expiresInDays')} type="number" min={1} max={730} error={error(errors.expiresInDays?.message)} {...form.register('expiresInDays')} />
      <button type="submit" disabled={!isHydrated || isSubmitting} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
        {t('apiKeys.createButton')}
      </button>
    </form>
  );
}

/** Revokes a key after a confirmation; the list refreshes to show it revoked. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isAsking, setIsAsking] = useState(false);
  return (
    <div className="space-y-1">
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      {isAsking ? (
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded bg-red-700 px-3 py-1 text-sm text-white"
            onClick={async () => {
              const result = await revokeApiKeyAction({ id });
              if (!result.ok) return setFailure(result);
              setIsAsking(false);
              router.refresh();
            }}
          >
            {t('apiKeys.revokeConfirm', { name })}
          </button>
          <button type="button" className="text-sm underline" onClick={() => setIsAsking(false)}>
            {t('admin.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="text-sm text-red-700 underline" onClick={() => setIsAsking(true)}>
          {t('apiKeys.revoke')}
        </button>
      )}
    </div>
  );
}
