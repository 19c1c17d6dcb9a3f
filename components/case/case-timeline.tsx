import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { TimelineEntry } from '@/lib/cases/views';
import { countryName, localizedName } from '@/lib/i18n/localized-name';

/** Everything that happened to a case, newest first, in the reader's language. */
export async function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const fieldList = (fields: readonly string[]) =>
    fields.map((field) => (t.has(`cases.timeline.fields.${field}`) ? t(`cases.timeline.fields.${field}`) : field)).join(', ');

  const describe = (entry: TimelineEntry): string => {
    const actor = entry.actorName ?? t('cases.timeline.someone');
    const embassy = entry.embassy ? localizedName(entry.embassy, locale) : t('cases.timeline.anEmbassy');
    const { event } = entry;
    switch (event.kind) {
      case 'case_edited':
        return t('cases.timeline.case_edited', { actor, fields: fieldList(event.details.fields) });
      case 'status_changed':
        if (event.details.to === 'closed' && event.details.closureReason) {
          return t('cases.timeline.status_closed', { actor, reason: t(`enums.closureReason.${event.details.closureReason}`) });
        }
        return t('cases.timeline.status_changed', { actor, from: t(`enums.caseStatus.${event.details.from}`), to: t(`enums.caseStatus.${event.details.to}`) });
      case 'case_assigned':
        return entry.text ? t('cases.timeline.case_assigned', { actor, assignee: entry.text }) : t('cases.timeline.case_unassigned', { actor });
      case 'person_added':
      case 'person_removed':
        return t(`cases.timeline.${event.kind}`, { actor, name: event.details.name });
      case 'person_edited':
        return t('cases.timeline.person_edited', { actor, name: event.details.name, fields: fieldList(event.details.fields) });
      case 'notification_sent':
      case 'notification_updated':
      case 'notification_opened':
      case 'notification_acknowledged':
      case 'notification_withdrawn':
      case 'cooperation_action_recorded':
      case 'cooperation_action_updated':
      case 'message_posted':
        return t(`cases.timeline.${event.kind}`, { embassy });
      case 'official_notification_due':
        return t('cases.timeline.official_notification_due', {
          country: countryName(event.details.countryCode, locale),
          due: format.dateTime(new Date(event.details.dueAt), { dateStyle: 'medium', timeStyle: 'short' }),
        });
      case 'official_notification_recorded':
        return t('cases.timeline.official_notification_recorded', {
          actor,
          country: countryName(event.details.countryCode, locale),
          method: t(`enums.officialNotificationMethod.${event.details.method}`),
        });
      case 'official_notification_answered':
        return t('cases.timeline.official_notification_answered', { actor, country: countryName(event.details.countryCode, locale) });
      case 'notification_declined':
        return t('cases.timeline.notification_declined', { embassy, reason: t(`enums.notificationDeclineReason.${event.details.reason}`) });
      case 'notification_redirected':
        return t('cases.timeline.notification_redirected', { embassy, target: localizedName(event.details.to, locale) });
      case 'nationality_resolved':
        return t(`cases.timeline.nationality_${event.details.resolution}`, { actor, embassy });
      case 'dual_national_decided':
        return t('cases.timeline.dual_national_decided', { actor, name: event.details.name, decision: t(`enums.dualNationalDecision.${event.details.decision}`) });
      case 'case_created':
      case 'note_added':
        return t(`cases.timeline.${event.kind}`, { actor });
    }
  };

  return (
    <ol className="space-y-4 border-l-2 border-slate-200 pl-4">
      {entries.map((entry) => (
        <li key={entry.id} className="relative">
          <span className="absolute -left-[1.4rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-600" aria-hidden="true" />
          <p className="text-sm">{describe(entry)}</p>
          <p className="text-xs text-slate-500">
            <time dateTime={entry.occurredAt.toISOString()}>{format.dateTime(entry.occurredAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
          </p>
          {entry.event.kind === 'note_added' && entry.text && <blockquote className="mt-1 whitespace-pre-line rounded bg-slate-100 px-3 py-2 text-sm">{entry.text}</blockquote>}
        </li>
      ))}
    </ol>
  );
}
