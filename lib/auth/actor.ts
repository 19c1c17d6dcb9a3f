import type { Locale } from '@/lib/i18n/locales';
import type { OrganisationKind, Role } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

/** The signed-in user as every data-access function sees them: identity plus the scope they act in. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: LocalizedNames;
  /** Province of a police force or governor's office. */
  provinceCode: string | null;
  /** Country an embassy represents. */
  countryCode: string | null;
  locale: Locale;
  /** Set for a one-time password: the user may do nothing but choose their own password. */
  mustChangePassword: boolean;
  /** Two-step sign-in (an authenticator app's codes) is on for this account. */
  hasSecondFactor: boolean;
  /** An admin, or a user of an organisation that requires it: without a second factor they may only set one up. */
  isSecondFactorRequired: boolean;
}
