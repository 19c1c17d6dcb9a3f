import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from './client';
import { organisations, provinces } from './schema';
import { withTestDatabase } from '@/lib/testing/test-database';

withTestDatabase();

describe('schema and reference data', () => {
  it('has the 25 capital-provinces with names in three languages', async () => {
    const rows = await getDb().select().from(provinces);
    expect(rows).toHaveLength(25);
    const kohKong = rows.find((row) => row.code === 'KKG');
    expect(kohKong).toMatchObject({ nameEn: 'Koh Kong', nameKm: 'កោះកុង', nameZh: '戈公' });
    for (const row of rows) {
      expect(row.nameKm).toMatch(/[\u1780-\u17FF]/);
      expect(row.nameZh).toMatch(/[\u4E00-\u9FFF]/);
    }
  });

  it('refuses an embassy without a country and a police force without a province', async () => {
    const db = getDb();
    const names = { nameEn: 'x', nameKm: 'x', nameZh: 'x' };
    await expect(db.insert(organisations).values({ slug: 'embassy-none', kind: 'embassy', ...names })).rejects.toThrow();
    await expect(db.insert(organisations).values({ slug: 'police-none', kind: 'police', ...names })).rejects.toThrow();
    const [inserted] = await db
      .insert(organisations)
      .values({ slug: 'police-kep', kind: 'police', provinceCode: 'KEP', ...names })
      .returning();
    expect(inserted?.ackDeadlineHours).toBe(72);
    await db.delete(organisations).where(eq(organisations.slug, 'police-kep'));
  });

  it('has the trigram extension for search', async () => {
    const rows = await getDb().select({ similarity: sql<number>`similarity('KKG-2026', 'KKG-2025')` }).from(provinces).limit(1);
    expect(rows[0]?.similarity).toBeGreaterThan(0);
  });
});
