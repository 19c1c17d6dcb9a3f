import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseListView } from '@/components/case/case-list-view';
import { requireAccess } from '@/lib/auth/session';
import { listCases } from '@/lib/cases/queries';
import { caseListFiltersFrom } from '@/lib/cases/schemas';
import type { PageSearchParams } from '@/lib/search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('listTitle') };
}

export default async function PoliceCaseListPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireAccess('read:case:own-province');
  const { filters, notUnderstood } = caseListFiltersFrom(await searchParams);
  const page = await listCases(actor, filters);
  return <CaseListView page={page} filters={filters} notUnderstood={notUnderstood} basePath="/police/cases" variant="police" />;
}
