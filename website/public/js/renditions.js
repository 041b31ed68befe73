// Which rendition to show where. Widths come from the API (a rendition is never upscaled, so "desktop" of a small
// photo may be as narrow as "phone"): the srcset w descriptors are the real pixel widths, so the browser picks the
// smallest file that covers the slot at the device's pixel density.
import { safeUrl } from './dom.js';

/** Thumbnails (image renditions and video posters) with a usable URL and width, narrowest first. */
export function thumbnails(asset) {
  return (asset?.renditions ?? [])
    .filter((r) => r.role === 'thumbnail' && Number.isFinite(r.width) && r.width > 0 && safeUrl(r.url))
    .sort((a, b) => a.width - b.width);
}

/** "url 256w, url 640w, ..." over the given profiles, one candidate per distinct width. */
export function srcset(renditions, profiles) {
  const byWidth = new Map();
  for (const r of renditions) {
    if (profiles && !profiles.includes(r.profile)) continue;
    if (!byWidth.has(r.width)) byWidth.set(r.width, r);
  }
  return [...byWidth.values()].map((r) => `${safeUrl(r.url)} ${r.width}w`).join(', ');
}

/** Grid tiles are square: the square crop at 1x, the device renditions on denser screens. */
export const TILE_PROFILES = ['square', 'phone', 'tablet', 'desktop'];
export const TILE_SIZES = '(max-width: 540px) calc(50vw - 1.5rem), 240px';

/** The details view shows the whole picture: the device renditions, never the crop. */
export const DETAIL_PROFILES = ['phone', 'tablet', 'desktop'];
export const DETAIL_SIZES = '(max-width: 860px) 94vw, 680px';

/** A single fallback src: the smallest of the profiles. */
export function fallback(renditions, profiles) {
  return renditions.find((r) => profiles.includes(r.profile)) ?? renditions[0] ?? null;
}
