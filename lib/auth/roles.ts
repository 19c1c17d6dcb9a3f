import type { OrganisationKind, Role } from '@/db/schema';

export const roles = [
  'police_officer',
  'police_supervisor',
  'embassy_liaison',
  'governor_viewer',
  'ministry_analyst',
  'admin',
] as const satisfies readonly Role[];

/** Which kind of organisation each role belongs to; a user's role must fit their organisation. */
export const organisationKindOfRole: Record<Role, OrganisationKind> = {
  police_officer: 'police',
  police_supervisor: 'police',
  embassy_liaison: 'embassy',
  governor_viewer: 'governor_office',
  ministry_analyst: 'ministry',
  admin: 'platform',
};
