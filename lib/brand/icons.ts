import type { MarkFrame } from './mark';

/**
 * Every icon file in public/, with the frame of the mark it shows and its size in pixels: scripts/draw-icons.ts
 * renders exactly these, the root layout and the web app manifest link them, and the tests check the files.
 */
export interface PngIcon {
  /** The URL path, which is also the file's path under public/. */
  src: `/${string}.png`;
  size: number;
  frame: MarkFrame;
}

export interface ManifestIcon extends PngIcon {
  purpose: 'any' | 'maskable';
}

/** The SVG icon: modern browsers' tab icon at any size. */
export const svgIcon = { src: '/icon.svg', frame: 'rounded' } as const satisfies { src: `/${string}.svg`; frame: MarkFrame };

/** `/favicon.ico`, which browsers and tools fetch unasked: the sizes a tab, a bookmark and a Windows shortcut use. */
export const favicon = { src: '/favicon.ico', sizes: [16, 32, 48], frame: 'rounded' } as const;

/** iOS and iPadOS home screens (180 × 180 is what current iPhones ask for). */
export const appleTouchIcon: PngIcon = { src: '/apple-touch-icon.png', size: 180, frame: 'full-bleed' };

/** 192 and 512 are the sizes Chromium requires for installation and the splash screen; maskable for Android's shapes. */
export const manifestIcons: readonly ManifestIcon[] = [
  { src: '/icon-192.png', size: 192, frame: 'rounded', purpose: 'any' },
  { src: '/icon-512.png', size: 512, frame: 'rounded', purpose: 'any' },
  { src: '/icon-maskable-192.png', size: 192, frame: 'maskable', purpose: 'maskable' },
  { src: '/icon-maskable-512.png', size: 512, frame: 'maskable', purpose: 'maskable' },
];

export const pngIcons: readonly PngIcon[] = [appleTouchIcon, ...manifestIcons];
