import type { z } from 'zod';
import type { CaseListPage, PoliceCaseView } from '@/lib/cases/views';
import type { CooperationThread } from '@/lib/cooperation/views';
import type { NotificationChange } from '@/lib/notifications/embassy-queries';
import { personDetailsOf } from '@/lib/disclosure/person-details';
import type { EmbassyCaseView } from '@/lib/notifications/views';
import type { SummaryReport } from '@/lib/summaries/views';
import type { notificationSchema, caseListSchema, cooperationThreadSchema, embassyCaseSchema, policeCaseSchema, summarySchema } from './contract';

/**
 * The lib/ views in the contract's shapes: the fields a partner gets, and no more (names of the officers who
 * wrote something, the timeline and the e-mail state stay in the app). Dates become RFC 3339 in JSON.
 */
type Wire<T extends z.ZodType> = DistributedWire<z.input<T>>;
// Distributed over a union, so each variant keeps its own fields.
type DistributedWire<U> = U extends unknown ? { [K in keyof U]: unknown } : never;

/** A notification in the contract's shape: a withdrawn one keeps only its id, kind and times. */
export function notificationOf(item: NotificationChange): Wire<typeof notificationSchema> {
  if (item.state === 'withdrawn') return { state: 'withdrawn', id: item.id, kind: item.kind, createdAt: item.createdAt, withdrawnAt: item.withdrawnAt, lastUpdatedAt: item.lastUpdatedAt };
  return {
    state: 'open',
    id: item.id,
    caseId: item.caseId,
    caseReferenceNumber: item.caseReferenceNumber,
    provinceCode: item.provinceCode,
    crimeType: item.crimeType,
    caseStatus: item.caseStatus,
    kind: item.kind,
    reason: item.reason,
    createdAt: item.createdAt,
    dueAt: item.dueAt,
    firstOpenedAt: item.firstOpenedAt,
    acknowledgedAt: item.acknowledgedAt,
    lastUpdatedAt: item.lastUpdatedAt,
    unreadUpdates: item.unreadUpdates,
    isOverdue: item.isOverdue,
  };
}

export function embassyCaseOf(view: EmbassyCaseView): Wire<typeof embassyCaseSchema> {
  return {
    caseId: view.caseId,
    referenceNumber: view.referenceNumber,
    provinceCode: view.provinceCode,
    crimeType: view.crimeType,
    status: view.status,
    occurredAt: view.occurredAt,
    reportedAt: view.reportedAt,
    title: view.title,
    narrative: view.narrative,
    nationals: view.nationals,
    otherPeopleCount: view.otherPeopleCount,
    updates: view.updates.map((update) => ({ id: update.id, kind: update.kind, createdAt: update.createdAt })),
  };
}

export function cooperationThreadOf(thread: CooperationThread): Wire<typeof cooperationThreadSchema> {
  return {
    actions: thread.actions.map((action) => ({
      id: action.id,
      actionType: action.actionType,
      status: action.status,
      recordedBySide: action.recordedBySide,
      actionDate: action.actionDate,
      description: action.description,
      handlingCode: action.handlingCode,
      handlingNote: action.handlingNote,
      respondsToId: action.respondsToId,
      version: action.version,
      createdAt: action.createdAt,
    })),
    messages: thread.messages.map((message) => ({
      id: message.id,
      authorSide: message.authorSide,
      body: message.body,
      handlingCode: message.handlingCode,
      handlingNote: message.handlingNote,
      createdAt: message.createdAt,
    })),
  };
}

export function policeCaseOf(view: PoliceCaseView): Wire<typeof policeCaseSchema> {
  return {
    id: view.id,
    referenceNumber: view.referenceNumber,
    provinceCode: view.provinceCode,
    crimeType: view.crimeType,
    status: view.status,
    closureReason: view.closureReason,
    district: view.district,
    commune: view.commune,
    placeDescription: view.placeDescription,
    occurredAt: view.occurredAt,
    reportedAt: view.reportedAt,
    title: view.title,
    narrative: view.narrative,
    isNarrativeShareable: view.isNarrativeShareable,
    narrativeHandlingCode: view.narrativeHandlingCode,
    narrativeHandlingNote: view.narrativeHandlingNote,
    version: view.version,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    closedAt: view.closedAt,
    people: view.people.map((person) => ({
      ...personDetailsOf(person),
      nationality: person.nationality,
      consularConsent: person.consularConsent,
      otherNationalities: person.otherNationalities,
      rightsInformedAt: person.rightsInformedAt,
      notificationWish: person.notificationWish,
      dualNationalDecision: person.dualNationalDecision,
    })),
    notifications: view.notifications.map((notification) => ({
      id: notification.id,
      countryCode: notification.countryCode,
      kind: notification.kind,
      createdAt: notification.createdAt,
      dueAt: notification.dueAt,
      acknowledgedAt: notification.acknowledgedAt,
      isOverdue: notification.isOverdue,
    })),
  };
}

export function caseListOf(page: CaseListPage): Wire<typeof caseListSchema> {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      referenceNumber: item.referenceNumber,
      title: item.title,
      crimeType: item.crimeType,
      status: item.status,
      provinceCode: item.provinceCode,
      reportedAt: item.reportedAt,
      updatedAt: item.updatedAt,
      peopleCount: item.peopleCount,
      detainedCount: item.detainedCount,
      nationalities: item.nationalities,
    })),
    nextCursor: page.nextCursor,
  };
}

export function summaryOf(report: SummaryReport): Wire<typeof summarySchema> {
  return {
    provinceCode: report.scope.provinceCode,
    fromMonth: report.period.fromMonth,
    toMonth: report.period.toMonth,
    headline: report.headline,
    casesByCrimeType: report.casesByCrimeType,
    casesByStatus: report.casesByStatus,
  };
}

/** `Link: <…>; rel="next"` for the page after this one, keeping the query the partner sent. */
export function nextPageLink(request: Request, nextCursor: string | null): Record<string, string> {
  if (!nextCursor) return {};
  const url = new URL(request.url);
  url.searchParams.set('cursor', nextCursor);
  return { Link: `<${url.toString()}>; rel="next"` };
}
