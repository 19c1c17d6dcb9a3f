import type { CrimeType } from '@/db/schema';
import type { DemoNationality } from '@/demo-data/shared/demo-names';

import { WeightedTable } from './weights';

/**
 * The national mix of the load data. The demo seed's mix covers three coastal and capital provinces; the
 * country as a whole has more drug cases inland and the scam compounds along the coast and the border towns.
 */

/** Provinces with scam compounds and casinos: the coast, the capital and the main border crossings. */
const hotspotProvinces = new Set(['PNH', 'PSN', 'KKG', 'BMC', 'SVR', 'KDL', 'OMC', 'PLN']);

const hotspotCrimes = WeightedTable.fromRecord<CrimeType>({
  online_scam: 30,
  human_trafficking: 20,
  drug_trafficking: 18,
  kidnapping: 8,
  fraud_extortion: 14,
  other: 10,
});
const inlandCrimes = WeightedTable.fromRecord<CrimeType>({
  online_scam: 8,
  human_trafficking: 20,
  drug_trafficking: 37,
  kidnapping: 5,
  fraud_extortion: 15,
  other: 15,
});

export function crimeTableOf(provinceCode: string): WeightedTable<CrimeType> {
  return hotspotProvinces.has(provinceCode) ? hotspotCrimes : inlandCrimes;
}

export interface Cast {
  suspects: readonly [number, number];
  victims: readonly [number, number];
  suspectNationalities: WeightedTable<DemoNationality>;
  victimNationalities: WeightedTable<DemoNationality>;
  /** Share of suspects taken into custody when the case is reported. */
  detentionAtReport: number;
  /** Share of victims whose documents were with them (scam and trafficking victims often had theirs taken). */
  victimDocumentChance: number;
  femaleVictimShare: number;
  /** Chance of a witness. */
  witnessChance: number;
}

const nationalities = (weights: Partial<Record<DemoNationality, number>>) => WeightedTable.fromRecord<DemoNationality>(weights);
const noVictims = nationalities({ KH: 1 });

export const casts: Record<CrimeType, Cast> = {
  online_scam: {
    suspects: [1, 2],
    victims: [1, 3],
    suspectNationalities: nationalities({ CN: 50, KH: 15, VN: 10, MY: 8, TH: 5, XX: 4, ID: 3 }),
    victimNationalities: nationalities({ CN: 15, VN: 20, TH: 15, ID: 15, MM: 10, MY: 8, PH: 8, LA: 5, KH: 4 }),
    detentionAtReport: 0.45,
    victimDocumentChance: 0.45,
    femaleVictimShare: 0.45,
    witnessChance: 0.3,
  },
  human_trafficking: {
    suspects: [1, 2],
    victims: [1, 3],
    suspectNationalities: nationalities({ KH: 40, CN: 30, VN: 15, TH: 10, XX: 5 }),
    victimNationalities: nationalities({ KH: 25, VN: 20, TH: 15, MM: 12, ID: 10, LA: 8, CN: 6, PH: 4 }),
    detentionAtReport: 0.5,
    victimDocumentChance: 0.4,
    femaleVictimShare: 0.6,
    witnessChance: 0.3,
  },
  drug_trafficking: {
    suspects: [1, 3],
    victims: [0, 0],
    suspectNationalities: nationalities({ KH: 45, TH: 18, VN: 15, LA: 10, CN: 8, MM: 4 }),
    victimNationalities: noVictims,
    detentionAtReport: 0.75,
    victimDocumentChance: 0,
    femaleVictimShare: 0,
    witnessChance: 0.35,
  },
  kidnapping: {
    suspects: [1, 2],
    victims: [1, 1],
    suspectNationalities: nationalities({ CN: 55, KH: 25, VN: 10, XX: 10 }),
    victimNationalities: nationalities({ CN: 60, VN: 15, MY: 10, KH: 10, TH: 5 }),
    detentionAtReport: 0.6,
    victimDocumentChance: 0.6,
    femaleVictimShare: 0.35,
    witnessChance: 0.3,
  },
  fraud_extortion: {
    suspects: [0, 2],
    victims: [1, 1],
    suspectNationalities: nationalities({ KH: 40, CN: 28, VN: 14, TH: 10, XX: 8 }),
    victimNationalities: nationalities({ KH: 35, CN: 20, VN: 15, TH: 10, MY: 10, PH: 10 }),
    detentionAtReport: 0.35,
    victimDocumentChance: 0.8,
    femaleVictimShare: 0.5,
    witnessChance: 0.3,
  },
  other: {
    suspects: [1, 1],
    victims: [0, 1],
    suspectNationalities: nationalities({ KH: 50, CN: 15, VN: 15, TH: 10, XX: 10 }),
    victimNationalities: nationalities({ KH: 50, CN: 15, VN: 15, TH: 10, PH: 10 }),
    detentionAtReport: 0.4,
    victimDocumentChance: 0.8,
    femaleVictimShare: 0.4,
    witnessChance: 0.3,
  },
};

export const witnessNationalities = nationalities({ KH: 80, CN: 10, VN: 10 });

/** The embassies the load makes sure exist: one per foreign nationality the generator uses. */
export const loadEmbassies = [
  { countryCode: 'CN', nameEn: "Embassy of the People's Republic of China", nameKm: 'ស្ថានទូតសាធារណរដ្ឋប្រជាមានិតចិន', nameZh: '中华人民共和国驻柬埔寨大使馆', language: 'Mandarin' },
  { countryCode: 'VN', nameEn: 'Embassy of Viet Nam', nameKm: 'ស្ថានទូតសាធារណរដ្ឋសង្គមនិយមវៀតណាម', nameZh: '越南驻柬埔寨大使馆', language: 'Vietnamese' },
  { countryCode: 'TH', nameEn: 'Royal Thai Embassy', nameKm: 'ស្ថានទូតព្រះរាជាណាចក្រថៃ', nameZh: '泰王国驻柬埔寨大使馆', language: 'Thai' },
  { countryCode: 'ID', nameEn: 'Embassy of the Republic of Indonesia', nameKm: 'ស្ថានទូតសាធារណរដ្ឋឥណ្ឌូណេស៊ី', nameZh: '印度尼西亚驻柬埔寨大使馆', language: 'Indonesian' },
  { countryCode: 'MM', nameEn: 'Embassy of the Republic of the Union of Myanmar', nameKm: 'ស្ថានទូតមីយ៉ាន់ម៉ា', nameZh: '缅甸驻柬埔寨大使馆', language: 'Burmese' },
  { countryCode: 'MY', nameEn: 'High Commission of Malaysia', nameKm: 'ស្ថានទូតម៉ាឡេស៊ី', nameZh: '马来西亚驻柬埔寨大使馆', language: 'Malay' },
  { countryCode: 'LA', nameEn: "Embassy of the Lao People's Democratic Republic", nameKm: 'ស្ថានទូតសាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ', nameZh: '老挝驻柬埔寨大使馆', language: 'Lao' },
  { countryCode: 'PH', nameEn: 'Embassy of the Republic of the Philippines', nameKm: 'ស្ថានទូតសាធារណរដ្ឋហ្វីលីពីន', nameZh: '菲律宾驻柬埔寨大使馆', language: 'Filipino' },
] as const;
