import type { Locale } from './locales';

/** A name kept in the app's three languages: organisations, provinces and embassies carry one. */
export interface LocalizedNames {
  en: string;
  km: string;
  zh: string;
}

/** Picks the name in the reader's language. */
export function localizedName(names: LocalizedNames, locale: string): string {
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
