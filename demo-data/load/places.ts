import type { CrimeType } from '@/db/schema';
import { demoPlaces, type DemoPlace, type DemoProvinceCode } from '@/demo-data/shared/demo-places';

/**
 * The demo seed knows real places in Koh Kong, Preah Sihanouk and Phnom Penh; for the other provinces the
 * load uses the provincial town (and a border town where there is one) with the kinds of places cases
 * happen at. Districts are real municipalities (krong); communes are given only where they are well known.
 */
const towns: Record<string, readonly { district: string; commune: string; road: string; isBorder?: boolean }[]> = {
  BMC: [
    { district: 'Serei Saophoan', commune: 'Preah Ponlea', road: 'National Road 5' },
    { district: 'Poipet', commune: 'Poipet', road: 'National Road 5', isBorder: true },
  ],
  BTB: [
    { district: 'Battambang', commune: 'Svay Por', road: 'National Road 5' },
    { district: 'Kamrieng', commune: 'Kamrieng', road: 'National Road 57', isBorder: true },
  ],
  KCM: [{ district: 'Kampong Cham', commune: 'Veal Vong', road: 'National Road 7' }],
  KCH: [{ district: 'Kampong Chhnang', commune: 'Phsar Chhnang', road: 'National Road 5' }],
  KSP: [{ district: 'Chbar Mon', commune: 'Chbar Mon', road: 'National Road 4' }],
  KTM: [{ district: 'Stueng Saen', commune: 'Kampong Thum', road: 'National Road 6' }],
  KPT: [{ district: 'Kampot', commune: 'Kampong Kandal', road: 'National Road 3' }],
  KDL: [
    { district: 'Ta Khmau', commune: 'Ta Khmau', road: 'National Road 2' },
    { district: 'Ponhea Lueu', commune: 'Prek Pnov', road: 'National Road 5' },
  ],
  KEP: [{ district: 'Kep', commune: 'Kep', road: 'National Road 33' }],
  KRT: [{ district: 'Kratie', commune: 'Kracheh', road: 'National Road 7' }],
  MDK: [{ district: 'Saen Monourom', commune: 'Monourom', road: 'National Road 76' }],
  OMC: [
    { district: 'Samraong', commune: 'Samraong', road: 'National Road 68' },
    { district: 'Samraong', commune: "O'Smach", road: 'National Road 68', isBorder: true },
  ],
  PLN: [{ district: 'Pailin', commune: 'Pailin', road: 'National Road 57', isBorder: true }],
  PVH: [{ district: 'Tbaeng Mean Chey', commune: 'Kampong Pranak', road: 'National Road 62' }],
  PVG: [{ district: 'Prey Veng', commune: 'Kampong Leav', road: 'National Road 11' }],
  PST: [{ district: 'Pursat', commune: 'Phteah Prey', road: 'National Road 5' }],
  RTK: [{ district: 'Banlung', commune: 'Labansiek', road: 'National Road 78' }],
  SRP: [
    { district: 'Siem Reap', commune: 'Sala Kamraeuk', road: 'National Road 6' },
    { district: 'Siem Reap', commune: 'Svay Dankum', road: 'National Road 6' },
  ],
  STG: [{ district: 'Stueng Traeng', commune: 'Stueng Traeng', road: 'National Road 7' }],
  SVR: [
    { district: 'Svay Rieng', commune: 'Svay Rieng', road: 'National Road 1' },
    { district: 'Bavet', commune: 'Bavet', road: 'National Road 1', isBorder: true },
  ],
  TKO: [{ district: 'Doun Kaev', commune: 'Roka Knong', road: 'National Road 2' }],
  TBK: [{ district: 'Suong', commune: 'Suong', road: 'National Road 7' }],
};

function placesOf(town: (typeof towns)[string][number]): DemoPlace[] {
  const { district, commune, road } = town;
  const where = { district, commune };
  const places: DemoPlace[] = [
    { ...where, name: `${district} bus station`, description: `Bus station of ${district} town, ticket office and waiting hall`, crimeTypes: ['human_trafficking', 'drug_trafficking', 'other'] },
    { ...where, name: `${district} market`, description: `Stalls around the central market of ${district}`, crimeTypes: ['fraud_extortion', 'drug_trafficking', 'other'] },
    { ...where, name: `a guesthouse in ${district}`, description: `Guesthouse on a side street of ${district} town`, crimeTypes: ['drug_trafficking', 'human_trafficking', 'kidnapping', 'other'] },
    { ...where, name: `a rented villa in ${district}`, description: `Rented villa behind a high wall on the edge of ${district} town`, crimeTypes: ['online_scam', 'kidnapping', 'fraud_extortion'] },
    { ...where, name: `a karaoke bar in ${district}`, description: `Karaoke bar on ${road} in ${district}`, crimeTypes: ['human_trafficking', 'drug_trafficking'] },
    { ...where, name: `the ${road} checkpoint`, description: `Police checkpoint on ${road} outside ${district}`, crimeTypes: ['drug_trafficking', 'human_trafficking'] },
  ];
  if (town.isBorder) {
    places.push(
      { ...where, name: `the ${commune} border crossing`, description: `International border checkpoint at ${commune}, inbound inspection lane`, crimeTypes: ['drug_trafficking', 'human_trafficking', 'other'] },
      { ...where, name: `a casino hotel in ${commune}`, description: `Casino hotel complex near the ${commune} border crossing, upper floors fitted out as offices`, crimeTypes: ['online_scam', 'kidnapping', 'fraud_extortion', 'human_trafficking'] },
    );
  }
  return places;
}

export type PlacesByCrime = ReadonlyMap<CrimeType, readonly DemoPlace[]>;

/** For every province, the places each crime type can happen at (never empty). */
export function placesByProvince(provinceCodes: readonly string[]): Map<string, PlacesByCrime> {
  const result = new Map<string, PlacesByCrime>();
  for (const code of provinceCodes) {
    const places = code in demoPlaces ? demoPlaces[code as DemoProvinceCode] : (towns[code] ?? [{ district: code, commune: code, road: 'the national road' }]).flatMap(placesOf);
    const byCrime = new Map<CrimeType, readonly DemoPlace[]>();
    for (const place of places) for (const crimeType of place.crimeTypes) byCrime.set(crimeType, [...(byCrime.get(crimeType) ?? []), place]);
    // Any place will do for a crime type no place lists.
    for (const crimeType of ['human_trafficking', 'drug_trafficking', 'online_scam', 'kidnapping', 'fraud_extortion', 'other'] as const) {
      if (!byCrime.has(crimeType)) byCrime.set(crimeType, places);
    }
    result.set(code, byCrime);
  }
  return result;
}
