// Which rendition to show where. Widths come from the API (a rendition is never upscaled, so "desktop" of a small
// photo may be as narrow as "phone"): the srcset w descriptors are the real pixel widths, so the browser picks the
// smallest file that covers the slot at the device's pixel density.
import { safeUrl } from './dom.js';

/** Thumbnails (image renditions and video posters) with a usable URL, narrowest first (unknown widths last). */
export function thumbnails(asset) {
  const width = (r) => (Number.isFinite(r.width) && r.width > 0 ? r.width : Number.MAX_SAFE_INTEGER);
  return (asset?.renditions ?? [])
    .filter((r) => r.role === 'thumbnail' && safeUrl(r.url))
    .sort((a, b) => width(a) - width(b));
}

/** Grid tiles are square: the square crop at 1x, the device renditions on denser screens. */
export const TILE_PROFILES = ['square', 'phone', 'tablet', 'desktop'];
export const TILE_SIZES = '(max-width: 540px) calc(50vw - 1.5rem), 240px';

/** The details view shows the whole picture: the device renditions, never the crop. */
export const DETAIL_PROFILES = ['phone', 'tablet', 'desktop'];
export const DETAIL_SIZES = '(max-width: 860px) 94vw, 680px';
const DETAIL_FALLBACK = ['tablet', 'desktop', 'phone'];

/**
 * {srcset, src} over the given profiles: srcset has one candidate per distinct width ("url 256w, url 640w"); src
 * is the first of the preferred profiles, for browsers without srcset and for renditions whose width the index
 * does not know (then there is no srcset: w descriptors must be true).
 */
export function sources(renditions, profiles, preferred = profiles) {
  const candidates = renditions.filter((r) => profiles.includes(r.profile));
  if (candidates.length === 0) return { srcset: '', src: null, first: null };
  const first = preferred.map((p) => candidates.find((r) => r.profile === p)).find(Boolean) ?? candidates[0];
  const sized = candidates.every((r) => Number.isFinite(r.width) && r.width > 0);
  let srcset = '';
  if (sized) {
    const byWidth = new Map();
    for (const r of candidates) if (!byWidth.has(r.width)) byWidth.set(r.width, r);
    srcset = [...byWidth.values()].map((r) => `${safeUrl(r.url)} ${r.width}w`).join(', ');
  }
  return { srcset, src: safeUrl(first.url), first };
}

export function tileSources(renditions) {
  return sources(renditions, TILE_PROFILES);
}

export function detailSources(renditions) {
  return sources(renditions, DETAIL_PROFILES, DETAIL_FALLBACK);
}
