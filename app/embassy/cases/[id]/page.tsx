import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PersonDetailCells } from '@/components/case/person-detail-cells';
import { ThreadPanel } from '@/components/cooperation/thread-panel';
import { AcknowledgeForm } from '@/components/notifications/acknowledge-form';
import { DeclineForm, RedirectForm } from '@/components/notifications/answer-forms';
import { DataTable } from '@/components/ui/data-table';
import { HandlingCodeBadge } from '@/components/ui/handling-code-badge';
import { Panel } from '@/components/ui/panel';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { markThreadRead } from '@/lib/cooperation/commands';
import { getCooperationThread } from '@/lib/cooperation/queries';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { openEmbassyCase } from '@/lib/notifications/commands';
import { getEmbassyCaseView, listRedirectTargets } from '@/lib/notifications/embassy-queries';
import { getProvince } from '@/lib/reference/provinces';

interface PageProps {
  params: Promise<{ id: string }>;
}

/**
 * Opening the case — recording the first opening, marking what was read — and reading it, once per request:
 * the title and the body share it through React's cache (both belong to the one request that opens the page).
 */
const openCase = cache(async (id: string) => {
  const actor = await requireAccess('read:notification:own-embassy');
  const opened = await orNotFound(openEmbassyCase(actor, id));
  await markThreadRead(actor, id);
  return { actor, opened, view: await orNotFound(getEmbassyCaseView(actor, id)) };
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [{ view }, t] = await Promise.all([params.then(({ id }) => openCase(id)), getTranslations('nav')]);
  return { title: pageTitle(view.referenceNumber, t('embassyHome')) };
}

export default async function EmbassyCasePage({ params }: PageProps) {
  const { id } = await params;
  const { actor, opened, view } = await openCase(id);
  // Opening marked the updates read; on this view they are still the news the embassy came for.
  const readNow = new Set(opened.readUpdateIds);
  const isNew = (update: (typeof view.updates)[number]) => update.isUnread || readNow.has(update.id);
  const notification = view.notification;
  // A notification still waiting may be sent on to another mission of the country; one answered may not.
  const isOpenForRedirect = notification.acknowledgedAt === null && notification.decline === null;
  const [thread, province, t, format, locale, redirectTargets] = await Promise.all([
    getCooperationThread(actor, id),
    getProvince(view.provinceCode),
    getTranslations(),
    getFormatter(),
    getLocale(),
    isOpenForRedirect ? listRedirectTargets(actor) : [],
  ]);
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const decline = notification.decline;
  const facts: [string, string][] = [
    [t('cases.crimeType'), t(`enums.crimeType.${view.crimeType}`)],
    [t('embassy.province'), province ? localizedName(province.names, locale) : view.provinceCode],
    [t('cases.status'), t(`enums.caseStatus.${view.status}`)],
    [t('embassy.occurredAt'), dateTime(view.occurredAt)],
    [t('embassy.reportedAt'), dateTime(view.reportedAt)],
  ];

  return (
    <div className="space-y-8">
      <Link href="/embassy" className="text-sm font-medium text-brand-700 underline">
        {t('embassy.backToInbox')}
      </Link>
      <div>
        <p className="font-mono text-sm text-slate-600">{view.referenceNumber}</p>
        <h1 className="text-2xl font-semibold">{view.title}</h1>
      </div>

      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          <Panel id="case-summary" title={t('embassy.caseSummary')}>
            <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="font-medium">{value}</dd>
                </div>
              ))}
            </dl>
            <h3 className="mt-6 text-sm font-semibold">{t('embassy.narrative')}</h3>
            {view.narrative ? (
              <div className="mt-2 space-y-2">
                <HandlingCodeBadge code={view.narrative.handlingCode} note={view.narrative.handlingNote} />
                <p className="whitespace-pre-line text-sm">{view.narrative.text}</p>
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{t('embassy.narrativeWithheld')}</p>
            )}
          </Panel>

          <Panel id="nationals" title={t('embassy.yourNationals')} headingClassName="mb-4">
            {view.nationals.length === 0 ? (
              <p className="text-sm text-slate-600">{t('embassy.noNationals')}</p>
            ) : (
              <DataTable
                columns={[
                  { header: t('cases.workspace.role') },
                  { header: t('cases.workspace.name') },
                  { header: t('cases.workspace.sexAge') },
                  { header: t('cases.workspace.document') },
                  { header: t('cases.workspace.detention') },
                ]}
              >
                {view.nationals.map((person) =>
                  person.disclosure === 'withheld' ? (
                    <tr key={person.id}>
                      <td className="px-4 py-2 align-top">
                        {t('enums.personRole.victim')}
                        {person.isSensitiveVictim && <span className="ml-1 rounded bg-purple-100 px-1.5 py-0.5 text-xs font-medium text-purple-900">{t('embassy.sensitiveVictim')}</span>}
                      </td>
                      <td colSpan={4} className="px-4 py-2 italic text-slate-700">
                        {t('embassy.withheldVictim')}
                      </td>
                    </tr>
                  ) : (
                    <tr key={person.id}>
                      <td className="px-4 py-2 align-top">
                        {t(`enums.personRole.${person.roleInCase}`)}
                        {person.isSensitiveVictim && <span className="ml-1 rounded bg-purple-100 px-1.5 py-0.5 text-xs font-medium text-purple-900">{t('embassy.sensitiveVictim')}</span>}
                      </td>
                      <th scope="row" className="px-4 py-2 text-left align-top font-medium">
                        {person.latinName}
                        {person.nativeName && <span className="block font-normal text-slate-600">{person.nativeName}</span>}
                        {person.overrideJustification && (
                          <span className="mt-1 block text-xs font-normal text-red-800">{t('embassy.overrideNotice', { justification: person.overrideJustification })}</span>
                        )}
                      </th>
                      <PersonDetailCells person={person} />
                    </tr>
                  ),
                )}
              </DataTable>
            )}
            <p className="mt-3 text-sm text-slate-700">{t('embassy.otherPeople', { count: view.otherPeopleCount })}</p>
          </Panel>

          <ThreadPanel caseId={view.caseId} thread={thread} viewerSide="embassy" />
        </div>

        <aside className="space-y-6">
          <Panel id="notification" title={t('embassy.notificationHeading')} headingClassName="mb-3">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">{t('embassy.kindLabel')}</dt>
                <dd className={`font-medium ${notification.kind === 'detention' ? 'text-red-800' : ''}`}>{t(`enums.notificationKind.${notification.kind}`)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('embassy.reasonLabel')}</dt>
                <dd className="font-medium">{t(`enums.notificationReason.${notification.reason}`)}</dd>
              </div>
              {notification.receivedBy && (
                <div>
                  <dt className="text-slate-600">{t('embassy.receivedBy')}</dt>
                  <dd className="font-medium">{localizedName(notification.receivedBy, locale)}</dd>
                </div>
              )}
              {notification.manualReason && (
                <div>
                  <dt className="text-slate-600">{t('embassy.manualReason')}</dt>
                  <dd>{notification.manualReason}</dd>
                </div>
              )}
              <div>
                <dt className="text-slate-600">{t('embassy.createdAt')}</dt>
                <dd>{dateTime(notification.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('embassy.dueAt')}</dt>
                <dd className={notification.isOverdue ? 'font-semibold text-amber-800' : ''}>
                  {dateTime(notification.dueAt)}
                  {notification.isOverdue && ` · ${t('embassy.overdueBadge')}`}
                </dd>
              </div>
              {notification.firstOpenedAt && (
                <div>
                  <dt className="text-slate-600">{t('embassy.firstOpenedAt')}</dt>
                  <dd>{dateTime(notification.firstOpenedAt)}</dd>
                </div>
              )}
              {notification.acknowledgedAt && (
                <div>
                  <dt className="text-slate-600">{t('embassy.acknowledgedAt')}</dt>
                  <dd>{t('embassy.acknowledgedBy', { time: dateTime(notification.acknowledgedAt), name: notification.acknowledgedByName ?? '' })}</dd>
                  {notification.acknowledgementNote && <dd className="text-slate-700">{notification.acknowledgementNote}</dd>}
                </div>
              )}
              {decline && (
                <div>
                  <dt className="text-slate-600">{t('embassy.declinedState')}</dt>
                  <dd className="font-medium">
                    {t('embassy.answer.declinedBy', { time: dateTime(decline.at), name: decline.byName ?? '', reason: t(`enums.notificationDeclineReason.${decline.reason}`) })}
                  </dd>
                  {decline.note && <dd className="text-slate-700">{decline.note}</dd>}
                  <dd className="mt-1">
                    {decline.resolution
                      ? t('embassy.answer.resolution', { resolution: t(`enums.nationalityResolution.${decline.resolution.kind}`), time: dateTime(decline.resolution.at) })
                      : t('embassy.answer.awaitingPolice')}
                  </dd>
                  {decline.resolution?.note && <dd className="text-slate-700">{decline.resolution.note}</dd>}
                </div>
              )}
            </dl>
            <div className={notification.acknowledgedAt || decline ? 'mt-4' : 'mt-4 border-t border-slate-200 pt-4'}>
              <AcknowledgeForm notificationId={notification.id} acknowledged={notification.acknowledgedAt !== null || decline !== null} />
            </div>
            <div className={decline ? 'mt-4' : 'mt-4 space-y-6 border-t border-slate-200 pt-4'}>
              {!decline && <p className="text-sm font-semibold text-slate-800">{t('embassy.answer.heading')}</p>}
              <DeclineForm notificationId={notification.id} isAcknowledged={notification.acknowledgedAt !== null} isDeclined={decline !== null} />
              {isOpenForRedirect && (
                <RedirectForm
                  notificationId={notification.id}
                  targets={redirectTargets.map((target) => ({ id: target.organisationId, label: t('embassy.answer.targetOption', { name: localizedName(target.names, locale), city: target.city }) }))}
                />
              )}
            </div>
            <Link href={`/notification-record/${notification.id}`} className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
              {t('embassy.printRecord')}
            </Link>
          </Panel>

          <Panel id="updates" title={t('embassy.updatesHeading')} headingClassName="mb-3">
            {view.updates.length === 0 ? (
              <p className="text-sm text-slate-600">{t('embassy.noUpdates')}</p>
            ) : (
              <ol className="space-y-2 text-sm">
                {view.updates.map((update) => (
                  <li key={update.id} className={isNew(update) ? 'font-semibold' : ''}>
                    {isNew(update) && <span className="mr-1 rounded bg-brand-600 px-1 text-xs text-white">{t('embassy.new')}</span>}
                    {t(`enums.notificationUpdate.${update.kind}`)}
                    {update.kind === 'case_status_changed' && typeof update.details.to === 'string' && `: ${t(`enums.caseStatus.${update.details.to}`)}`}
                    {update.kind === 'disclosure_override' && typeof update.details.justification === 'string' && `: ${update.details.justification}`}
                    <span className="block text-xs font-normal text-slate-500">{dateTime(update.createdAt)}</span>
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </aside>
      </div>
    </div>
  );
}
