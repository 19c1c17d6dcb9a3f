import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseListView, parseCaseListFilters } from '@/components/case/case-list-view';
import { requireAccess } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('listTitle') };
}

/** The ministry's read-only list of every province's cases: no names in it, and no case opens from it. */
export default async function NationalCaseListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAccess('read:case:all-provinces');
  return <CaseListView actor={actor} filters={parseCaseListFilters(await searchParams)} basePath="/summaries/cases" variant="national" />;
}
