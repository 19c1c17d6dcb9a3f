import { getTranslations } from 'next-intl/server';
import { Alert } from './alert';

/** Said above a list whose URL held filters that could not be read (lib/search-params.ts): they are not applied. */
export async function FiltersNotUnderstood({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  const t = await getTranslations('common');
  return <Alert title={t('filtersNotUnderstoodHeading')}>{t('filtersNotUnderstood')}</Alert>;
}
