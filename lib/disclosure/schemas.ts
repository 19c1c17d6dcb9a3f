import { z } from 'zod';
import { consularConsent } from '@/db/schema/enums';

export const recordConsentSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  consent: z.enum(consularConsent.enumValues, 'validation.invalidChoice'),
});
export type RecordConsentInput = z.infer<typeof recordConsentSchema>;

export const overrideDisclosureSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  justification: z.string().trim().min(20, 'embassy.validation.justificationTooShort').max(2000, 'validation.tooLong'),
});
export type OverrideDisclosureInput = z.infer<typeof overrideDisclosureSchema>;
