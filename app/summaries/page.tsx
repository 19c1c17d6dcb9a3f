import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { StatCard } from '@/components/ui/stat-card';
import { DataTable } from '@/components/ui/data-table';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';
import { getProvince } from '@/lib/reference/provinces';
import { getSummaryOverview } from '@/lib/summaries/queries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('summariesHome') };
}

export default async function SummariesPage() {
  const actor = await requireAccess('view:area:summaries');
  const [summary, t, format, locale] = await Promise.all([getSummaryOverview(actor), getTranslations(), getFormatter(), getLocale()]);
  const province = summary.provinceCode ? await getProvince(summary.provinceCode) : null;
  const figures = [
    ['openCases', summary.openCases],
    ['newCases', summary.newCases],
    ['closedCases', summary.closedCases],
    ['notificationsSent', summary.notificationsSent],
    ['notificationsAcknowledged', summary.notificationsAcknowledged],
    ['notificationsOverdue', summary.notificationsOverdue],
  ] as const;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">
          {province ? t('summaries.titleProvince', { province: localizedName(province.names, locale) }) : t('summaries.titleNational')}
        </h1>
        <p className="text-slate-600">{t('summaries.periodNote')}</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
        {figures.map(([key, value]) => (
          <StatCard key={key} label={t(`summaries.${key}`)} value={format.number(value)} />
        ))}
      </dl>
      <section aria-labelledby="by-crime-type">
        <h2 id="by-crime-type" className="mb-3 text-lg font-semibold">
          {t('summaries.byCrimeType')}
        </h2>
        <DataTable columns={[{ header: t('summaries.crimeType') }, { header: t('summaries.cases'), align: 'end' }]}>
          {summary.newCasesByCrimeType.map((row) => (
            <tr key={row.crimeType}>
              <th scope="row" className="px-4 py-2 text-left font-normal">{t(`enums.crimeType.${row.crimeType}`)}</th>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(row.total)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
