import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getActor } from '@/lib/auth/session';
import { displayTimeZone } from '@/lib/time/cambodia';
import { isLocale, localeCookieName, negotiateLocale, type Locale } from './locales';
import { loadMessages } from './messages';

/** A signed-in user's stored preference wins; otherwise the cookie set by the switcher, then the browser. */
export async function resolveLocale(): Promise<Locale> {
  const actor = await getActor();
  if (actor) return actor.locale;
  const cookieLocale = (await cookies()).get(localeCookieName)?.value;
  if (isLocale(cookieLocale)) return cookieLocale;
  return negotiateLocale((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: displayTimeZone };
});
