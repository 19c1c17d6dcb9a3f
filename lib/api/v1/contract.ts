import { z } from 'zod';
import { caseStatus, closureReason, cooperationActionStatus, cooperationActionType, cooperationSide, crimeType, detentionStatus, handlingCode, idDocumentType, notificationKind, notificationReason, notificationUpdateKind, personRole, sex, consularConsent, consularNotificationWish, dualNationalDecision } from '@/db/schema/enums';
import type { ApiScope } from '@/lib/api-keys/scopes';
import { caseDetailsSchema, createCaseSchema } from '@/lib/cases/schemas';
import { filterDayField } from '@/lib/time/date-fields';

/**
 * The partner API's contract, version 1: every operation with its path, scope, parameters, body and answer, as
 * zod schemas. The route handlers parse with these, the OpenAPI document (lib/api/v1/openapi.ts) is generated
 * from them, and the request bodies are the app's own form schemas (`createCaseSchema`, the cooperation forms'),
 * so the API cannot accept what the app refuses, nor be described otherwise than it behaves.
 */

const moment = z.iso.datetime({ offset: true }).meta({ description: 'An instant, RFC 3339 with its offset (UTC `Z` in answers).' });
const nullableMoment = moment.nullable();
const id = z.uuid();
const idParams = z.object({ id: id.meta({ description: 'The record id.' }) });

// ——— Answers ———

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem; `about:blank` when the status says it all.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string().meta({ description: 'The field, dotted: `people.0.nationality`; `_form` for the whole request.' }), code: z.string(), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const notificationSchema = z
  .discriminatedUnion('state', [
    z.object({
      state: z.literal('open'),
      id,
      caseId: id,
      caseReferenceNumber: z.string(),
      provinceCode: z.string(),
      crimeType: z.enum(crimeType.enumValues),
      caseStatus: z.enum(caseStatus.enumValues),
      kind: z.enum(notificationKind.enumValues),
      reason: z.enum(notificationReason.enumValues),
      createdAt: moment,
      dueAt: moment,
      firstOpenedAt: nullableMoment,
      acknowledgedAt: nullableMoment,
      lastUpdatedAt: moment,
      unreadUpdates: z.number().int(),
      isOverdue: z.boolean(),
    }),
    z.object({ state: z.literal('withdrawn'), id, kind: z.enum(notificationKind.enumValues), createdAt: moment, withdrawnAt: moment, lastUpdatedAt: moment }),
  ])
  .meta({ id: 'Notification', description: 'A notification to the embassy: no names, only what identifies the case; a withdrawn one (its last national left the case) keeps only its id and times.' });

export const notificationListSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'NotificationList', description: 'One page, oldest change first; the `Link` header (rel="next") holds the next page.' });

export const acknowledgementSchema = z.object({ acknowledgedAt: moment }).meta({ id: 'Acknowledgement' });

/** What both sides read of a person the reader may see in full. */
const personFields = {
  id,
  roleInCase: z.enum(personRole.enumValues),
  latinName: z.string(),
  nativeName: z.string().nullable(),
  sex: z.enum(sex.enumValues),
  dateOfBirth: z.string().nullable(),
  approximateAge: z.number().int().nullable(),
  idDocumentType: z.enum(idDocumentType.enumValues).nullable(),
  idDocumentNumber: z.string().nullable(),
  detentionStatus: z.enum(detentionStatus.enumValues),
  detentionChangedAt: nullableMoment,
  isSensitiveVictim: z.boolean(),
};

const embassyPersonSchema = z
  .discriminatedUnion('disclosure', [
    z.object({ disclosure: z.literal('full'), ...personFields, overrideJustification: z.string().nullable() }),
    z.object({ disclosure: z.literal('withheld'), id, roleInCase: z.literal('victim'), isSensitiveVictim: z.boolean() }),
  ])
  .meta({ id: 'EmbassyPerson', description: 'A national of the embassy in the case; a victim without consent is only `withheld`.' });

export const embassyCaseSchema = z
  .object({
    caseId: id,
    referenceNumber: z.string(),
    provinceCode: z.string(),
    crimeType: z.enum(crimeType.enumValues),
    status: z.enum(caseStatus.enumValues),
    occurredAt: moment,
    reportedAt: moment,
    title: z.string(),
    narrative: z.object({ text: z.string(), handlingCode: z.enum(handlingCode.enumValues), handlingNote: z.string().nullable() }).nullable(),
    nationals: z.array(embassyPersonSchema),
    otherPeopleCount: z.number().int(),
    updates: z.array(z.object({ id, kind: z.enum(notificationUpdateKind.enumValues), createdAt: moment })),
  })
  .meta({ id: 'EmbassyCase', description: 'The case as the embassy sees it: its own nationals, everyone else as a count.' });

export const cooperationThreadSchema = z
  .object({
    actions: z.array(
      z.object({
        id,
        actionType: z.enum(cooperationActionType.enumValues),
        status: z.enum(cooperationActionStatus.enumValues),
        recordedBySide: z.enum(cooperationSide.enumValues),
        actionDate: z.string(),
        description: z.string(),
        handlingCode: z.enum(handlingCode.enumValues),
        handlingNote: z.string().nullable(),
        respondsToId: id.nullable(),
        version: z.number().int(),
        createdAt: moment,
      }),
    ),
    messages: z.array(
      z.object({ id, authorSide: z.enum(cooperationSide.enumValues), body: z.string(), handlingCode: z.enum(handlingCode.enumValues), handlingNote: z.string().nullable(), createdAt: moment }),
    ),
  })
  .meta({ id: 'CooperationThread', description: 'The thread between the police and this embassy about the case.' });

export const createdSchema = z.object({ id }).meta({ id: 'Created' });

export const policeCaseSchema = z
  .object({
    id,
    referenceNumber: z.string(),
    provinceCode: z.string(),
    crimeType: z.enum(crimeType.enumValues),
    status: z.enum(caseStatus.enumValues),
    closureReason: z.enum(closureReason.enumValues).nullable(),
    district: z.string().nullable(),
    commune: z.string().nullable(),
    placeDescription: z.string().nullable(),
    occurredAt: moment,
    reportedAt: moment,
    title: z.string(),
    narrative: z.string(),
    isNarrativeShareable: z.boolean(),
    narrativeHandlingCode: z.enum(handlingCode.enumValues),
    narrativeHandlingNote: z.string().nullable(),
    version: z.number().int().meta({ description: 'Also the `ETag`; send it back in `If-Match` to change the case.' }),
    createdAt: moment,
    updatedAt: moment,
    closedAt: nullableMoment,
    people: z.array(
      z.object({
        ...personFields,
        nationality: z.string(),
        consularConsent: z.enum(consularConsent.enumValues),
        otherNationalities: z.array(z.string()).meta({ description: 'Nationalities besides `nationality`, each routed to its own embassy.' }),
        rightsInformedAt: nullableMoment.meta({ description: 'When a detainee was told of the right to consular notification.' }),
        notificationWish: z.enum(consularNotificationWish.enumValues).nullable(),
        dualNationalDecision: z.enum(dualNationalDecision.enumValues).nullable().meta({ description: 'A Cambodian dual national: the supervisor’s decision on notifying the other country.' }),
      }),
    ),
    notifications: z.array(z.object({ id, countryCode: z.string(), kind: z.enum(notificationKind.enumValues), createdAt: moment, dueAt: moment, acknowledgedAt: nullableMoment, isOverdue: z.boolean() })),
  })
  .meta({ id: 'PoliceCase', description: 'A case of the key’s province, as its police see it (without the timeline and notes).' });

export const caseListSchema = z
  .object({
    items: z.array(
      z.object({
        id,
        referenceNumber: z.string(),
        title: z.string(),
        crimeType: z.enum(crimeType.enumValues),
        status: z.enum(caseStatus.enumValues),
        provinceCode: z.string(),
        reportedAt: moment,
        updatedAt: moment,
        peopleCount: z.number().int(),
        detainedCount: z.number().int(),
        nationalities: z.array(z.string()),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CaseList', description: 'One page, newest first; the `Link` header (rel="next") holds the next page.' });

const count = z.union([z.number().int(), z.literal('<3')]).meta({ description: 'A count; `<3` where a small number could identify someone.' });

export const summarySchema = z
  .object({
    provinceCode: z.string().nullable(),
    fromMonth: z.string(),
    toMonth: z.string(),
    headline: z.object({
      openCases: count,
      newCases: count,
      closedCases: count,
      detainedForeignNationals: count,
      notificationsSent: count,
      notificationsAcknowledged: count,
      notificationsOverdue: count,
    }),
    casesByCrimeType: z.array(z.object({ crimeType: z.enum(crimeType.enumValues), cases: count })),
    casesByStatus: z.array(z.object({ status: z.enum(caseStatus.enumValues), cases: count })),
  })
  .meta({ id: 'Summary', description: 'The summary figures for a period: counts only, small ones suppressed.' });

// ——— Requests ———

const limit = (fallback: number) => z.coerce.number().int().min(1).max(100).default(fallback).meta({ description: `Items per page (1–100, default ${fallback}).` });
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,300}$/).optional().meta({ description: 'From the previous page’s `nextCursor` (or its `Link` header).' });
const day = filterDayField.optional().meta({ description: 'A day, `YYYY-MM-DD`, in Cambodian time.' });

export const notificationQuerySchema = z.object({
  state: z.enum(['pending', 'overdue', 'acknowledged']).optional(),
  reason: z.enum(notificationReason.enumValues).optional(),
  province: z.string().regex(/^[A-Z]{3}$/).optional(),
  crime_type: z.enum(crimeType.enumValues).optional(),
  case_status: z.enum(caseStatus.enumValues).optional(),
  from: day,
  to: day,
  updated_since: moment.optional().meta({ description: 'Only notifications changed at or after this instant: a partner’s last sync.' }),
  cursor,
  limit: limit(50),
});

export const acknowledgeBodySchema = z.object({ note: z.string().trim().max(2000, 'validation.tooLong').default('') }).meta({ id: 'AcknowledgementRequest' });

export const caseQuerySchema = z.object({
  q: z.string().max(100).optional().meta({ description: 'Reference number, title, or a person’s name or ID number.' }),
  status: z.enum(caseStatus.enumValues).optional(),
  crime_type: z.enum(crimeType.enumValues).optional(),
  nationality: z.string().regex(/^[A-Z]{2}$/).optional(),
  from: day,
  to: day,
  sort: z.enum(['reported', 'updated']).default('reported'),
  cursor,
  limit: limit(25),
});

export const summaryQuerySchema = z.object({
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().meta({ description: 'First month, `YYYY-MM` (default: twelve months ago).' }),
  to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().meta({ description: 'Last month, `YYYY-MM`.' }),
  province: z.string().regex(/^[A-Z]{3}$/).optional().meta({ description: 'The ministry may choose a province; a governor’s office always gets its own.' }),
});

/** The cooperation forms' fields without the case and embassy, which the notification in the path decides. */
export const cooperationActionBodySchema = z
  .object({
    actionType: z.enum(cooperationActionType.enumValues),
    status: z.enum(cooperationActionStatus.enumValues),
    actionDate: z.string().meta({ description: 'The day, `YYYY-MM-DD`.' }),
    description: z.string(),
    respondsToId: z.union([z.literal(''), id]).default(''),
    handlingCode: z.enum(handlingCode.enumValues).default('H0'),
    handlingNote: z.string().default(''),
  })
  .meta({ id: 'CooperationActionRequest' });

export const messageBodySchema = z
  .object({ body: z.string(), handlingCode: z.enum(handlingCode.enumValues).default('H0'), handlingNote: z.string().default('') })
  .meta({ id: 'MessageRequest' });

export const createCaseBodySchema = createCaseSchema.meta({ id: 'CaseRequest', description: 'The intake form: moments are `YYYY-MM-DDTHH:mm` in Cambodian time.' });
export const updateCaseBodySchema = caseDetailsSchema;

// ——— Operations ———

export type HttpMethod = 'get' | 'post' | 'patch';

export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1: `/notifications/{id}`. */
  path: string;
  summary: string;
  scope: ApiScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  status: 200 | 201;
  response: z.ZodType;
  /** PATCH a versioned record: `If-Match` with its version is required, a stale one gets 412. */
  requiresIfMatch?: boolean;
  /** Answers carry an `ETag` (the record's version). */
  hasEtag?: boolean;
  /** Answers carry a `Link` header to the next page. */
  isPaged?: boolean;
}

export const apiOperations = [
  { operationId: 'listNotifications', method: 'get', path: '/notifications', summary: 'The embassy’s notifications, in the order they changed', scope: 'notifications:read', query: notificationQuerySchema, status: 200, response: notificationListSchema, isPaged: true },
  { operationId: 'getNotification', method: 'get', path: '/notifications/{id}', summary: 'One notification', scope: 'notifications:read', params: idParams, status: 200, response: notificationSchema },
  { operationId: 'acknowledgeNotification', method: 'post', path: '/notifications/{id}/acknowledgement', summary: 'Acknowledge a notification', scope: 'notifications:acknowledge', params: idParams, body: acknowledgeBodySchema, status: 200, response: acknowledgementSchema },
  { operationId: 'getNotifiedCase', method: 'get', path: '/notifications/{id}/case', summary: 'The case as the embassy sees it (counts as opening it, as in the app)', scope: 'notifications:read', params: idParams, status: 200, response: embassyCaseSchema },
  { operationId: 'getCooperationThread', method: 'get', path: '/notifications/{id}/cooperation', summary: 'The cooperation thread about the case', scope: 'notifications:read', params: idParams, status: 200, response: cooperationThreadSchema },
  { operationId: 'recordCooperationAction', method: 'post', path: '/notifications/{id}/cooperation/actions', summary: 'Record a cooperation action', scope: 'cooperation:write', params: idParams, body: cooperationActionBodySchema, status: 201, response: createdSchema },
  { operationId: 'postMessage', method: 'post', path: '/notifications/{id}/cooperation/messages', summary: 'Post a message to the police', scope: 'cooperation:write', params: idParams, body: messageBodySchema, status: 201, response: createdSchema },
  { operationId: 'listCases', method: 'get', path: '/cases', summary: 'The province’s cases: list and search', scope: 'cases:read', query: caseQuerySchema, status: 200, response: caseListSchema, isPaged: true },
  { operationId: 'createCase', method: 'post', path: '/cases', summary: 'Record a case (intake from another system: same rules and numbering)', scope: 'cases:write', body: createCaseBodySchema, status: 201, response: createdSchema },
  { operationId: 'getCase', method: 'get', path: '/cases/{id}', summary: 'One case of the province', scope: 'cases:read', params: idParams, status: 200, response: policeCaseSchema, hasEtag: true },
  { operationId: 'updateCase', method: 'patch', path: '/cases/{id}', summary: 'Change a case’s details and people (the edit form, whole)', scope: 'cases:write', params: idParams, body: updateCaseBodySchema, status: 200, response: policeCaseSchema, requiresIfMatch: true, hasEtag: true },
  { operationId: 'getSummary', method: 'get', path: '/summaries', summary: 'Summary figures for a period', scope: 'summaries:read', query: summaryQuerySchema, status: 200, response: summarySchema },
] as const satisfies readonly ApiOperation[];

export type OperationId = (typeof apiOperations)[number]['operationId'];

export function operationOf(operationId: OperationId): ApiOperation {
  const operation = apiOperations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`unknown operation ${operationId}`);
  return operation;
}
