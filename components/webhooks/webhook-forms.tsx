'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionFailure, ActionResult } from '@/lib/action-result';
import { redeliverWebhookAction, registerWebhookEndpointAction, rotateWebhookSecretAction, setWebhookEndpointEnabledAction } from '@/lib/webhooks/actions';
import type { WebhookEventType } from '@/lib/webhooks/events';
import { registerWebhookEndpointSchema, type RegisterWebhookEndpointInput } from '@/lib/webhooks/schemas';

/** The secret, shown once after registration or rotation. */
function SecretOnce({ secret }: { secret: string }) {
  const t = useTranslations('webhooks');
  return (
    <Alert tone="success" title={t('secretTitle')}>
      <p>{t('secretOnce')}</p>
      <code className="block break-all rounded bg-white p-2 font-mono text-sm">{secret}</code>
    </Alert>
  );
}

/** Registers an endpoint for the events its organisation can get; the secret is shown once. */
export function RegisterWebhookForm({ organisationId, events }: { organisationId: string; events: readonly WebhookEventType[] }) {
  const t = useTranslations();
  const [secret, setSecret] = useState<string | null>(null);
  const defaults = { organisationId, url: '', description: '', events: [...events] };
  const { form, onSubmit, failure, isSubmitting, isHydrated } = useActionForm<RegisterWebhookEndpointInput, { secret: string }>({
    resolver: zodResolver(registerWebhookEndpointSchema) as never,
    defaultValues: defaults,
    action: registerWebhookEndpointAction,
    onSuccess: (data, created) => {
      setSecret(data.secret);
      created.reset(defaults);
    },
  });
  const error = (message: string | undefined) => (message ? t(message as never) : undefined);
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="register-webhook-heading">
      <h2 id="register-webhook-heading" className="text-lg font-semibold">
        {t('webhooks.register')}
      </h2>
      {secret && <SecretOnce secret={secret} />}
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      <TextField label={t('webhooks.url')} hint={t('webhooks.urlHint')} type="url" error={error(errors.url?.message)} {...form.register('url')} />
      <TextField label={t('webhooks.description')} hint={t('webhooks.descriptionHint')} error={error(errors.description?.message)} {...form.register('description')} />
      <fieldset aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend className="text-sm font-medium">{t('webhooks.events')}</legend>
        {events.map((event) => (
          <label key={event} className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" value={event} {...form.register('events')} />
            <code>{event}</code> — {t(`webhooks.eventNames.${event.replace('.', '_')}` as never)}
          </label>
        ))}
        {errors.events && (
          <p id="webhook-events-error" className="text-sm text-red-700">
            {error(errors.events.message)}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={!isHydrated || isSubmitting} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
        {t('webhooks.registerButton')}
      </button>
    </form>
  );
}

/** A button that runs one action and refreshes the page; a failure is shown beside it. */
function ActionButton<T>({ label, run, onDone, tone = 'plain' }: { label: string; run: () => Promise<ActionResult<T>>; onDone?: (data: T) => void; tone?: 'plain' | 'danger' }) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-1">
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      <button
        type="button"
        disabled={busy}
        className={`text-sm underline disabled:opacity-50 ${tone === 'danger' ? 'text-red-700' : ''}`}
        onClick={async () => {
          setBusy(true);
          const result = await run();
          setBusy(false);
          if (!result.ok) return setFailure(result);
          setFailure(null);
          onDone?.(result.data);
          router.refresh();
        }}
      >
        {label}
      </button>
    </div>
  );
}

/** Rotate the secret (shown once) and switch the endpoint on or off, at the version the page showed. */
export function WebhookEndpointControls({ id, version, enabled }: { id: string; version: number; enabled: boolean }) {
  const t = useTranslations('webhooks');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {secret && <SecretOnce secret={secret} />}
      <ActionButton label={t('rotate')} run={() => rotateWebhookSecretAction({ id, version })} onDone={(data) => setSecret(data.secret)} />
      <ActionButton
        label={enabled ? t('disable') : t('enable')}
        tone={enabled ? 'danger' : 'plain'}
        run={() => setWebhookEndpointEnabledAction({ id, version, enabled: !enabled })}
      />
    </div>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const t = useTranslations('webhooks');
  const [queued, setQueued] = useState(false);
  return queued ? (
    <p className="text-sm text-slate-600" role="status">
      {t('redelivered')}
    </p>
  ) : (
    <ActionButton label={t('redeliver')} run={() => redeliverWebhookAction({ deliveryId })} onDone={() => setQueued(true)} />
  );
}
