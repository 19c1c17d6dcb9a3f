import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { DataTable } from '@/components/ui/data-table';
import { StatCard } from '@/components/ui/stat-card';
import { OverdueDigest } from '@/components/notifications/overdue-digest';
import { can } from '@/lib/auth/permissions';
import { requireAccess } from '@/lib/auth/session';
import { getOverdueDigest } from '@/lib/notifications/digest';
import { getPoliceDashboard } from '@/lib/cases/queries';
import { localizedName } from '@/lib/i18n/localized-name';
import { getProvince } from '@/lib/reference/provinces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('policeHome') };
}

export default async function PoliceDashboardPage() {
  const actor = await requireAccess('view:area:police');
  const [dashboard, digest, t, format, locale] = await Promise.all([
    getPoliceDashboard(actor),
    can(actor, 'assign:case:own-province') ? getOverdueDigest(actor) : null,
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const province = await getProvince(dashboard.provinceCode);
  const openCases = dashboard.statusCounts.reported + dashboard.statusCounts.under_investigation + dashboard.statusCounts.referred_to_prosecutor;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t('police.title', { organisation: localizedName(actor.organisationName, locale) })}</h1>
        <p className="text-slate-600">{t('police.subtitle', { province: province ? localizedName(province.names, locale) : dashboard.provinceCode })}</p>
      </div>
      {digest && <OverdueDigest digest={digest} caseHref={(caseId) => `/police/cases/${caseId}`} showEmbassy />}
      <section aria-labelledby="status-counts">
        <h2 id="status-counts" className="sr-only">
          {t('police.statusCounts')}
        </h2>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-5">
          <StatCard label={t('police.openCases')} value={format.number(openCases)} />
          {(['reported', 'under_investigation', 'referred_to_prosecutor', 'closed'] as const).map((status) => (
            <StatCard key={status} label={t(`enums.caseStatus.${status}`)} value={format.number(dashboard.statusCounts[status])} />
          ))}
        </dl>
      </section>
      <section aria-labelledby="recent-cases">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="recent-cases" className="text-lg font-semibold">
            {t('police.recentCases')}
          </h2>
          <Link href="/police/cases" className="text-sm font-medium text-brand-700 underline">
            {t('police.allCases')}
          </Link>
        </div>
        {dashboard.recentCases.length === 0 ? (
          <EmptyState>{t('police.noCases')}</EmptyState>
        ) : (
          <DataTable columns={[{ header: t('police.reference') }, { header: t('police.caseTitle') }, { header: t('police.crimeType') }, { header: t('police.status') }, { header: t('police.reportedAt') }]}>
            {dashboard.recentCases.map((item) => (
              <tr key={item.id}>
                <td className="whitespace-nowrap px-4 py-2 font-mono">
                  <Link href={`/police/cases/${item.id}`} className="text-brand-700 underline">
                    {item.referenceNumber}
                  </Link>
                </td>
                <td className="px-4 py-2">{item.title}</td>
                <td className="px-4 py-2">{t(`enums.crimeType.${item.crimeType}`)}</td>
                <td className="px-4 py-2">{t(`enums.caseStatus.${item.status}`)}</td>
                <td className="whitespace-nowrap px-4 py-2">{format.dateTime(item.reportedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
