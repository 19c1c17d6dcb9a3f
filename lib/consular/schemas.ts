import { z } from 'zod';
import { dualNationalDecision, officialNotificationMethod } from '@/db/schema/enums';
import { caseMomentField } from '@/lib/time/date-fields';

const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

/** The police record how, when and whom they informed a mission off CaseBridge (form on the case workspace). */
export const recordOfficialNotificationSchema = z.object({
  caseId: z.uuid(),
  officialNotificationId: z.uuid(),
  version: z.number().int().positive(),
  method: z.enum(officialNotificationMethod.enumValues, 'validation.invalidChoice'),
  informedAt: caseMomentField,
  informedWhom: requiredText(200),
  reference: z.string().trim().max(200, 'validation.tooLong'),
});
export type RecordOfficialNotificationInput = z.infer<typeof recordOfficialNotificationSchema>;

/** The mission's answer, recorded by the police once it came. */
export const recordOfficialAnswerSchema = z.object({
  caseId: z.uuid(),
  officialNotificationId: z.uuid(),
  version: z.number().int().positive(),
  answeredAt: caseMomentField,
  answer: requiredText(2000),
});
export type RecordOfficialAnswerInput = z.infer<typeof recordOfficialAnswerSchema>;

/** A supervisor decides whether a Cambodian dual national's other country is notified. */
export const decideDualNationalSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  decision: z.enum(dualNationalDecision.enumValues, 'validation.invalidChoice'),
});
export type DecideDualNationalInput = z.infer<typeof decideDualNationalSchema>;

/** What may happen to a detained national afterwards, each a notification update with its own urgency. */
export const followUpKinds = ['moved_to_facility', 'hospitalised', 'released_from_custody', 'deported_or_repatriated', 'died_in_custody'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

/** A death in custody cannot wait for the 15-minute batch: it is e-mailed at once, urgent, like a detention. */
export const urgentFollowUpKinds: ReadonlySet<FollowUpKind> = new Set(['died_in_custody']);

export const recordFollowUpSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(followUpKinds, 'validation.invalidChoice'),
  occurredAt: caseMomentField,
});
export type RecordFollowUpInput = z.infer<typeof recordFollowUpSchema>;

/** The admin marks a country's notification mandatory or not (version 0: no rule yet). */
export const setConsularRuleSchema = z.object({
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'validation.invalidChoice').refine((code) => code !== 'KH' && code !== 'XX', 'validation.invalidChoice'),
  mandatoryNotification: z.boolean(),
  version: z.number().int().min(0),
});
export type SetConsularRuleInput = z.infer<typeof setConsularRuleSchema>;
