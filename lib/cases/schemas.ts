import { z } from 'zod';
import { caseStatus, consularNotificationWish, crimeType, detentionStatus, handlingCode, idDocumentType, personRole, sex } from '@/db/schema/enums';
import { isNationality } from '@/lib/reference/countries';
import { caseMomentField, dateOfBirthField, filterDayField, optionalCaseMomentField } from '@/lib/time/date-fields';
import { mentionsAnyone } from './names-in-text';
import { closureReasons } from './workflow';
import { parseFilters, textFilter, type PageSearchParams, type ParsedFilters } from '@/lib/search-params';

/**
 * Form values are kept as the strings the inputs hold, so the same schema validates the react-hook-form
 * client and the server action; `lib/cases/commands.ts` turns them into column values. Messages are i18n keys.
 */
const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong');

export const personSchema = z
  .object({
    /** Present when editing someone already on the case. */
    id: z.union([z.literal(''), z.uuid()]).optional(),
    roleInCase: z.enum(personRole.enumValues, 'validation.invalidChoice'),
    latinName: requiredText(200),
    nativeName: optionalText(200),
    sex: z.enum(sex.enumValues, 'validation.invalidChoice'),
    dateOfBirth: dateOfBirthField,
    approximateAge: z
      .string()
      .trim()
      .refine((value) => value === '' || (/^\d{1,3}$/.test(value) && Number(value) <= 120), 'validation.age'),
    nationality: z
      .string()
      .min(1, 'validation.required')
      .refine((value) => isNationality(value), 'validation.invalidChoice'),
    idDocumentType: z.union([z.literal(''), z.enum(idDocumentType.enumValues)], 'validation.invalidChoice'),
    idDocumentNumber: z
      .string()
      .trim()
      .max(50, 'validation.tooLong')
      .refine((value) => value === '' || /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(value), 'validation.documentNumber'),
    detentionStatus: z.enum(detentionStatus.enumValues, 'validation.invalidChoice'),
    detentionChangedAt: optionalCaseMomentField,
    isSensitiveVictim: z.boolean(),
    /**
     * Nationalities besides the main one (a dual national); an empty entry is an empty picker. Optional, like the
     * two rights fields, so clients written before them keep working (lib/consular/nationals.ts routes each one).
     */
    otherNationalities: z
      .array(z.string().refine((value) => value === '' || (isNationality(value) && value !== 'XX'), 'validation.invalidChoice'))
      .max(4, 'cases.validation.tooManyNationalities')
      .optional(),
    /** When a detained foreign national was told of the right to consular notification (VCCR Art. 36(1)(b)), and the answer. */
    rightsInformedAt: optionalCaseMomentField.optional(),
    notificationWish: z.union([z.literal(''), z.enum(consularNotificationWish.enumValues)], 'validation.invalidChoice').optional(),
  })
  .superRefine((person, context) => {
    const others = (person.otherNationalities ?? []).filter((country) => country !== '');
    if (others.includes(person.nationality) || new Set(others).size !== others.length) {
      context.addIssue({ code: 'custom', path: ['otherNationalities'], message: 'cases.validation.nationalityRepeated' });
    }
    const rightsInformedAt = person.rightsInformedAt ?? '';
    const wish = person.notificationWish ?? '';
    if ((rightsInformedAt !== '' || wish !== '') && person.detentionStatus === 'not_detained') {
      context.addIssue({ code: 'custom', path: ['notificationWish'], message: 'cases.validation.rightsOnlyDetained' });
    } else if (rightsInformedAt !== '' && wish === '') {
      context.addIssue({ code: 'custom', path: ['notificationWish'], message: 'cases.validation.wishNeeded' });
    } else if (wish !== '' && rightsInformedAt === '') {
      context.addIssue({ code: 'custom', path: ['rightsInformedAt'], message: 'cases.validation.rightsTimeNeeded' });
    }
    if (person.idDocumentType === '' && person.idDocumentNumber !== '') {
      context.addIssue({ code: 'custom', path: ['idDocumentType'], message: 'cases.validation.documentTypeNeeded' });
    }
    if (person.idDocumentType !== '' && person.idDocumentNumber === '') {
      context.addIssue({ code: 'custom', path: ['idDocumentNumber'], message: 'cases.validation.documentNumberNeeded' });
    }
    if (person.detentionStatus !== 'not_detained' && person.detentionChangedAt === '') {
      context.addIssue({ code: 'custom', path: ['detentionChangedAt'], message: 'cases.validation.detentionTimeNeeded' });
    }
    if (person.isSensitiveVictim && person.roleInCase !== 'victim') {
      context.addIssue({ code: 'custom', path: ['isSensitiveVictim'], message: 'cases.validation.sensitiveOnlyVictims' });
    }
    if (person.dateOfBirth !== '' && person.approximateAge !== '') {
      context.addIssue({ code: 'custom', path: ['approximateAge'], message: 'cases.validation.ageOrBirthDate' });
    }
  });

/**
 * A case lists its people one by one in a form; a raid with hundreds is a different kind of record (an operation
 * with a spreadsheet import), not a longer form.
 */
export const maxPeoplePerCase = 50;

export const caseDetailsSchema = z
  .object({
    crimeType: z.enum(crimeType.enumValues, 'validation.invalidChoice'),
    provinceCode: z.string().regex(/^[A-Z]{3}$/, 'validation.invalidChoice'),
    district: optionalText(100),
    commune: optionalText(100),
    placeDescription: optionalText(500),
    occurredAt: caseMomentField,
    reportedAt: caseMomentField,
    title: requiredText(200),
    narrative: optionalText(20_000),
    isNarrativeShareable: z.boolean(),
    narrativeHandlingCode: z.enum(handlingCode.enumValues, 'validation.invalidChoice'),
    narrativeHandlingNote: optionalText(500),
    people: z.array(personSchema).max(maxPeoplePerCase, 'cases.validation.tooManyPeople'),
  })
  .superRefine((details, context) => {
    if (details.narrativeHandlingCode === 'H3' && details.narrativeHandlingNote === '') {
      context.addIssue({ code: 'custom', path: ['narrativeHandlingNote'], message: 'cooperation.validation.h3NeedsNote' });
    }
    // Both are valid moments here or their own fields already said why not; same-format strings compare in time order.
    const occurredAt = caseMomentField.safeParse(details.occurredAt).success ? details.occurredAt : null;
    if (occurredAt && caseMomentField.safeParse(details.reportedAt).success && details.reportedAt < occurredAt) {
      context.addIssue({ code: 'custom', path: ['reportedAt'], message: 'cases.validation.reportedBeforeOccurred' });
    }
    // The title is on the national list that governors and the ministry read, which promises no personal data.
    if (mentionsAnyone(details.title, details.people)) {
      context.addIssue({ code: 'custom', path: ['title'], message: 'cases.validation.namesInTitle' });
    }
    // A person cannot have been detained or released for a case before the day it happened.
    details.people.forEach((person, index) => {
      if (occurredAt && person.detentionChangedAt !== '' && person.detentionChangedAt.slice(0, 10) < occurredAt.slice(0, 10)) {
        context.addIssue({ code: 'custom', path: ['people', index, 'detentionChangedAt'], message: 'cases.validation.detentionBeforeOccurrence' });
      }
      // A detainee is told of the right once in custody, not before.
      const rightsInformedAt = person.rightsInformedAt ?? '';
      if (rightsInformedAt !== '' && person.detentionChangedAt !== '' && rightsInformedAt < person.detentionChangedAt) {
        context.addIssue({ code: 'custom', path: ['people', index, 'rightsInformedAt'], message: 'cases.validation.rightsBeforeDetention' });
      }
    });
  });

export const createCaseSchema = caseDetailsSchema;
export type CreateCaseInput = z.infer<typeof createCaseSchema>;
export type PersonInput = z.infer<typeof personSchema>;

export const updateCaseSchema = z.object({
  caseId: z.uuid(),
  version: z.number().int().positive(),
  details: caseDetailsSchema,
});
export type UpdateCaseInput = z.infer<typeof updateCaseSchema>;

export const changeCaseStatusSchema = z
  .object({
    caseId: z.uuid(),
    version: z.number().int().positive(),
    status: z.enum(caseStatus.enumValues, 'validation.invalidChoice'),
    closureReason: z.union([z.literal(''), z.enum(closureReasons)], 'validation.invalidChoice'),
  })
  .superRefine((input, context) => {
    if (input.status === 'closed' && input.closureReason === '') {
      context.addIssue({ code: 'custom', path: ['closureReason'], message: 'cases.validation.closureReasonNeeded' });
    }
  });
export type ChangeCaseStatusInput = z.infer<typeof changeCaseStatusSchema>;

export const addCaseNoteSchema = z.object({ caseId: z.uuid(), body: requiredText(5000) });
export type AddCaseNoteInput = z.infer<typeof addCaseNoteSchema>;

export const assignCaseSchema = z.object({
  caseId: z.uuid(),
  version: z.number().int().positive(),
  assigneeId: z.union([z.literal(''), z.uuid()]),
});
export type AssignCaseInput = z.infer<typeof assignCaseSchema>;

export const possibleMatchSchema = z.object({
  idDocumentNumber: z.string().trim().max(50).optional(),
  name: z.string().trim().max(200).optional(),
  excludeCaseId: z.uuid().optional(),
});
export type PossibleMatchInput = z.infer<typeof possibleMatchSchema>;

/** The case list's filters in its URL (lib/search-params.ts parses them, dropping and naming what it cannot read). */
export const caseListFilterFields = {
  q: textFilter(100),
  status: z.enum(caseStatus.enumValues).optional(),
  crimeType: z.enum(crimeType.enumValues).optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  detained: z.enum(['1']).optional(),
  from: filterDayField.optional(),
  to: filterDayField.optional(),
  mine: z.enum(['1']).optional(),
  province: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  sort: z.enum(['reported', 'updated']).default('reported'),
  // Checked again when decoded: a cursor that does not decode restarts from the first page (lib/cases/queries.ts).
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/).optional(),
};
export const caseListFiltersSchema = z.object(caseListFilterFields);
export type CaseListFilters = z.infer<typeof caseListFiltersSchema>;

/** The case list's filters from a page's search params, and the names of those that were not understood. */
export function caseListFiltersFrom(searchParams: PageSearchParams): ParsedFilters<typeof caseListFilterFields> {
  return parseFilters(caseListFilterFields, searchParams);
}
