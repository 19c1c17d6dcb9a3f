import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseListView } from '@/components/case/case-list-view';
import { requireAccess } from '@/lib/auth/session';
import { listCases } from '@/lib/cases/queries';
import { caseListFiltersFrom } from '@/lib/cases/schemas';
import { listProvinces } from '@/lib/reference/provinces';
import type { PageSearchParams } from '@/lib/search-params';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: pageTitle(t('cases'), t('summariesHome')) };
}

/** The ministry's read-only list of every province's cases: no names in it, and no case opens from it. */
export default async function NationalCaseListPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('read:case:all-provinces');
  const { filters, notUnderstood } = caseListFiltersFrom(await searchParams);
  const [page, provinces] = await Promise.all([listCases(actor, filters), listProvinces()]);
  return <CaseListView page={page} filters={filters} notUnderstood={notUnderstood} basePath="/summaries/cases" variant="national" provinces={provinces} />;
}
