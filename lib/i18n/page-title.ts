/**
 * Page titles say where the user is, most specific part first, so a tab, the history or a bookmark shows it
 * even when cut short: "KKG-2026-000123 · Cases · CaseBridge". Each page gives its parts; the root layout's
 * title template adds the app's name last.
 */
export const titleSeparator = ' · ';

/** A page's title from its parts, most specific first (the area it sits in last). */
export function pageTitle(...parts: string[]): string {
  return parts.join(titleSeparator);
}
