-- Trigram indexes for free-text search over names, titles and ID numbers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The 25 capital-provinces of Cambodia: short code, names in English, Khmer and Chinese, 2019 census population.
INSERT INTO provinces (code, name_en, name_km, name_zh, population) VALUES
  ('PNH', 'Phnom Penh', 'ភ្នំពេញ', '金边', 2281951),
  ('BMC', 'Banteay Meanchey', 'បន្ទាយមានជ័យ', '班迭棉吉', 859545),
  ('BTB', 'Battambang', 'បាត់ដំបង', '马德望', 987400),
  ('KCM', 'Kampong Cham', 'កំពង់ចាម', '磅湛', 899791),
  ('KCH', 'Kampong Chhnang', 'កំពង់ឆ្នាំង', '磅清扬', 527027),
  ('KSP', 'Kampong Speu', 'កំពង់ស្ពឺ', '磅士卑', 877523),
  ('KTM', 'Kampong Thom', 'កំពង់ធំ', '磅同', 677260),
  ('KPT', 'Kampot', 'កំពត', '贡布', 592845),
  ('KDL', 'Kandal', 'កណ្ដាល', '干丹', 1195547),
  ('KEP', 'Kep', 'កែប', '白马', 41798),
  ('KKG', 'Koh Kong', 'កោះកុង', '戈公', 123618),
  ('KRT', 'Kratie', 'ក្រចេះ', '桔井', 372825),
  ('MDK', 'Mondulkiri', 'មណ្ឌលគិរី', '蒙多基里', 88649),
  ('OMC', 'Oddar Meanchey', 'ឧត្ដរមានជ័យ', '奥多棉吉', 276038),
  ('PLN', 'Pailin', 'ប៉ៃលិន', '拜林', 71600),
  ('PSN', 'Preah Sihanouk', 'ព្រះសីហនុ', '西哈努克', 310072),
  ('PVH', 'Preah Vihear', 'ព្រះវិហារ', '柏威夏', 254827),
  ('PVG', 'Prey Veng', 'ព្រៃវែង', '波罗勉', 1057720),
  ('PST', 'Pursat', 'ពោធិ៍សាត់', '菩萨', 419952),
  ('RTK', 'Ratanakiri', 'រតនគិរី', '腊塔纳基里', 217453),
  ('SRP', 'Siem Reap', 'សៀមរាប', '暹粒', 1006512),
  ('STG', 'Stung Treng', 'ស្ទឹងត្រែង', '上丁', 165713),
  ('SVR', 'Svay Rieng', 'ស្វាយរៀង', '柴桢', 525497),
  ('TKO', 'Takeo', 'តាកែវ', '茶胶', 900914),
  ('TBK', 'Tboung Khmum', 'ត្បូងឃ្មុំ', '特本克蒙', 776841)
ON CONFLICT (code) DO NOTHING;
