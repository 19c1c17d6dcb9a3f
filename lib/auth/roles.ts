import type { OrganisationKind, Role } from '@/db/schema';

export const roles = [
  'police_officer',
  'police_supervisor',
  'embassy_liaison',
  'governor_viewer',
  'ministry_analyst',
  'admin',
  'organisation_admin',
] as const satisfies readonly Role[];

/** The organisations that may have an administrator of their own: every kind but the platform (its admins keep everything). */
const administeredKinds = ['police', 'embassy', 'governor_office', 'ministry'] as const satisfies readonly OrganisationKind[];

/**
 * Which kinds of organisation each role belongs to; a user's role must fit their organisation. Every role but
 * the organisation administrator belongs to one kind; that one belongs to whichever organisation it runs.
 */
export const organisationKindsOfRole: Record<Role, readonly OrganisationKind[]> = {
  police_officer: ['police'],
  police_supervisor: ['police'],
  embassy_liaison: ['embassy'],
  governor_viewer: ['governor_office'],
  ministry_analyst: ['ministry'],
  admin: ['platform'],
  organisation_admin: administeredKinds,
};

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return organisationKindsOfRole[role].includes(kind);
}
