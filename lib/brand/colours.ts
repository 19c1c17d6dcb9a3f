/**
 * The brand colours of the Tailwind theme (`@theme` in app/globals.css) as plain hex, for the places CSS does not
 * reach: the web app manifest, the browser's theme colour and the icons drawn by scripts/draw-icons.ts.
 * lib/brand/icons.test.ts checks they are still the theme's values.
 */
export const brandColours = {
  /** `--color-brand-50`: the manifest's background (the splash screen before the first page paints). */
  brand50: '#eef6ff',
  /** `--color-brand-100`: the river under the bridge in the mark. */
  brand100: '#d9eaff',
  /** `--color-brand-900`: the mark's ground and the browser's theme colour (the app name in the header is this colour). */
  brand900: '#0f2f5e',
} as const;
