import { brandColours } from './colours';

/**
 * The CaseBridge mark, drawn for the project: an arch bridge — the arch, its deck and hangers, two piers —
 * over a river, white on the brand's dark blue. One drawing on a 512 × 512 grid, framed three ways:
 *
 * - `rounded`: a rounded square with transparent corners, for browser tabs and the manifest's `any` icons;
 * - `full-bleed`: the square filled to its edges, for Apple's touch icon (iOS rounds the corners itself and
 *   shows transparency as black);
 * - `maskable`: full bleed with the drawing shrunk into the safe zone (the centred circle of 80 % diameter that
 *   every platform's mask keeps), for the manifest's `maskable` icons.
 *
 * scripts/draw-icons.ts writes `public/icon.svg` from it and renders every PNG and the favicon from these SVGs.
 */
export type MarkFrame = 'rounded' | 'full-bleed' | 'maskable';

const white = '#ffffff';

// The bridge's parts, in the grid's coordinates. The arch is half an ellipse springing from the piers at the
// deck; the hangers meet it where the ellipse passes (y = deck − rise · √(1 − (dx / half-span)²)).
const deckY = 276;
const archSpringLeft = 120;
const archSpringRight = 392;
const archRise = 152;
const archHalfSpan = (archSpringRight - archSpringLeft) / 2;
const archCentre = archSpringLeft + archHalfSpan;
const archY = (x: number) => deckY - archRise * Math.sqrt(1 - ((x - archCentre) / archHalfSpan) ** 2);
const hangerXs = [archCentre - 68, archCentre, archCentre + 68];

const drawing = [
  `<path d="M${archSpringLeft} ${deckY}A${archHalfSpan} ${archRise} 0 0 1 ${archSpringRight} ${deckY}" fill="none" stroke="${white}" stroke-width="32"/>`,
  ...hangerXs.map((x) => `<path d="M${x} ${Math.round(archY(x))}V${deckY}" stroke="${white}" stroke-width="16"/>`),
  `<path d="M88 ${deckY}H424" stroke="${white}" stroke-width="32" stroke-linecap="round"/>`,
  `<path d="M100 ${deckY}h40v100h-40zM372 ${deckY}h40v100h-40z" fill="${white}"/>`,
  `<path d="M88 396q28-16 56 0t56 0t56 0t56 0t56 0t56 0" fill="none" stroke="${brandColours.brand100}" stroke-width="20" stroke-linecap="round"/>`,
].join('');

/** The share of the grid the drawing keeps in the maskable frame: its farthest corner then lies inside the safe circle. */
export const maskableScale = 0.8;

/** The mark as a standalone SVG document in one of its frames. */
export function markSvg(frame: MarkFrame): string {
  const ground = `<rect width="512" height="512"${frame === 'rounded' ? ' rx="112"' : ''} fill="${brandColours.brand900}"/>`;
  const offset = (512 * (1 - maskableScale)) / 2;
  const bridge = frame === 'maskable' ? `<g transform="translate(${offset} ${offset}) scale(${maskableScale})">${drawing}</g>` : drawing;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><title>CaseBridge</title>${ground}${bridge}</svg>\n`;
}
