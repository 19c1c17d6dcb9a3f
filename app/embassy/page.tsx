import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { DataTable } from '@/components/ui/data-table';
import { StatCard } from '@/components/ui/stat-card';
import { requireAccess } from '@/lib/auth/session';
import { countryName, localizedName } from '@/lib/i18n/localized-name';
import { getEmbassyDashboard } from '@/lib/notifications/queries';
import { listProvinces } from '@/lib/reference/provinces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('embassyHome') };
}

export default async function EmbassyDashboardPage() {
  const actor = await requireAccess('view:area:embassy');
  const now = new Date();
  const [dashboard, provinces, t, format, locale] = await Promise.all([
    getEmbassyDashboard(actor, 10, now),
    listProvinces(),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const provinceNames = new Map(provinces.map((province) => [province.code, localizedName(province.names, locale)]));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t('embassy.title', { organisation: localizedName(actor.organisationName, locale) })}</h1>
        <p className="text-slate-600">{t('embassy.subtitle', { country: countryName(dashboard.countryCode, locale) })}</p>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label={t('embassy.awaitingAcknowledgement')} value={format.number(dashboard.awaitingAcknowledgement)} />
        <StatCard label={t('embassy.overdue')} value={format.number(dashboard.overdue)} tone={dashboard.overdue > 0 ? 'warning' : 'default'} />
        <StatCard label={t('embassy.detention')} value={format.number(dashboard.detentionAwaiting)} />
      </dl>
      <section aria-labelledby="recent-notifications">
        <h2 id="recent-notifications" className="mb-3 text-lg font-semibold">
          {t('embassy.recentNotifications')}
        </h2>
        {dashboard.recentNotifications.length === 0 ? (
          <EmptyState>{t('embassy.noNotifications')}</EmptyState>
        ) : (
          <DataTable columns={[{ header: t('embassy.reference') }, { header: t('embassy.province') }, { header: t('embassy.crimeType') }, { header: t('embassy.kind') }, { header: t('embassy.notifiedAt') }, { header: t('embassy.dueAt') }, { header: t('embassy.state') }]}>
            {dashboard.recentNotifications.map((item) => {
              const isOverdue = !item.acknowledgedAt && item.dueAt < now;
              return (
                <tr key={item.id}>
                  <td className="whitespace-nowrap px-4 py-2 font-mono">{item.caseReferenceNumber}</td>
                  <td className="px-4 py-2">{provinceNames.get(item.provinceCode) ?? item.provinceCode}</td>
                  <td className="px-4 py-2">{t(`enums.crimeType.${item.crimeType}`)}</td>
                  <td className="px-4 py-2">{t(`enums.notificationKind.${item.kind}`)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{format.dateTime(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td className="whitespace-nowrap px-4 py-2">{format.dateTime(item.dueAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td className={`px-4 py-2 ${isOverdue ? 'font-semibold text-amber-800' : ''}`}>
                    {item.acknowledgedAt ? t('embassy.acknowledged') : isOverdue ? t('embassy.overdueState') : t('embassy.pending')}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </div>
  );
}
