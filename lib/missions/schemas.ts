import { z } from 'zod';
import { missionType } from '@/db/schema/enums';
import { countryCodes } from '@/lib/reference/countries';
import { pageFilter } from '@/lib/search-params';

/**
 * The admin's forms of the directory of foreign missions (db/schema/directory.ts), shared by the react-hook-form
 * client and the server action. Messages are i18n keys. Rules that need the database (one embassy per country, a
 * province in one post's district, the linked organisation) are checked in lib/missions/commands.ts.
 */
const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const knownCountries = new Set<string>(countryCodes);

export function isConsularPost(type: string): boolean {
  return type !== 'embassy';
}

const missionFields = {
  missionType: z.enum(missionType.enumValues, 'validation.invalidChoice'),
  /** The country the mission represents (never Cambodia's own). */
  countryCode: z.string().trim(),
  nameEn: requiredText(200),
  nameKm: requiredText(200),
  nameZh: requiredText(200),
  city: requiredText(100),
  /** A post's consular district; an embassy lists none (it covers what no post of its country covers). */
  provinceCodes: z.array(z.string().regex(/^[A-Z]{3}$/, 'validation.invalidChoice')).max(25, 'validation.invalidChoice'),
  email: optionalText(254).refine((value) => value === '' || z.email().safeParse(value).success, 'validation.email'),
  phone: optionalText(50),
  fax: optionalText(50),
  /** The organisation on CaseBridge whose accounts receive the mission's notifications; empty: off CaseBridge. */
  organisationId: z.union([z.literal(''), z.uuid('validation.invalidChoice')]),
  isActive: z.boolean(),
};

type MissionFields = z.infer<z.ZodObject<typeof missionFields>>;

function checkMission(value: MissionFields, context: z.RefinementCtx) {
  if (!knownCountries.has(value.countryCode) || value.countryCode === 'KH') {
    context.addIssue({ code: 'custom', path: ['countryCode'], message: 'missions.validation.countryRequired' });
  }
  if (isConsularPost(value.missionType) && value.provinceCodes.length === 0) {
    context.addIssue({ code: 'custom', path: ['provinceCodes'], message: 'missions.validation.districtRequired' });
  }
  if (!isConsularPost(value.missionType) && value.provinceCodes.length > 0) {
    context.addIssue({ code: 'custom', path: ['provinceCodes'], message: 'missions.validation.embassyHasNoDistrict' });
  }
  // Off CaseBridge the police notify the mission themselves: they need some way to reach it.
  if (value.organisationId === '' && value.email === '' && value.phone === '' && value.fax === '') {
    context.addIssue({ code: 'custom', path: ['email'], message: 'missions.validation.contactRequired' });
  }
}

export const createMissionSchema = z.object(missionFields).superRefine(checkMission);
export type CreateMissionInput = z.infer<typeof createMissionSchema>;

export const updateMissionSchema = z.object({ id: z.uuid('validation.invalidChoice'), version: z.number().int().positive(), ...missionFields }).superRefine(checkMission);
export type UpdateMissionInput = z.infer<typeof updateMissionSchema>;

export const missionPresences = ['', 'on', 'off'] as const;

/** The list's filters in its URL (lib/search-params.ts parses them, dropping and naming what it cannot read). */
export const listMissionsQueryFields = {
  country: z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/)]).default(''),
  type: z.union([z.literal(''), z.enum(missionType.enumValues)]).default(''),
  /** On CaseBridge (linked to an organisation) or off it. */
  presence: z.enum(missionPresences).default(''),
  page: pageFilter(10_000),
};
export const listMissionsQuerySchema = z.object(listMissionsQueryFields);
export type ListMissionsQuery = z.infer<typeof listMissionsQuerySchema>;
