import type { IdDocumentType } from '@/db/schema';
import type { SeededRandom } from './prng';

export const demoNationalities = ['KH', 'CN', 'VN', 'TH', 'ID', 'MM', 'MY', 'LA', 'PH', 'XX'] as const;
export type DemoNationality = (typeof demoNationalities)[number];

export type DemoSex = 'female' | 'male';

export interface DemoName {
  latinName: string;
  nativeName: string | null;
}

/** [latin, native script] */
type ScriptPair = readonly [string, string];

const khmerFamilyNames: readonly ScriptPair[] = [
  ['Chan', 'ចាន់'], ['Sok', 'សុខ'], ['Keo', 'កែវ'], ['Meas', 'មាស'], ['Heng', 'ហេង'], ['Ly', 'លី'], ['Touch', 'ទូច'],
  ['Prak', 'ប្រាក់'], ['Chea', 'ជា'], ['Seng', 'សេង'], ['Kim', 'គីម'], ['Pich', 'ពេជ្រ'], ['Ouk', 'អ៊ុក'], ['Nhem', 'ញឹម'],
  ['Sun', 'ស៊ុន'], ['Mao', 'ម៉ៅ'],
];
const khmerGivenNames: Record<DemoSex, readonly ScriptPair[]> = {
  male: [
    ['Dara', 'ដារ៉ា'], ['Vanna', 'វណ្ណា'], ['Rithy', 'រិទ្ធី'], ['Vuthy', 'វុទ្ធី'], ['Sambath', 'សម្បត្តិ'], ['Kosal', 'កុសល'],
    ['Piseth', 'ពិសិដ្ឋ'], ['Makara', 'មករា'], ['Narith', 'ណារិទ្ធ'], ['Vichet', 'វិចិត្រ'], ['Sokhom', 'សុខុម'], ['Bunthoeun', 'ប៊ុនធឿន'],
  ],
  female: [
    ['Sophea', 'សុភា'], ['Chenda', 'ចិន្តា'], ['Bopha', 'បុប្ផា'], ['Sreymom', 'ស្រីមុំ'], ['Pisey', 'ពិសី'], ['Chantha', 'ចន្ថា'],
    ['Raksmey', 'រស្មី'], ['Sreyneang', 'ស្រីនាង'], ['Sreyleak', 'ស្រីលក្ខណ៍'], ['Theary', 'ធារី'], ['Sokunthea', 'សុគន្ធា'], ['Malis', 'ម្លិះ'],
  ],
};

const chineseFamilyNames: readonly ScriptPair[] = [
  ['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Huang', '黄'], ['Zhao', '赵'],
  ['Wu', '吴'], ['Zhou', '周'], ['Xu', '徐'], ['Sun', '孙'], ['Ma', '马'], ['Zhu', '朱'], ['Hu', '胡'], ['Guo', '郭'],
  ['Lin', '林'], ['He', '何'], ['Gao', '高'], ['Luo', '罗'],
];
const chineseGivenNames: Record<DemoSex, readonly ScriptPair[]> = {
  male: [
    ['Wei', '伟'], ['Lei', '磊'], ['Qiang', '强'], ['Jun', '军'], ['Yong', '勇'], ['Jie', '杰'], ['Tao', '涛'], ['Ming', '明'],
    ['Chao', '超'], ['Haoran', '浩然'], ['Yuxuan', '宇轩'], ['Jianguo', '建国'], ['Zhiqiang', '志强'], ['Jianhua', '建华'],
  ],
  female: [
    ['Fang', '芳'], ['Na', '娜'], ['Min', '敏'], ['Jing', '静'], ['Xiuying', '秀英'], ['Guiying', '桂英'], ['Zihan', '子涵'],
    ['Hongmei', '红梅'], ['Lili', '丽丽'], ['Haiyan', '海燕'], ['Xiaoyan', '晓燕'], ['Yan', '燕'],
  ],
};

const vietnameseFamilyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Huỳnh'];
const vietnameseMiddleNames: Record<DemoSex, readonly string[]> = {
  male: ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim'],
};
const vietnameseGivenNames: Record<DemoSex, readonly string[]> = {
  male: ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Long', 'Nam', 'Quang', 'Sơn', 'Tuấn', 'Thắng', 'Phúc'],
  female: ['Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Yến', 'Hạnh', 'Loan'],
};

const thaiGivenNames: Record<DemoSex, readonly ScriptPair[]> = {
  male: [
    ['Somchai', 'สมชาย'], ['Somsak', 'สมศักดิ์'], ['Prasert', 'ประเสริฐ'], ['Anan', 'อนันต์'], ['Wichai', 'วิชัย'],
    ['Chaiwat', 'ชัยวัฒน์'], ['Sombat', 'สมบัติ'], ['Kittisak', 'กิตติศักดิ์'], ['Nattapong', 'ณัฐพงษ์'], ['Thanakorn', 'ธนากร'],
  ],
  female: [
    ['Malee', 'มาลี'], ['Siriporn', 'ศิริพร'], ['Pornthip', 'พรทิพย์'], ['Suda', 'สุดา'], ['Kanya', 'กัญญา'],
    ['Nipa', 'นิภา'], ['Wanida', 'วนิดา'], ['Ratana', 'รัตนา'], ['Sukanya', 'สุกัญญา'], ['Jintana', 'จินตนา'],
  ],
};
const thaiFamilyNames: readonly ScriptPair[] = [
  ['Jaidee', 'ใจดี'], ['Srisuk', 'ศรีสุข'], ['Boonmee', 'บุญมี'], ['Thongdee', 'ทองดี'], ['Saetang', 'แซ่ตั้ง'],
  ['Rattanakorn', 'รัตนากร'], ['Sukjai', 'สุขใจ'], ['Phromma', 'พรหมมา'], ['Saelim', 'แซ่ลิ้ม'], ['Wongsawat', 'วงศ์สวัสดิ์'],
  ['Chaiyasit', 'ชัยสิทธิ์'], ['Kaewmanee', 'แก้วมณี'],
];

const indonesianGivenNames: Record<DemoSex, readonly string[]> = {
  male: ['Budi', 'Agus', 'Eko', 'Joko', 'Andi', 'Rizky', 'Dedi', 'Hendra'],
  female: ['Siti', 'Dewi', 'Rina', 'Fitri', 'Ayu', 'Putri', 'Wulan', 'Indah'],
};
const indonesianFamilyNames = ['Santoso', 'Setiawan', 'Prasetyo', 'Wijaya', 'Kusuma', 'Hidayat', 'Saputra', 'Lestari', 'Handayani', 'Rahayu'];

/** Burmese, Malaysian, Lao and Filipino names are given whole: their name order does not split into given and family. */
const wholeNames: Record<'MM' | 'MY' | 'LA' | 'PH', Record<DemoSex, readonly string[]>> = {
  MM: {
    male: ['Aung Kyaw Moe', 'Zaw Min Tun', 'Kyaw Zin Htet', 'Min Thu', 'Htet Aung', 'Soe Win Naing', 'Ye Lin Aung', 'Thura Zaw'],
    female: ['Thida Win', 'Hnin Wai', 'Su Myat Noe', 'Ei Phyu', 'Nandar Hlaing', 'Khin Myo Thu', 'May Thu Aung', 'Phyu Sin'],
  },
  MY: {
    male: ['Ahmad bin Ismail', 'Muhammad Faiz bin Rahman', 'Tan Chee Keong', 'Wong Kah Wai', 'Rajesh a/l Kumar', 'Lim Boon Hock'],
    female: ['Nur Aisyah binti Hassan', 'Lim Mei Ling', 'Siti Aminah binti Yusof', 'Tan Hui Min', 'Priya a/p Raman', 'Farah Nadia binti Kamal'],
  },
  LA: {
    male: ['Souksavanh Phommachanh', 'Bounmy Keomany', 'Somphone Vongsa', 'Khamphet Sayavong', 'Vilay Inthavong', 'Thongsavath Sihavong'],
    female: ['Khamla Sihavong', 'Phonesavanh Keophila', 'Noy Chanthavong', 'Manivone Phommasack', 'Vanh Souvannavong', 'Dalavanh Inthalath'],
  },
  PH: {
    male: ['Mark Anthony Reyes', 'Jerome Bautista', 'Ronald Villanueva', 'John Paul Ramos', 'Rodel Santos', 'Christian Mendoza'],
    female: ['Maria Cristina Santos', 'Angelica Mendoza', 'Jennifer Garcia', 'Kimberly Aquino', 'Rowena dela Cruz', 'Mary Grace Torres'],
  },
};

const aliases = ['A Long', 'Ah Hui', 'Big Brother Wang', 'Boss Lee', 'Kevin', 'Mimi', 'Tony', 'Xiao Mei', 'Captain', 'Lucky'];

/** Vietnamese passports and lists write names without diacritics; `đ` has no decomposition and is mapped by hand. */
function withoutVietnameseDiacritics(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function demoName(rng: SeededRandom, nationality: DemoNationality, sex: DemoSex): DemoName {
  switch (nationality) {
    case 'KH': {
      const [familyLatin, familyKhmer] = rng.pick(khmerFamilyNames);
      const [givenLatin, givenKhmer] = rng.pick(khmerGivenNames[sex]);
      return { latinName: `${familyLatin} ${givenLatin}`, nativeName: `${familyKhmer} ${givenKhmer}` };
    }
    case 'CN': {
      const [familyLatin, familyHanzi] = rng.pick(chineseFamilyNames);
      const [givenLatin, givenHanzi] = rng.pick(chineseGivenNames[sex]);
      return { latinName: `${familyLatin} ${givenLatin}`, nativeName: `${familyHanzi}${givenHanzi}` };
    }
    case 'VN': {
      const nativeName = `${rng.pick(vietnameseFamilyNames)} ${rng.pick(vietnameseMiddleNames[sex])} ${rng.pick(vietnameseGivenNames[sex])}`;
      return { latinName: withoutVietnameseDiacritics(nativeName), nativeName };
    }
    case 'TH': {
      const [givenLatin, givenThai] = rng.pick(thaiGivenNames[sex]);
      const [familyLatin, familyThai] = rng.pick(thaiFamilyNames);
      return { latinName: `${givenLatin} ${familyLatin}`, nativeName: `${givenThai} ${familyThai}` };
    }
    case 'ID':
      return { latinName: `${rng.pick(indonesianGivenNames[sex])} ${rng.pick(indonesianFamilyNames)}`, nativeName: null };
    case 'MM':
    case 'MY':
    case 'LA':
    case 'PH':
      return { latinName: rng.pick(wholeNames[nationality][sex]), nativeName: null };
    case 'XX':
      return { latinName: `Unidentified ${sex === 'male' ? 'man' : 'woman'}, known as "${rng.pick(aliases)}"`, nativeName: null };
  }
}

export interface DemoDocument {
  idDocumentType: IdDocumentType;
  idDocumentNumber: string;
}

function uppercaseLetter(rng: SeededRandom): string {
  return String.fromCharCode(65 + rng.integer(0, 25));
}

/** A document in the format the issuing country uses; people of unknown nationality carry none. */
export function demoDocument(rng: SeededRandom, nationality: DemoNationality): DemoDocument | null {
  const passport = (idDocumentNumber: string): DemoDocument => ({ idDocumentType: 'passport', idDocumentNumber });
  switch (nationality) {
    case 'KH':
      return rng.chance(0.8)
        ? { idDocumentType: 'national_id', idDocumentNumber: rng.digits(9) }
        : passport(`N${rng.digits(8)}`);
    case 'CN':
      return passport(`E${rng.digits(8)}`);
    case 'VN':
      return passport(`C${rng.digits(7)}`);
    case 'TH':
      return passport(`A${uppercaseLetter(rng)}${rng.digits(7)}`);
    case 'ID':
      return passport(`${rng.pick(['B', 'C', 'E'])}${rng.digits(7)}`);
    case 'MM':
      return passport(`M${rng.pick(['A', 'B', 'C', 'D'])}${rng.digits(6)}`);
    case 'MY':
      return passport(`${rng.pick(['A', 'H'])}${rng.digits(8)}`);
    case 'LA':
      return passport(`P${rng.digits(7)}`);
    case 'PH':
      return passport(`P${rng.digits(7)}${uppercaseLetter(rng)}`);
    case 'XX':
      return null;
  }
}
