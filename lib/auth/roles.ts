import type { userRole } from '@/db/schema';

export type Role = (typeof userRole.enumValues)[number];

export const roles = [
  'police_officer',
  'police_supervisor',
  'embassy_liaison',
  'governor_viewer',
  'ministry_analyst',
  'admin',
] as const satisfies readonly Role[];

export type OrganisationKind = 'police' | 'embassy' | 'governor_office' | 'ministry' | 'platform';

/** Which kind of organisation each role belongs to; a user's role must fit their organisation. */
export const organisationKindOfRole: Record<Role, OrganisationKind> = {
  police_officer: 'police',
  police_supervisor: 'police',
  embassy_liaison: 'embassy',
  governor_viewer: 'governor_office',
  ministry_analyst: 'ministry',
  admin: 'platform',
};
