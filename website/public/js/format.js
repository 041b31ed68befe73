// Formatting of sizes, durations, dates and metadata for people.

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

export function formatDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso) {
  if (typeof iso !== 'string') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatAgo(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 7) return relative.format(Math.round(seconds / 86400), 'day');
  return formatDate(iso);
}

export function dimensions(width, height) {
  return Number.isFinite(width) && Number.isFinite(height) ? `${width} × ${height}` : '';
}

/** "JPEG", "MP4"... from the detected format, else from the content type. */
export function formatName(asset) {
  const format = asset?.format;
  if (format && format !== 'unknown' && format !== 'empty') {
    return ({ quicktime: 'MOV', matroska: 'MKV', mpeg_ts: 'MPEG-TS', mpeg_ps: 'MPEG-PS' })[format] ?? format.toUpperCase();
  }
  return '';
}

/** Metadata fields in a stable order with labels; unknown fields are shown after these, as they are. */
const METADATA_FIELDS = [
  ['displayWidth', 'Width', (v) => `${v} px`],
  ['displayHeight', 'Height', (v) => `${v} px`],
  ['width', 'Stored width', (v) => `${v} px`],
  ['height', 'Stored height', (v) => `${v} px`],
  ['durationSeconds', 'Duration', formatDuration],
  ['container', 'Container'],
  ['videoCodec', 'Video codec'],
  ['frameRate', 'Frame rate', (v) => `${Number(v).toFixed(2).replace(/\.?0+$/, '')} fps`],
  ['bitrate', 'Bitrate', (v) => `${Math.round(v / 1000)} kbit/s`],
  ['rotation', 'Rotation', (v) => `${v}°`],
  ['audioCodec', 'Audio codec'],
  ['audioChannels', 'Audio channels'],
  ['audioSampleRate', 'Sample rate', (v) => `${v} Hz`],
  ['orientation', 'EXIF orientation'],
  ['colorSpace', 'Colour space'],
  ['hasAlpha', 'Transparency', (v) => (v ? 'yes' : 'no')],
  ['iccProfile', 'ICC profile'],
  ['cameraMake', 'Camera make'],
  ['cameraModel', 'Camera model'],
  ['dateTaken', 'Date taken'],
  ['gps', 'GPS position', (v) => [v.latitude, v.longitude, v.altitude].filter((x) => x !== undefined).join(', ')],
];

export function metadataRows(metadata) {
  if (!metadata || typeof metadata !== 'object') return [];
  const rows = [];
  const known = new Set();
  // the stored size matters only when it differs from the displayed one (EXIF orientation, rotation)
  const hasDisplay = metadata.displayWidth !== undefined;
  const sameAsDisplay = metadata.displayWidth === metadata.width && metadata.displayHeight === metadata.height;
  for (const [field, label, fmt] of METADATA_FIELDS) {
    known.add(field);
    const value = metadata[field];
    if (value === undefined || value === null || value === '') continue;
    const stored = field === 'width' || field === 'height';
    if (stored && hasDisplay && sameAsDisplay) continue;
    rows.push([stored && !hasDisplay ? (field === 'width' ? 'Width' : 'Height') : label, fmt ? fmt(value) : String(value)]);
  }
  for (const [field, value] of Object.entries(metadata)) {
    if (known.has(field) || value === null || value === undefined) continue;
    rows.push([field, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  return rows;
}
