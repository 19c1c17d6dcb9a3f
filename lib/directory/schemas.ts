import { z } from 'zod';
import { organisationKind, userRole } from '@/db/schema/enums';
import { locales } from '@/lib/i18n/locales';
import { countryCodes } from '@/lib/reference/countries';
import { pageFilter, textFilter } from '@/lib/search-params';

/**
 * One schema per admin use case, shared by the react-hook-form client and the server action. Form values stay
 * the strings the inputs hold (hours included); `lib/directory/commands.ts` turns them into column values.
 * Messages are i18n keys. Ids and versions are passed by the form as they came from the server.
 */
const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const recordId = z.uuid('validation.invalidChoice');
const version = z.number().int().positive();
const deadlineHours = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .refine((value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 720, 'admin.validation.deadlineHours');

const knownCountries = new Set<string>(countryCodes);

export const maxDutyEmailAddresses = 10;
const dutyEmailAddress = z.email().max(254);

/** The duty addresses as the form's text holds them: one a line (commas and spaces separate too), repeats dropped. */
export function dutyEmailAddressesOf(text: string): string[] {
  const addresses = text.split(/[\s,;]+/).filter((address) => address !== '');
  return addresses.filter((address, index) => addresses.findIndex((other) => other.toLowerCase() === address.toLowerCase()) === index);
}

export function organisationNeedsProvince(kind: string): boolean {
  return kind === 'police' || kind === 'governor_office';
}

const organisationFields = {
  kind: z.enum(organisationKind.enumValues, 'validation.invalidChoice'),
  nameEn: requiredText(200),
  nameKm: requiredText(200),
  nameZh: requiredText(200),
  /** A province code for police and governors' offices, otherwise empty. */
  provinceCode: z.string().trim(),
  /** The country an embassy represents, otherwise empty. */
  countryCode: z.string().trim(),
  /** Only embassies have acknowledgement deadlines; other kinds keep the defaults. */
  ackDeadlineHours: deadlineHours,
  detentionAckDeadlineHours: deadlineHours,
  /** Every user of the organisation must set up two-step sign-in before anything else (left as it is when absent). */
  requiresTotp: z.boolean().optional(),
  /** The organisation's shared mailboxes, one a line (left as they are when absent). */
  dutyEmailAddresses: z
    .string()
    .max(4000, 'admin.validation.dutyEmailAddresses')
    .refine((text) => {
      const addresses = dutyEmailAddressesOf(text);
      return addresses.length <= maxDutyEmailAddresses && addresses.every((address) => dutyEmailAddress.safeParse(address).success);
    }, 'admin.validation.dutyEmailAddresses')
    .optional(),
};

type OrganisationFields = z.infer<z.ZodObject<typeof organisationFields>>;

function checkOrganisation(value: OrganisationFields, context: z.RefinementCtx) {
  if (organisationNeedsProvince(value.kind) && !/^[A-Z]{3}$/.test(value.provinceCode)) {
    context.addIssue({ code: 'custom', path: ['provinceCode'], message: 'admin.validation.provinceRequired' });
  }
  if (value.kind === 'embassy') {
    if (!knownCountries.has(value.countryCode) || value.countryCode === 'KH') {
      context.addIssue({ code: 'custom', path: ['countryCode'], message: 'admin.validation.countryRequired' });
    }
    const isValidHours = (hours: string) => deadlineHours.safeParse(hours).success;
    const areBothValid = isValidHours(value.ackDeadlineHours) && isValidHours(value.detentionAckDeadlineHours);
    if (areBothValid && Number(value.detentionAckDeadlineHours) > Number(value.ackDeadlineHours)) {
      context.addIssue({ code: 'custom', path: ['detentionAckDeadlineHours'], message: 'admin.validation.detentionDeadline' });
    }
  }
}

export const createOrganisationSchema = z.object(organisationFields).superRefine(checkOrganisation);
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z.object({ id: recordId, version, ...organisationFields }).superRefine(checkOrganisation);
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

export const setOrganisationActiveSchema = z.object({ id: recordId, version, isActive: z.boolean() });
export type SetOrganisationActiveInput = z.infer<typeof setOrganisationActiveSchema>;

const userFields = {
  name: requiredText(200),
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  role: z.enum(userRole.enumValues, 'validation.invalidChoice'),
  organisationId: z.string().min(1, 'validation.required').pipe(recordId),
  preferredLocale: z.enum(locales, 'validation.invalidChoice'),
};

/**
 * How a new user gets in: a one-time password the admin passes on, or a single-use link to choose their own —
 * shown to the admin to pass on, or e-mailed by CaseBridge to the account's address.
 */
export const userCredentials = ['one_time_password', 'invitation', 'emailed_invitation'] as const;
export type UserCredential = (typeof userCredentials)[number];

export const createUserSchema = z.object({ ...userFields, credential: z.enum(userCredentials, 'validation.invalidChoice') });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({ id: recordId, version, ...userFields });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({ id: recordId, version, isActive: z.boolean() });
export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;

/** Unlock and password reset need nothing but the account and the version the admin saw. */
export const userVersionSchema = z.object({ id: recordId, version });
export type UserVersionInput = z.infer<typeof userVersionSchema>;

export const userStatuses = ['all', 'active', 'inactive', 'locked', 'must_change_password'] as const;

/** The user list's URL: anything unparseable falls back to the default rather than failing the page. */
/** The user list's filters in its URL (lib/search-params.ts parses them, dropping and naming what it cannot read). */
export const listUsersQueryFields = {
  q: textFilter(100),
  organisationId: z.union([z.literal(''), z.uuid()]).default(''),
  role: z.union([z.literal(''), z.enum(userRole.enumValues)]).default(''),
  status: z.enum(userStatuses).default('all'),
  page: pageFilter(100_000),
};
export const listUsersQuerySchema = z.object(listUsersQueryFields);
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
