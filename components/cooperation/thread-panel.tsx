import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { HandlingCodeBadge } from '@/components/ui/handling-code-badge';
import { dateToCambodianLocal } from '@/lib/time/cambodia';
import type { CooperationSide } from '@/db/schema';
import type { CooperationThread } from '@/lib/cooperation/views';
import { localizedName } from '@/lib/i18n/localized-name';
import { ActionStatusForm } from './action-status-form';
import { CooperationActionForm } from './cooperation-action-form';
import { MessageForm } from './message-form';

/**
 * The shared record of one police–embassy thread: actions with their handling codes, messages, and forms. A
 * closed thread (its notification withdrawn) keeps its history and says why it has no forms.
 */
export async function ThreadPanel({
  caseId,
  thread,
  viewerSide,
  closedNote = null,
}: {
  caseId: string;
  thread: CooperationThread;
  viewerSide: CooperationSide;
  closedNote?: string | null;
}) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const labelOf = new Map(thread.actions.map((action) => [action.id, `${t(`enums.cooperationActionType.${action.actionType}`)} (${action.actionDate})`]));
  const answerable = thread.actions
    .filter((action) => action.recordedBySide !== viewerSide && action.status !== 'done' && action.status !== 'declined')
    .map((action) => ({ id: action.id, label: labelOf.get(action.id) ?? action.id }));
  const headingId = `thread-${thread.embassyOrganisationId}`;
  const today = dateToCambodianLocal(new Date()).slice(0, 10);
  // Police post into a chosen embassy's thread; an embassy's own thread needs no choice.
  const embassyField = viewerSide === 'police' ? thread.embassyOrganisationId : '';

  return (
    <section aria-labelledby={headingId} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={headingId} className="text-lg font-semibold">
        {viewerSide === 'police' ? t('cooperation.heading', { embassy: localizedName(thread.embassy, locale) }) : t('cooperation.headingOwn')}
      </h2>
      <div>
        <h3 className="mb-2 font-semibold">{t('cooperation.actions')}</h3>
        {thread.actions.length === 0 ? (
          <p className="text-sm text-slate-600">{t('cooperation.noActions')}</p>
        ) : (
          <ul className="space-y-3">
            {thread.actions.map((action) => (
              <li key={action.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {t(`enums.cooperationActionType.${action.actionType}`)} · {t(`enums.cooperationActionStatus.${action.status}`)} · {action.actionDate}
                </p>
                <p className="text-xs text-slate-600">
                  {t('cooperation.recordedBy', { side: t(`enums.cooperationSide.${action.recordedBySide}`), name: action.createdByName })} · {dateTime(action.createdAt)}
                </p>
                {action.respondsToId && <p className="text-xs text-slate-600">{t('cooperation.answers', { action: labelOf.get(action.respondsToId) ?? '' })}</p>}
                <HandlingCodeBadge code={action.handlingCode} note={action.handlingNote} />
                <p className="mt-1 whitespace-pre-line">{action.description}</p>
                {!closedNote && <ActionStatusForm actionId={action.id} version={action.version} status={action.status} />}
              </li>
            ))}
          </ul>
        )}
        {closedNote ? (
          <p role="status" className="mt-4 rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            {closedNote}
          </p>
        ) : (
          <details className="mt-4 rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer font-medium">{t('cooperation.recordAction')}</summary>
            <div className="mt-3">
              <CooperationActionForm caseId={caseId} embassyOrganisationId={embassyField} answerable={answerable} today={today} />
            </div>
          </details>
        )}
      </div>
      <div>
        <h3 className="mb-2 font-semibold">{t('cooperation.messages')}</h3>
        {thread.messages.length === 0 ? (
          <p className="text-sm text-slate-600">{t('cooperation.noMessages')}</p>
        ) : (
          <ol className="space-y-3">
            {thread.messages.map((message) => (
              <li key={message.id} className={`rounded-md p-3 text-sm ${message.authorSide === viewerSide ? 'ml-8 bg-brand-50' : 'mr-8 bg-slate-100'}`}>
                <p className="text-xs text-slate-600">
                  {t('cooperation.recordedBy', { side: t(`enums.cooperationSide.${message.authorSide}`), name: message.authorName })} · {dateTime(message.createdAt)}
                  {message.authorSide === viewerSide && <> · {message.isUnreadByOtherSide ? t('cooperation.unreadByOther') : t('cooperation.readByOther')}</>}
                </p>
                <HandlingCodeBadge code={message.handlingCode} note={message.handlingNote} />
                <p className="mt-1 whitespace-pre-line">{message.body}</p>
              </li>
            ))}
          </ol>
        )}
        {!closedNote && (
          <div className="mt-4">
            <MessageForm caseId={caseId} embassyOrganisationId={embassyField} />
          </div>
        )}
      </div>
    </section>
  );
}
