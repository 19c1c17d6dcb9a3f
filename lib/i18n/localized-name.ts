import type { Locale } from './locales';

/** Picks the name in the reader's language from a record that carries English, Khmer and Chinese names. */
export function localizedName(names: { en: string; km: string; zh: string }, locale: string): string {
  switch (locale as Locale) {
    case 'km':
      return names.km;
    case 'zh-CN':
      return names.zh;
    default:
      return names.en;
  }
}

/** Country names come from the runtime's CLDR data, so all ~250 countries are localised without message files. */
export function countryName(countryCode: string, locale: string): string {
  if (countryCode === 'XX') return '—';
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(countryCode) ?? countryCode;
  } catch {
    return countryCode;
  }
}
