import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { provinces } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

export interface ProvinceView {
  code: string;
  names: LocalizedNames;
}

function toView(row: typeof provinces.$inferSelect): ProvinceView {
  return { code: row.code, names: { en: row.nameEn, km: row.nameKm, zh: row.nameZh } };
}

/** Reference data, public to every signed-in user. */
export async function listProvinces(): Promise<ProvinceView[]> {
  const rows = await getDb().select().from(provinces).orderBy(asc(provinces.nameEn));
  return rows.map(toView);
}

export async function getProvince(code: string): Promise<ProvinceView | null> {
  const [row] = await getDb().select().from(provinces).where(eq(provinces.code, code)).limit(1);
  return row ? toView(row) : null;
}
