'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldPath, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { ActionFailure } from '@/lib/action-result';
import type { ActionResult } from '@/lib/action-result';
import { useHydrated } from './use-hydrated';

interface ActionFormOptions<T extends FieldValues, R> {
  resolver: Resolver<T>;
  defaultValues?: DefaultValues<T>;
  /** Values that follow the server: after a refresh (a new version, say) the form takes them over. */
  values?: T;
  action: (values: T) => Promise<ActionResult<R>>;
  onSuccess?: (data: R, form: UseFormReturn<T>) => void;
}

/**
 * A react-hook-form form bound to a server action: validates with the shared schema, shows the server's
 * field errors next to their fields, keeps the refusal for an alert, and refreshes the page on success.
 */
export function useActionForm<T extends FieldValues, R>({ resolver, defaultValues, values, action, onSuccess }: ActionFormOptions<T, R>) {
  const router = useRouter();
  const isHydrated = useHydrated();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isDone, setIsDone] = useState(false);
  const form = useForm<T>({ resolver, defaultValues, values });
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    setIsDone(false);
    const result = await action(values);
    if (result.ok) {
      setIsDone(true);
      onSuccess?.(result.data, form);
      router.refresh();
      return;
    }
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages[0]) form.setError(path as FieldPath<T>, { message: messages[0] });
    }
    setFailure(result);
  });
  return { form, onSubmit, failure, isDone, isHydrated, isSubmitting: form.formState.isSubmitting };
}
