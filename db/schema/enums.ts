import { pgEnum } from 'drizzle-orm/pg-core';

// Each enum's value type is exported beside it, once: the rest of the code imports `CaseStatus` from here.

export const organisationKind = pgEnum('organisation_kind', ['police', 'embassy', 'governor_office', 'ministry', 'platform']);
export type OrganisationKind = (typeof organisationKind.enumValues)[number];

export const userRole = pgEnum('user_role', [
  'police_officer',
  'police_supervisor',
  'embassy_liaison',
  'governor_viewer',
  'ministry_analyst',
  'admin',
  /** Manages its own organisation's users, API keys and webhooks; never reads case content. */
  'organisation_admin',
]);
export type Role = (typeof userRole.enumValues)[number];

/** The kinds of foreign mission (Vienna Conventions): an embassy, or one of the consular posts of its country. */
export const missionType = pgEnum('mission_type', ['embassy', 'consulate_general', 'consulate', 'honorary_consul']);
export type MissionType = (typeof missionType.enumValues)[number];

export const locale = pgEnum('locale', ['en', 'km', 'zh-CN']);

/** How a user wants the e-mails they may turn off (updates, requests): at once, in the daily digest, or not at all. */
export const mailFrequency = pgEnum('mail_frequency', ['immediate', 'daily', 'off']);
export type MailFrequency = (typeof mailFrequency.enumValues)[number];

export const crimeType = pgEnum('crime_type', [
  'human_trafficking',
  'drug_trafficking',
  'online_scam',
  'kidnapping',
  'fraud_extortion',
  'other',
]);
export type CrimeType = (typeof crimeType.enumValues)[number];

export const caseStatus = pgEnum('case_status', ['reported', 'under_investigation', 'referred_to_prosecutor', 'closed']);
export type CaseStatus = (typeof caseStatus.enumValues)[number];

export const closureReason = pgEnum('closure_reason', ['solved', 'insufficient_evidence', 'transferred', 'duplicate']);
export type ClosureReason = (typeof closureReason.enumValues)[number];

export const personRole = pgEnum('person_role', ['suspect', 'victim', 'witness']);
export type PersonRole = (typeof personRole.enumValues)[number];

export const sex = pgEnum('sex', ['female', 'male', 'other', 'unknown']);
export type Sex = (typeof sex.enumValues)[number];

export const idDocumentType = pgEnum('id_document_type', ['passport', 'national_id', 'other']);
export type IdDocumentType = (typeof idDocumentType.enumValues)[number];

export const detentionStatus = pgEnum('detention_status', ['not_detained', 'detained', 'released']);
export type DetentionStatus = (typeof detentionStatus.enumValues)[number];

export const consularConsent = pgEnum('consular_consent', ['yes', 'no', 'not_asked']);
export type ConsularConsent = (typeof consularConsent.enumValues)[number];

/** Handling codes as used in European police information exchange. */
export const handlingCode = pgEnum('handling_code', ['H0', 'H1', 'H2', 'H3']);
export type HandlingCode = (typeof handlingCode.enumValues)[number];

export const notificationKind = pgEnum('notification_kind', ['ordinary', 'detention']);
export type NotificationKind = (typeof notificationKind.enumValues)[number];

export const notificationReason = pgEnum('notification_reason', ['national_involved', 'national_detained', 'manual']);
export type NotificationReason = (typeof notificationReason.enumValues)[number];

export const notificationUpdateKind = pgEnum('notification_update_kind', [
  'national_added',
  'national_detained',
  'national_released',
  'case_status_changed',
  'consent_recorded',
  'disclosure_override',
  // Follow-up notices about a detained national (lib/consular/follow-ups.ts): each with its own urgency.
  'moved_to_facility',
  'hospitalised',
  'released_from_custody',
  'deported_or_repatriated',
  'died_in_custody',
]);
export type NotificationUpdateKind = (typeof notificationUpdateKind.enumValues)[number];

export const cooperationActionType = pgEnum('cooperation_action_type', [
  'identity_verification',
  'consular_visit',
  'information_request',
  'information_provided',
  'repatriation',
  'joint_operation',
  'interpreter',
  'other',
]);
export type CooperationActionType = (typeof cooperationActionType.enumValues)[number];

export const cooperationActionStatus = pgEnum('cooperation_action_status', ['requested', 'in_progress', 'done', 'declined']);
export type CooperationActionStatus = (typeof cooperationActionStatus.enumValues)[number];

export const cooperationSide = pgEnum('cooperation_side', ['police', 'embassy']);
export type CooperationSide = (typeof cooperationSide.enumValues)[number];

/** How the police informed a mission that is not on CaseBridge of a national (an official notification). */
export const officialNotificationMethod = pgEnum('official_notification_method', ['diplomatic_note_via_mfa', 'email', 'fax', 'phone', 'in_person']);
export type OfficialNotificationMethod = (typeof officialNotificationMethod.enumValues)[number];

/** A detained foreign national's answer once informed of the right to consular notification (VCCR Art. 36(1)(b)). */
export const consularNotificationWish = pgEnum('consular_notification_wish', ['requests', 'declines']);
export type ConsularNotificationWish = (typeof consularNotificationWish.enumValues)[number];

/** A supervisor's decision whether a Cambodian dual national's other country is notified. */
export const dualNationalDecision = pgEnum('dual_national_decision', ['notify', 'do_not_notify']);
export type DualNationalDecision = (typeof dualNationalDecision.enumValues)[number];

/** Why an embassy declined a notification (lib/notifications/answers.ts). */
export const notificationDeclineReason = pgEnum('notification_decline_reason', ['not_our_national', 'dual_national_other_country', 'other_post_competent']);
export type NotificationDeclineReason = (typeof notificationDeclineReason.enumValues)[number];

/** The police's answer to a decline: the nationality stands as recorded, or the person was corrected. */
export const nationalityResolution = pgEnum('nationality_resolution', ['confirmed', 'corrected']);
export type NationalityResolution = (typeof nationalityResolution.enumValues)[number];

export const caseEventKind = pgEnum('case_event_kind', [
  'case_created',
  'case_edited',
  'status_changed',
  'note_added',
  'case_assigned',
  'person_added',
  'person_edited',
  'person_removed',
  'notification_sent',
  'notification_updated',
  'notification_opened',
  'notification_acknowledged',
  'notification_withdrawn',
  'cooperation_action_recorded',
  'cooperation_action_updated',
  'message_posted',
  'official_notification_due',
  'official_notification_recorded',
  'official_notification_answered',
  'dual_national_decided',
  'notification_declined',
  'notification_redirected',
  'nationality_resolved',
]);
export type CaseEventKind = (typeof caseEventKind.enumValues)[number];

export const auditOutcome = pgEnum('audit_outcome', ['success', 'failure', 'denied']);
export type AuditOutcome = (typeof auditOutcome.enumValues)[number];
