'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure } from '@/lib/action-result';

interface ActionFailureAlertProps {
  failure: ActionFailure;
  /** The heading of a refusal; a concurrent change has its own. */
  title: string;
  conflictTitle: string;
  /**
   * The way to the latest version after a concurrent change: a link when the record has its own page, a button
   * that reloads this page otherwise; without it the alert only explains.
   */
  reload?: { label: string; href?: string };
  /** Case screens give times to the minute; the admin's give them to the second, as its audit log does. */
  conflictTimeStyle?: 'short' | 'medium';
}

/** Shows why an action was refused; a concurrent change gets who, when and, where given, a way to the latest version. */
export function ActionFailureAlert({ failure, title, conflictTitle, reload, conflictTimeStyle = 'short' }: ActionFailureAlertProps) {
  const t = useTranslations();
  const format = useFormatter();
  const { conflict } = failure;
  const time = conflict ? format.dateTime(new Date(conflict.changedAt), { dateStyle: 'medium', timeStyle: conflictTimeStyle }) : '';
  // A full load on purpose, link or button: the user must see the other person's version, not a cached one.
  return (
    <Alert title={conflict ? conflictTitle : title}>
      <p>{t(failure.message, { name: conflict?.changedBy ?? '', time })}</p>
      {conflict &&
        reload &&
        (reload.href ? (
          <a href={reload.href} className="mt-2 inline-block font-medium underline">
            {reload.label}
          </a>
        ) : (
          <button type="button" onClick={() => window.location.reload()} className="mt-2 font-medium underline">
            {reload.label}
          </button>
        ))}
    </Alert>
  );
}
