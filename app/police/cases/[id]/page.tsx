import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PersonDetailCells } from '@/components/case/person-detail-cells';
import { AssignForm } from '@/components/case/assign-form';
import { CaseTimeline } from '@/components/case/case-timeline';
import { NoteForm } from '@/components/case/note-form';
import { StatusChangeForm } from '@/components/case/status-change-form';
import { ThreadPanel } from '@/components/cooperation/thread-panel';
import { ConsentForm } from '@/components/notifications/consent-form';
import { RecordOfficialAnswerForm, RecordOfficialNotificationForm } from '@/components/consular/official-notification-forms';
import { DualNationalDecisionForm, FollowUpForm } from '@/components/consular/person-consular-forms';
import { isCambodianDualNational } from '@/lib/consular/nationals';
import { ConfirmNationalityForm } from '@/components/notifications/confirm-nationality-form';
import { ManualNotificationForm } from '@/components/notifications/manual-notification-form';
import { OverrideForm } from '@/components/notifications/override-form';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { HandlingCodeBadge } from '@/components/ui/handling-code-badge';
import { Panel } from '@/components/ui/panel';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { getCaseWorkspace } from '@/lib/cases/queries';
import { openPoliceCaseThreads } from '@/lib/cooperation/commands';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getProvince } from '@/lib/reference/provinces';

interface PageProps {
  params: Promise<{ id: string }>;
}

/**
 * The page's one read of the case, shared by its title and its body: React's cache holds it for the request,
 * so opening the workspace is read, and audited, once.
 */
const loadWorkspace = cache(async (id: string) => {
  const actor = await requireAccess('read:case:own-province');
  return { actor, view: await orNotFound(getCaseWorkspace(actor, id)) };
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [{ view }, t] = await Promise.all([params.then(({ id }) => loadWorkspace(id)), getTranslations('nav')]);
  return { title: pageTitle(view.referenceNumber, t('cases')) };
}

export default async function CaseWorkspacePage({ params }: PageProps) {
  const { actor, view } = await loadWorkspace((await params).id);
  const [t, format, locale, province, threads] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale(),
    getProvince(view.provinceCode),
    view.notifications.length > 0 ? openPoliceCaseThreads(actor, view.id) : [],
  ]);
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const summary: [string, string][] = [
    [t('cases.crimeType'), t(`enums.crimeType.${view.crimeType}`)],
    [t('cases.workspace.province'), province ? localizedName(province.names, locale) : view.provinceCode],
    [t('cases.workspace.place'), [view.placeDescription, view.commune, view.district].filter(Boolean).join(', ') || '—'],
    [t('cases.workspace.occurredAt'), dateTime(view.occurredAt)],
    [t('cases.workspace.reportedAt'), dateTime(view.reportedAt)],
    [t('cases.workspace.createdBy'), view.createdByName],
    [t('cases.workspace.assignedTo'), view.assignedTo?.name ?? t('cases.unassigned')],
    ...(view.closureReason ? ([[t('cases.workspace.closureReason'), t(`enums.closureReason.${view.closureReason}`)]] as [string, string][]) : []),
  ];

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-sm text-slate-600">{view.referenceNumber}</p>
          <h1 className="text-2xl font-semibold">{view.title}</h1>
          <p className="mt-1 text-sm">
            <span className="rounded-full bg-brand-100 px-2 py-0.5 font-medium text-brand-900">{t(`enums.caseStatus.${view.status}`)}</span>
            <span className="ml-2 text-slate-600">{t('cases.workspace.version', { version: String(view.version), time: dateTime(view.updatedAt) })}</span>
          </p>
        </div>
        <Link href={`/police/cases/${view.id}/edit`} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t('cases.workspace.edit')}
        </Link>
      </div>

      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          <Panel id="summary" title={t('cases.workspace.summary')}>
            <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {summary.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="font-medium">{value}</dd>
                </div>
              ))}
            </dl>
            <h3 className="mt-6 text-sm font-semibold">{t('cases.workspace.narrative')}</h3>
            <p className="mt-1 text-xs text-slate-600">{view.isNarrativeShareable ? t('cases.workspace.shareable') : t('cases.workspace.notShareable')}</p>
            {view.isNarrativeShareable && <HandlingCodeBadge code={view.narrativeHandlingCode} note={view.narrativeHandlingNote} />}
            <p className="mt-2 whitespace-pre-line text-sm">{view.narrative || t('cases.workspace.noNarrative')}</p>
          </Panel>

          <Panel id="people" title={t('cases.workspace.people')} headingClassName="mb-4">
            {view.people.length === 0 ? (
              <EmptyState>{t('cases.workspace.noPeople')}</EmptyState>
            ) : (
              <DataTable columns={[{ header: t('cases.workspace.role') }, { header: t('cases.workspace.name') }, { header: t('cases.workspace.nationality') }, { header: t('cases.workspace.sexAge') }, { header: t('cases.workspace.document') }, { header: t('cases.workspace.detention') }, { header: t('cases.workspace.consent') }]}>
                    {view.people.map((person) => (
                      <tr key={person.id}>
                        <td className="px-4 py-2 align-top">
                          {t(`enums.personRole.${person.roleInCase}`)}
                          {person.isSensitiveVictim && <span className="ml-1 rounded bg-purple-100 px-1.5 py-0.5 text-xs font-medium text-purple-900">{t('cases.workspace.sensitive')}</span>}
                        </td>
                        <th scope="row" className="px-4 py-2 text-left align-top font-medium">
                          {person.latinName}
                          {person.nativeName && <span className="block font-normal text-slate-600">{person.nativeName}</span>}
                        </th>
                        <td className="px-4 py-2 align-top">
                          {[person.nationality, ...person.otherNationalities].map((code) => (code === 'XX' ? t('cases.form.nationalityUnknown') : countryName(code, locale))).join(' · ')}
                          {isCambodianDualNational(person) && (
                            <>
                              <p className="mt-1 text-xs text-amber-900">{t('consular.dual.note')}</p>
                              {person.dualNationalDecision && <p className="text-xs">{t(`enums.dualNationalDecision.${person.dualNationalDecision}`)}</p>}
                              {view.canDecideDualNational && <DualNationalDecisionForm caseId={view.id} personId={person.id} decision={person.dualNationalDecision} personName={person.latinName} />}
                            </>
                          )}
                        </td>
                        <PersonDetailCells person={person} />
                        <td className="px-4 py-2 align-top">
                          {person.roleInCase === 'victim' ? (
                            <>
                              <ConsentForm caseId={view.id} personId={person.id} consent={person.consularConsent} personName={person.latinName} />
                              {person.disclosureOverrideJustification && (
                                <p className="mt-1 text-xs text-red-800">{t('consent.overridden', { justification: person.disclosureOverrideJustification })}</p>
                              )}
                              {view.canOverrideDisclosure && person.consularConsent !== 'yes' && (
                                <OverrideForm caseId={view.id} personId={person.id} overridden={person.disclosureOverrideJustification !== null} />
                              )}
                            </>
                          ) : (
                            '—'
                          )}
                          {person.rightsInformedAt && person.notificationWish && (
                            <p className="mt-1 text-xs">{t('consular.rights.recorded', { time: dateTime(person.rightsInformedAt), answer: t(`enums.consularNotificationWish.${person.notificationWish}`) })}</p>
                          )}
                          {person.detentionStatus !== 'not_detained' && person.nationality !== 'KH' && !person.rightsInformedAt && (
                            <p className="mt-1 text-xs font-medium text-amber-900">{t('consular.rights.notRecorded')}</p>
                          )}
                          {person.detentionStatus !== 'not_detained' && <FollowUpForm caseId={view.id} personId={person.id} personName={person.latinName} />}
                        </td>
                      </tr>
                    ))}
              </DataTable>
            )}
          </Panel>

          <Panel id="notifications" title={t('cases.workspace.notifications')} headingClassName="mb-4">
            {view.notifications.length === 0 ? (
              <p className="text-sm text-slate-600">{t('cases.workspace.noNotifications')}</p>
            ) : (
              <DataTable columns={[{ header: t('cases.workspace.embassy') }, { header: t('cases.workspace.kind') }, { header: t('cases.workspace.sentAt') }, { header: t('cases.workspace.dueAt') }, { header: t('cases.workspace.acknowledged') }, { header: t('record.title') }]}>
                  {view.notifications.map((notification) => (
                    <tr key={notification.id}>
                      <th scope="row" className="px-4 py-2 text-left font-medium">{localizedName(notification.embassy, locale)}</th>
                      <td className="px-4 py-2">{t(`enums.notificationKind.${notification.kind}`)}</td>
                      <td className="px-4 py-2">{dateTime(notification.createdAt)}</td>
                      <td className="px-4 py-2">{dateTime(notification.dueAt)}</td>
                      <td className={`px-4 py-2 ${notification.isOverdue ? 'font-semibold text-amber-800' : ''}`}>
                        {notification.withdrawnAt
                          ? t('cases.workspace.withdrawn', { time: dateTime(notification.withdrawnAt) })
                          : notification.decline
                          ? t('cases.workspace.declined', { time: dateTime(notification.decline.at) })
                          : notification.acknowledgedAt
                          ? t('cases.workspace.acknowledgedBy', { time: dateTime(notification.acknowledgedAt), name: notification.acknowledgedByName ?? '' })
                          : notification.isOverdue
                            ? t('cases.workspace.overdue')
                            : t('cases.workspace.pending')}
                        {notification.mail && (
                          <span className="block text-xs text-slate-600">
                            {t(notification.mail.isStoredOnly ? 'cases.workspace.mailStored' : 'cases.workspace.mailSent', {
                              officers: notification.mail.officers,
                              dutyAddresses: notification.mail.dutyAddresses,
                              time: dateTime(notification.mail.at),
                            })}
                            {notification.mail.pending > 0 && ` · ${t('cases.workspace.mailPending', { count: notification.mail.pending })}`}
                            {notification.mail.failed > 0 && ` · ${t('cases.workspace.mailFailed', { count: notification.mail.failed })}`}
                          </span>
                        )}
                      </td>
                      <td className="px-4 py-2">
                        <Link href={`/notification-record/${notification.id}`} className="text-brand-700 underline">
                          {t('record.print')}
                        </Link>
                      </td>
                    </tr>
                  ))}
              </DataTable>
            )}
            {view.notifications.map((notification) => {
              const { decline } = notification;
              if (!decline) return null;
              const embassyName = localizedName(notification.embassy, locale);
              return (
                <section key={notification.id} aria-labelledby={`decline-${notification.id}`} className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                  <p id={`decline-${notification.id}`} className="font-semibold">
                    {t('cases.decline.declinedBy', { embassy: embassyName, time: dateTime(decline.at), reason: t(`enums.notificationDeclineReason.${decline.reason}`) })}
                  </p>
                  {decline.note && <p className="mt-1">{t('cases.decline.note', { note: decline.note })}</p>}
                  {decline.resolution ? (
                    <p className="mt-2">
                      {t('cases.decline.resolved', { resolution: t(`enums.nationalityResolution.${decline.resolution.kind}`), name: decline.resolution.byName ?? '', time: dateTime(decline.resolution.at) })}
                      {decline.resolution.note && <span className="block text-amber-900">{decline.resolution.note}</span>}
                    </p>
                  ) : null}
                  {view.canResolveNationality && <ConfirmNationalityForm caseId={view.id} notificationId={notification.id} isResolved={decline.resolution !== null} />}
                </section>
              );
            })}
          </Panel>

 <Panel id="official-notifications" title={t('consular.panel.heading')} headingClassName="mb-2">
            <p className="mb-4 text-sm text-slate-600">{t('consular.panel.intro')}</p>
            {view.officialNotifications.length === 0 ? (
              <p className="text-sm text-slate-600">{t('consular.panel.none')}</p>
            ) : (
              <ul className="space-y-4">
                {view.officialNotifications.map((task) => {
                  const country = countryName(task.countryCode, locale);
                  return (
                    <li key={task.id} className="rounded-md border border-slate-200 p-4">
                      <h3 className="font-medium">
                        {task.mission ? localizedName(task.mission.names, locale) : t('consular.panel.noMission', { country })}
                        <span className="ml-2 text-sm font-normal text-slate-600">{t(`enums.notificationKind.${task.kind}`)}</span>
                      </h3>
                      {task.mission && (
                        <p className="text-xs text-slate-600">
                          {[task.mission.city, task.mission.email, task.mission.phone && t('consular.panel.phone', { phone: task.mission.phone }), task.mission.fax && t('consular.panel.fax', { fax: task.mission.fax })].filter(Boolean).join(' · ')}
                        </p>
                      )}
                      <p className={`mt-1 text-sm ${task.isOverdue ? 'font-semibold text-amber-800' : ''}`}>
                        {task.withdrawnAt
                          ? t('consular.panel.withdrawn')
                          : task.informedAt && task.method
                            ? t('consular.panel.informed', { time: dateTime(task.informedAt), method: t(`enums.officialNotificationMethod.${task.method}`), whom: task.informedWhom ?? '', reference: task.reference ?? '—' })
                            : task.isOverdue
                              ? t('consular.panel.overdue', { due: dateTime(task.dueAt) })
                              : t('consular.panel.due', { due: dateTime(task.dueAt) })}
                      </p>
                      {task.answer && task.answeredAt && <p className="mt-1 text-sm">{t('consular.panel.answer', { time: dateTime(task.answeredAt), answer: task.answer })}</p>}
                      {!task.withdrawnAt && (
                        <>
                          <Link href={`/police/cases/${view.id}/official-notifications/${task.id}/letter`} className="mt-2 inline-block text-sm text-brand-700 underline">
                            {t('consular.letter.open')}
                          </Link>
                          {task.informedAt ? (
                            !task.answer && <RecordOfficialAnswerForm caseId={view.id} officialNotificationId={task.id} version={task.version} countryName={country} />
                          ) : (
                            <RecordOfficialNotificationForm caseId={view.id} officialNotificationId={task.id} version={task.version} countryName={country} />
                          )}
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Panel>

          <Panel id="manual-notification" title={t('manualNotification.heading')} headingClassName="mb-3">
            <ManualNotificationForm caseId={view.id} embassies={view.notifiableEmbassies.map((embassy) => ({ id: embassy.id, name: localizedName(embassy.names, locale) }))} />
          </Panel>

          {threads.map((thread, index) => {
            const withdrawnAt = view.notifications[index]?.withdrawnAt;
            return (
              <ThreadPanel
                key={thread.embassyOrganisationId}
                caseId={view.id}
                thread={thread}
                viewerSide="police"
                closedNote={withdrawnAt ? t('cooperation.closedWithdrawn', { time: dateTime(withdrawnAt) }) : null}
              />
            );
          })}

          <Panel id="timeline" title={t('cases.workspace.timeline')} headingClassName="mb-4">
            <CaseTimeline entries={view.timeline} />
          </Panel>
        </div>

        <aside className="space-y-6">
          <Panel id="status" title={t('cases.workspace.changeStatus')} headingClassName="mb-3">
            <StatusChangeForm caseId={view.id} version={view.version} transitions={view.allowedTransitions} />
          </Panel>
          {view.assignableOfficers && (
            <Panel id="assignment" title={t('cases.workspace.assignment')} headingClassName="mb-3">
              <AssignForm caseId={view.id} version={view.version} assigneeId={view.assignedTo?.id ?? null} officers={view.assignableOfficers} />
            </Panel>
          )}
          <Panel id="notes" title={t('cases.workspace.notes')} headingClassName="mb-3">
            <NoteForm caseId={view.id} />
          </Panel>
        </aside>
      </div>
    </div>
  );
}
