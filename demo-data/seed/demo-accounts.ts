import type { locale } from '@/db/schema';
import type { Role } from '@/db/schema';
import type { DemoOrganisationSlug } from '@/demo-data/shared/demo-organisations';

export interface DemoAccount {
  name: string;
  email: string;
  /** Demo only: these are published in the README and used by the end-to-end tests. */
  password: string;
  role: Role;
  organisationSlug: DemoOrganisationSlug;
  preferredLocale: (typeof locale.enumValues)[number];
  isActive: boolean;
  /**
   * Demo only, published in the README: two-step sign-in is on with this authenticator secret (base32), so
   * anyone trying the demo can add it to an app or run `npm run totp -- <email>` for the current code.
   */
  totpSecret?: string;
}

export const demoAccounts = [
  {
    name: 'Sokha Chan',
    email: 'sokha.chan@kkg.police.demo',
    password: 'koh-kong-river-patrol',
    role: 'police_officer',
    organisationSlug: 'police-kkg',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Dara Meas',
    email: 'dara.meas@kkg.police.demo',
    password: 'koh-kong-night-shift-lead',
    role: 'police_supervisor',
    organisationSlug: 'police-kkg',
    preferredLocale: 'km',
    isActive: true,
  },
  {
    name: 'Vanna Keo',
    email: 'vanna.keo@psn.police.demo',
    password: 'sihanouk-harbour-watch',
    role: 'police_officer',
    organisationSlug: 'police-psn',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Rithy Sok',
    email: 'rithy.sok@pnh.police.demo',
    password: 'phnom-penh-riverside-desk',
    role: 'police_officer',
    organisationSlug: 'police-pnh',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Li Wei',
    email: 'li.wei@cn.embassy.demo',
    password: 'consular-desk-lotus-road',
    role: 'embassy_liaison',
    organisationSlug: 'embassy-cn',
    preferredLocale: 'zh-CN',
    isActive: true,
  },
  {
    name: 'Zhou Min',
    email: 'zhou.min@cn.embassy.demo',
    password: 'keys-and-accounts-jade-gate',
    role: 'organisation_admin',
    organisationSlug: 'embassy-cn',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Nguyen Thi Lan',
    email: 'nguyen.lan@vn.embassy.demo',
    password: 'consular-desk-red-river',
    role: 'embassy_liaison',
    organisationSlug: 'embassy-vn',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Somchai Prasert',
    email: 'somchai.prasert@th.embassy.demo',
    password: 'consular-desk-chao-phraya',
    role: 'embassy_liaison',
    organisationSlug: 'embassy-th',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Tran Van Minh',
    email: 'liaison@vn-cg-psn.embassy.demo',
    password: 'consular-desk-victory-beach',
    role: 'embassy_liaison',
    organisationSlug: 'embassy-vn-cg-psn',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    // A case needs the officer who recorded it: Kampong Cham's one demo case (plan-misrouted-case.ts) is his.
    name: 'Pisey Chhim',
    email: 'pisey.chhim@kcm.police.demo',
    password: 'kampong-cham-mekong-ferry',
    role: 'police_officer',
    organisationSlug: 'police-kcm',
    preferredLocale: 'km',
    isActive: true,
  },
  {
    name: 'Sophea Ly',
    email: 'sophea.ly@kkg.governor.demo',
    password: 'koh-kong-governor-briefing',
    role: 'governor_viewer',
    organisationSlug: 'governor-kkg',
    preferredLocale: 'km',
    isActive: true,
  },
  {
    name: 'Chenda Heng',
    email: 'chenda.heng@interior.demo',
    password: 'ministry-national-overview',
    role: 'ministry_analyst',
    organisationSlug: 'ministry-interior',
    preferredLocale: 'en',
    isActive: true,
  },
  {
    name: 'Platform Administrator',
    email: 'admin@casebridge.demo',
    password: 'platform-admin-keeps-the-keys',
    role: 'admin',
    organisationSlug: 'platform',
    preferredLocale: 'en',
    isActive: true,
    // Admins must have a second factor, so the demo admin comes with one already set up.
    totpSecret: '5VLJ53AUXKDF4NWRETTEWQKJOUAKAPQC',
  },
  {
    name: 'Bopha Nhem',
    email: 'bopha.nhem@kkg.police.demo',
    password: 'inactive-account-for-testing',
    role: 'police_officer',
    organisationSlug: 'police-kkg',
    preferredLocale: 'en',
    isActive: false,
  },
  {
    name: 'Training Lockout',
    email: 'lockout.training@kkg.police.demo',
    password: 'lockout-training-account',
    role: 'police_officer',
    organisationSlug: 'police-kkg',
    preferredLocale: 'en',
    isActive: true,
  },
] as const satisfies readonly DemoAccount[];

export type DemoAccountEmail = (typeof demoAccounts)[number]['email'];
