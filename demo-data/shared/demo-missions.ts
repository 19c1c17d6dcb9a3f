import type { foreignMissions, MissionType } from '@/db/schema';
import type { DemoOrganisationSlug } from './demo-organisations';

type MissionInsert = typeof foreignMissions.$inferInsert;

export interface DemoMission extends Required<Pick<MissionInsert, 'slug' | 'countryCode' | 'nameEn' | 'nameKm' | 'nameZh' | 'city'>> {
  missionType: MissionType;
  email: string | null;
  phone: string | null;
  fax: string | null;
  /** The organisation on CaseBridge that receives its notifications; absent: off CaseBridge (contacts only). */
  organisationSlug?: DemoOrganisationSlug;
  /** A post's consular district; an embassy covers what no post of its country covers. */
  provinceCodes: readonly string[];
}

/**
 * The directory of foreign missions of the demo. On a fresh database migration 0027 found no organisations to copy,
 * so the seed writes it: the three embassies on CaseBridge (their slugs are those 0027 gave them on older
 * databases, so a second seed adds nothing), Viet Nam's consulate-general in Preah Sihanouk (on CaseBridge), and
 * missions off CaseBridge whose contacts are fictional — `.example` addresses (RFC 2606) and `+855 23 000 …`,
 * `+855 53 000 …` numbers nobody answers.
 */
export const demoMissions: readonly DemoMission[] = [
  {
    slug: 'embassy-cn',
    countryCode: 'CN',
    missionType: 'embassy',
    nameEn: "Embassy of the People's Republic of China",
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋប្រជាមានិតចិន',
    nameZh: '中华人民共和国驻柬埔寨王国大使馆',
    city: 'Phnom Penh',
    email: 'consular.duty@cn.embassy.demo',
    phone: null,
    fax: null,
    organisationSlug: 'embassy-cn',
    provinceCodes: [],
  },
  {
    slug: 'embassy-vn',
    countryCode: 'VN',
    missionType: 'embassy',
    nameEn: 'Embassy of Viet Nam',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋសង្គមនិយមវៀតណាម',
    nameZh: '越南驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular.duty@vn.embassy.demo',
    phone: null,
    fax: null,
    organisationSlug: 'embassy-vn',
    provinceCodes: [],
  },
  {
    slug: 'consulate-general-vn-sihanoukville',
    countryCode: 'VN',
    missionType: 'consulate_general',
    nameEn: 'Consulate-General of Viet Nam in Preah Sihanouk',
    nameKm: 'អគ្គកុងស៊ុលវៀតណាមប្រចាំខេត្តព្រះសីហនុ',
    nameZh: '越南驻西哈努克总领事馆',
    city: 'Sihanoukville',
    email: 'consular.duty@vn-cg-psn.embassy.demo',
    phone: null,
    fax: null,
    organisationSlug: 'embassy-vn-cg-psn',
    provinceCodes: ['PSN', 'KKG'],
  },
  {
    slug: 'embassy-th',
    countryCode: 'TH',
    missionType: 'embassy',
    nameEn: 'Royal Thai Embassy',
    nameKm: 'ស្ថានទូតព្រះរាជាណាចក្រថៃ',
    nameZh: '泰王国驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular.duty@th.embassy.demo',
    phone: null,
    fax: null,
    organisationSlug: 'embassy-th',
    provinceCodes: [],
  },
  {
    // Off CaseBridge: Battambang's Thai nationals are the honorary consul's; CaseBridge still tells the embassy.
    slug: 'honorary-consul-th-battambang',
    countryCode: 'TH',
    missionType: 'honorary_consul',
    nameEn: 'Honorary Consul of Thailand in Battambang',
    nameKm: 'កុងស៊ុលកិត្តិយសថៃប្រចាំខេត្តបាត់ដំបង',
    nameZh: '泰国驻马德望名誉领事',
    city: 'Battambang',
    email: 'honorary.consul@th-btb.mission.example',
    phone: '+855 53 000 001',
    fax: null,
    provinceCodes: ['BTB'],
  },
  {
    slug: 'embassy-id',
    countryCode: 'ID',
    missionType: 'embassy',
    nameEn: 'Embassy of the Republic of Indonesia',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋឥណ្ឌូនេស៊ី',
    nameZh: '印度尼西亚共和国驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular@id.mission.example',
    phone: '+855 23 000 001',
    fax: '+855 23 000 101',
    provinceCodes: [],
  },
  {
    slug: 'embassy-my',
    countryCode: 'MY',
    missionType: 'embassy',
    nameEn: 'Embassy of Malaysia',
    nameKm: 'ស្ថានទូតម៉ាឡេស៊ី',
    nameZh: '马来西亚驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular@my.mission.example',
    phone: '+855 23 000 002',
    fax: '+855 23 000 102',
    provinceCodes: [],
  },
  {
    slug: 'embassy-ph',
    countryCode: 'PH',
    missionType: 'embassy',
    nameEn: 'Embassy of the Republic of the Philippines',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋហ្វីលីពីន',
    nameZh: '菲律宾共和国驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular@ph.mission.example',
    phone: '+855 23 000 003',
    fax: null,
    provinceCodes: [],
  },
  {
    slug: 'embassy-mm',
    countryCode: 'MM',
    missionType: 'embassy',
    nameEn: 'Embassy of the Republic of the Union of Myanmar',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋសហភាពមីយ៉ាន់ម៉ា',
    nameZh: '缅甸联邦共和国驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular@mm.mission.example',
    phone: '+855 23 000 004',
    fax: '+855 23 000 104',
    provinceCodes: [],
  },
  {
    slug: 'embassy-la',
    countryCode: 'LA',
    missionType: 'embassy',
    nameEn: 'Embassy of the Lao People’s Democratic Republic',
    nameKm: 'ស្ថានទូតសាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ',
    nameZh: '老挝人民民主共和国驻柬埔寨大使馆',
    city: 'Phnom Penh',
    email: 'consular@la.mission.example',
    phone: '+855 23 000 005',
    fax: null,
    provinceCodes: [],
  },
];
