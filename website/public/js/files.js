// Client-side checks of a file against GET /limits (the API and S3 enforce them anyway).
import { formatBytes } from './format.js';

// Browsers leave File.type empty (or guess differently) for some formats: fall back on the extension.
const BY_EXTENSION = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp', mp4: 'video/mp4', m4v: 'video/mp4',
  mov: 'video/quicktime', qt: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska',
};

const SHORT_NAMES = {
  'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'image/tiff': 'TIFF',
  'image/bmp': 'BMP', 'video/mp4': 'MP4', 'video/quicktime': 'MOV', 'video/webm': 'WebM', 'video/x-matroska': 'MKV',
};

export function typeNames(types) {
  return types.map((t) => SHORT_NAMES[t] ?? t).join(', ');
}

/** The content type to declare for the file, or null when no allowed type fits. */
export function contentTypeOf(file, allowed) {
  const extension = file.name.includes('.') ? file.name.split('.').pop().toLowerCase() : '';
  const candidates = [file.type, BY_EXTENSION[extension]].filter(Boolean);
  if (!allowed) return candidates[0] ?? 'application/octet-stream';
  return candidates.find((t) => allowed.includes(t)) ?? null;
}

/** null when the file may be uploaded, else why not (for people). */
export function rejection(file, limits) {
  if (file.size === 0) return 'The file is empty.';
  if (!limits) return null;
  if (contentTypeOf(file, limits.allowedContentTypes) === null) {
    const what = file.type || (file.name.includes('.') ? `.${file.name.split('.').pop()}` : 'this kind of file');
    return `${what} is not accepted: upload ${typeNames(limits.allowedContentTypes)}.`;
  }
  if (Number.isFinite(limits.maxSize) && file.size > limits.maxSize) {
    return `Too large (${formatBytes(file.size)}): the limit is ${formatBytes(limits.maxSize)}.`;
  }
  return null;
}
