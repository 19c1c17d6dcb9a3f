import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseListView, parseCaseListFilters } from '@/components/case/case-list-view';
import { requireAccess } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('listTitle') };
}

export default async function PoliceCaseListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAccess('read:case:own-province');
  return <CaseListView actor={actor} filters={parseCaseListFilters(await searchParams)} basePath="/police/cases" variant="police" />;
}
