import type { organisations } from '@/db/schema';

type OrganisationInsert = typeof organisations.$inferInsert;

export type DemoOrganisation = Required<
  Pick<OrganisationInsert, 'slug' | 'kind' | 'nameEn' | 'nameKm' | 'nameZh'>
> &
  Pick<OrganisationInsert, 'provinceCode' | 'countryCode' | 'ackDeadlineHours' | 'detentionAckDeadlineHours' | 'dutyEmailAddresses'>;

const embassyDeadlines = { ackDeadlineHours: 72, detentionAckDeadlineHours: 24 } as const;

/** An embassy's fictional shared mailbox (the .demo domain does not exist): new notifications are e-mailed there too. */
const dutyMailboxOf = (country: string) => [`consular.duty@${country}.embassy.demo`];

export const demoOrganisations = [
  {
    slug: 'police-kkg',
    kind: 'police',
    nameEn: 'Koh Kong Provincial Police',
    nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តកោះកុង',
    nameZh: '戈公省警察局',
    provinceCode: 'KKG',
  },
  {
    slug: 'police-psn',
    kind: 'police',
    nameEn: 'Preah Sihanouk Provincial Police',
    nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តព្រះសីហនុ',
    nameZh: '西哈努克省警察局',
    provinceCode: 'PSN',
  },
  {
    slug: 'police-pnh',
    kind: 'police',
    nameEn: 'Phnom Penh Municipal Police',
    nameKm: 'ស្នងការដ្ឋាននគរបាលរាជធានីភ្នំពេញ',
    nameZh: '金边市警察局',
    provinceCode: 'PNH',
  },
  {
    slug: 'embassy-cn',
    kind: 'embassy',
    nameEn: "Embassy of the People's Republic of China",
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋប្រជាមានិតចិន',
    nameZh: '中华人民共和国驻柬埔寨王国大使馆',
    countryCode: 'CN',
    ...embassyDeadlines,
    dutyEmailAddresses: dutyMailboxOf('cn'),
  },
  {
    slug: 'embassy-vn',
    kind: 'embassy',
    nameEn: 'Embassy of Viet Nam',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋសង្គមនិយមវៀតណាម',
    nameZh: '越南驻柬埔寨大使馆',
    countryCode: 'VN',
    ...embassyDeadlines,
    dutyEmailAddresses: dutyMailboxOf('vn'),
  },
  {
    slug: 'embassy-th',
    kind: 'embassy',
    nameEn: 'Royal Thai Embassy',
    nameKm: 'ស្ថានទូតព្រះរាជាណាចក្រថៃ',
    nameZh: '泰王国驻柬埔寨大使馆',
    countryCode: 'TH',
    ...embassyDeadlines,
    dutyEmailAddresses: dutyMailboxOf('th'),
  },
  {
    // A consular post on CaseBridge: an embassy-kind organisation of the embassy's country, linked from its
    // directory entry (demo-data/shared/demo-missions.ts), whose district is Preah Sihanouk and Koh Kong.
    slug: 'embassy-vn-cg-psn',
    kind: 'embassy',
    nameEn: 'Consulate-General of Viet Nam in Preah Sihanouk',
    nameKm: 'អគ្គកុងស៊ុលវៀតណាមប្រចាំខេត្តព្រះសីហនុ',
    nameZh: '越南驻西哈努克总领事馆',
    countryCode: 'VN',
    ...embassyDeadlines,
    dutyEmailAddresses: dutyMailboxOf('vn-cg-psn'),
  },
  {
    slug: 'police-kcm',
    kind: 'police',
    nameEn: 'Kampong Cham Provincial Police',
    nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តកំពង់ចាម',
    nameZh: '磅湛省警察局',
    provinceCode: 'KCM',
  },
  {
    slug: 'governor-kkg',
    kind: 'governor_office',
    nameEn: "Koh Kong Provincial Governor's Office",
    nameKm: 'សាលាខេត្តកោះកុង',
    nameZh: '戈公省省长办公室',
    provinceCode: 'KKG',
  },
  {
    slug: 'ministry-interior',
    kind: 'ministry',
    nameEn: 'Ministry of Interior',
    nameKm: 'ក្រសួងមហាផ្ទៃ',
    nameZh: '柬埔寨内政部',
  },
  {
    slug: 'platform',
    kind: 'platform',
    nameEn: 'CaseBridge Platform',
    nameKm: 'វេទិកា CaseBridge',
    nameZh: 'CaseBridge 平台',
  },
] as const satisfies readonly DemoOrganisation[];

export type DemoOrganisationSlug = (typeof demoOrganisations)[number]['slug'];
