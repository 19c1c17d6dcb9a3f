import type { CrimeType } from '@/db/schema';

export type DemoProvinceCode = 'KKG' | 'PSN' | 'PNH';

export interface DemoPlace {
  district: string;
  commune: string;
  /** How a title refers to the place ("Cham Yeam border checkpoint"). */
  name: string;
  description: string;
  /** The crimes that plausibly happen here; cases pick places that fit their crime type. */
  crimeTypes: readonly CrimeType[];
}

/** Real districts (khan/srok) and communes (sangkat/khum) of the three demo provinces. */
export const demoPlaces: Record<DemoProvinceCode, readonly DemoPlace[]> = {
  KKG: [
    {
      district: 'Mondol Seima',
      commune: 'Bak Khlang',
      name: 'Cham Yeam border checkpoint',
      description: 'International border checkpoint at Cham Yeam on National Road 48, inbound vehicle inspection lane',
      crimeTypes: ['drug_trafficking', 'human_trafficking', 'other'],
    },
    {
      district: 'Mondol Seima',
      commune: 'Bak Khlang',
      name: 'the Koh Kong Special Economic Zone',
      description: 'Worker dormitories inside the Koh Kong Special Economic Zone, Neang Kok village',
      crimeTypes: ['human_trafficking', 'online_scam', 'fraud_extortion'],
    },
    {
      district: 'Mondol Seima',
      commune: 'Bak Khlang',
      name: 'a casino hotel near the Thai border',
      description: 'Casino hotel complex a few hundred metres from the Cham Yeam crossing',
      crimeTypes: ['online_scam', 'kidnapping', 'fraud_extortion'],
    },
    {
      district: 'Botum Sakor',
      commune: 'Thma Sa',
      name: 'a gated compound in Thma Sa',
      description: 'Walled compound of four-storey buildings off National Road 48, Thma Sa commune',
      crimeTypes: ['online_scam', 'human_trafficking', 'kidnapping'],
    },
    {
      district: 'Botum Sakor',
      commune: 'Andoung Tuek',
      name: 'the Andoung Tuek checkpoint',
      description: 'Roadside police checkpoint at Andoung Tuek on National Road 48',
      crimeTypes: ['drug_trafficking', 'human_trafficking'],
    },
    {
      district: 'Kiri Sakor',
      commune: 'Phnhi Meas',
      name: 'the Dara Sakor coastal development',
      description: 'Apartment blocks in the Dara Sakor coastal development, Kiri Sakor',
      crimeTypes: ['online_scam', 'human_trafficking', 'kidnapping', 'fraud_extortion'],
    },
    {
      district: 'Kiri Sakor',
      commune: 'Kaoh Sdach',
      name: 'the Koh Sdach fishing pier',
      description: 'Fishing pier on Koh Sdach island',
      crimeTypes: ['drug_trafficking', 'human_trafficking', 'other'],
    },
    {
      district: 'Khemarak Phoumin',
      commune: 'Smach Mean Chey',
      name: 'Koh Kong town market',
      description: 'Central market of Khemarak Phoumin town, river side',
      crimeTypes: ['fraud_extortion', 'drug_trafficking', 'other'],
    },
    {
      district: 'Khemarak Phoumin',
      commune: 'Dang Tong',
      name: 'a guesthouse by the Koh Kong bridge',
      description: 'Guesthouse near the Koh Kong bridge over the Kaoh Pao river',
      crimeTypes: ['drug_trafficking', 'human_trafficking', 'other'],
    },
    {
      district: 'Srae Ambel',
      commune: 'Srae Ambel',
      name: 'the Srae Ambel junction',
      description: 'Bus stop and petrol station at the Srae Ambel junction on National Road 4',
      crimeTypes: ['drug_trafficking', 'human_trafficking', 'kidnapping'],
    },
    {
      district: 'Thma Bang',
      commune: 'Chi Phat',
      name: 'Chi Phat village',
      description: 'Homestay area of Chi Phat village on the Piphot river',
      crimeTypes: ['fraud_extortion', 'other'],
    },
    {
      district: 'Koh Kong',
      commune: 'Ta Tai Kraom',
      name: 'the Tatai river',
      description: 'Riverside resort on the Tatai river',
      crimeTypes: ['drug_trafficking', 'other'],
    },
  ],
  PSN: [
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Buon',
      name: 'Otres Beach',
      description: 'Condominium block behind Otres Beach 2',
      crimeTypes: ['online_scam', 'kidnapping', 'human_trafficking'],
    },
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Buon',
      name: 'Ochheuteal Beach',
      description: 'Casino hotel on the Ochheuteal Beach road',
      crimeTypes: ['fraud_extortion', 'kidnapping', 'online_scam', 'drug_trafficking'],
    },
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Buon',
      name: 'the Golden Lions roundabout',
      description: 'Flat above a money-transfer shop near the Golden Lions roundabout',
      crimeTypes: ['fraud_extortion', 'online_scam'],
    },
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Pir',
      name: 'Victory Hill',
      description: 'Guesthouse on Victory Hill',
      crimeTypes: ['drug_trafficking', 'other'],
    },
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Muoy',
      name: 'Sihanoukville Autonomous Port',
      description: 'Container yard of the Sihanoukville Autonomous Port',
      crimeTypes: ['drug_trafficking', 'other'],
    },
    {
      district: 'Sihanoukville',
      commune: 'Sangkat Bei',
      name: 'a high-rise off Ekareach Street',
      description: 'Unfinished high-rise off Ekareach Street, upper floors fitted out as offices',
      crimeTypes: ['online_scam', 'kidnapping', 'human_trafficking'],
    },
    {
      district: 'Prey Nob',
      commune: 'Bet Trang',
      name: 'the Sihanoukville Special Economic Zone',
      description: 'Worker dormitories in the Sihanoukville Special Economic Zone',
      crimeTypes: ['human_trafficking', 'fraud_extortion', 'online_scam'],
    },
    {
      district: 'Prey Nob',
      commune: 'Ream',
      name: 'Sihanouk International Airport',
      description: 'Arrivals hall of Sihanouk International Airport',
      crimeTypes: ['human_trafficking', 'drug_trafficking', 'other'],
    },
    {
      district: 'Prey Nob',
      commune: 'Ou Oknha Heng',
      name: 'a compound on National Road 4',
      description: 'Fenced compound of dormitory buildings along National Road 4',
      crimeTypes: ['online_scam', 'human_trafficking', 'kidnapping'],
    },
    {
      district: 'Stueng Hav',
      commune: 'Ou Treh',
      name: 'the Stueng Hav fishing port',
      description: 'Fishing boats moored at the Stueng Hav port',
      crimeTypes: ['drug_trafficking', 'human_trafficking'],
    },
    {
      district: 'Kaoh Rung',
      commune: 'Kaoh Rung',
      name: 'Koh Rong island',
      description: 'Guesthouse in Koh Touch village, Koh Rong',
      crimeTypes: ['drug_trafficking', 'other'],
    },
    {
      district: 'Kampong Seila',
      commune: 'Stueng Chhay',
      name: 'the Kampong Seila checkpoint',
      description: 'Police checkpoint on National Road 4 near the Kampong Seila pass',
      crimeTypes: ['drug_trafficking', 'human_trafficking'],
    },
  ],
  PNH: [
    {
      district: 'Doun Penh',
      commune: 'Phsar Thmei Muoy',
      name: 'the Central Market',
      description: 'Bus company office near the Central Market',
      crimeTypes: ['human_trafficking', 'fraud_extortion', 'drug_trafficking'],
    },
    {
      district: 'Doun Penh',
      commune: 'Chey Chumneas',
      name: 'Sisowath Quay',
      description: 'Guesthouse on Sisowath Quay',
      crimeTypes: ['drug_trafficking', 'fraud_extortion', 'other'],
    },
    {
      district: 'Chamkar Mon',
      commune: 'Tonle Basak',
      name: 'Koh Pich',
      description: 'Serviced apartment on Koh Pich (Diamond Island)',
      crimeTypes: ['online_scam', 'fraud_extortion', 'kidnapping'],
    },
    {
      district: 'Boeng Keng Kang',
      commune: 'Boeng Keng Kang Muoy',
      name: 'an office block in Boeng Keng Kang',
      description: 'Rented office floor in Boeng Keng Kang',
      crimeTypes: ['online_scam', 'fraud_extortion'],
    },
    {
      district: 'Prampir Meakkakra',
      commune: 'Ou Ruessei Muoy',
      name: 'Orussey Market',
      description: 'Electronics stalls around Orussey Market',
      crimeTypes: ['fraud_extortion', 'drug_trafficking', 'other'],
    },
    {
      district: 'Saensokh',
      commune: 'Phnom Penh Thmei',
      name: 'a villa in Sen Sok',
      description: 'Rented villa in a gated borey in Sen Sok',
      crimeTypes: ['online_scam', 'kidnapping'],
    },
    {
      district: 'Russey Keo',
      commune: 'Tuol Sangkae Muoy',
      name: 'a karaoke bar on National Road 5',
      description: 'Karaoke bar on National Road 5, Tuol Sangkae',
      crimeTypes: ['human_trafficking', 'drug_trafficking'],
    },
    {
      district: 'Chbar Ampov',
      commune: 'Nirouth',
      name: 'Chbar Ampov market',
      description: 'Guesthouse near Chbar Ampov market on National Road 1',
      crimeTypes: ['drug_trafficking', 'human_trafficking'],
    },
    {
      district: 'Chraoy Chongvar',
      commune: 'Chrouy Changvar',
      name: 'the Chroy Changvar peninsula',
      description: 'Apartment tower on the Chroy Changvar peninsula',
      crimeTypes: ['online_scam', 'fraud_extortion', 'kidnapping'],
    },
    {
      district: 'Tuol Kouk',
      commune: 'Boeng Kak Muoy',
      name: 'a shophouse in Tuol Kouk',
      description: 'Shophouse on a side street in Boeng Kak',
      crimeTypes: ['fraud_extortion', 'drug_trafficking', 'other'],
    },
    {
      district: 'Mean Chey',
      commune: 'Stueng Mean Chey Muoy',
      name: 'Stueng Mean Chey',
      description: 'Rented room at a guesthouse in Stueng Mean Chey',
      crimeTypes: ['drug_trafficking', 'other'],
    },
  ],
};
