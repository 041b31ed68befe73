// One card per asset in the gallery: thumbnail, name, facts, live status, progress, delete.
import { h, icon } from './dom.js';
import { dimensions, formatAgo, formatBytes, formatDuration, formatName } from './format.js';
import { TILE_PROFILES, TILE_SIZES, fallback, srcset, thumbnails } from './renditions.js';

export const STATUS_LABELS = {
  uploading: 'Uploading',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  unsupported: 'Unsupported',
};

/** What a card shows for an entry: the API's status once the asset is indexed, else the upload's. */
export function statusOf(entry) {
  switch (entry.phase) {
    case 'queued':
    case 'uploading':
      return 'uploading';
    case 'rejected':
    case 'upload-failed':
      return 'failed';
    default:
      return entry.asset?.status ?? 'processing';
  }
}

export function reasonOf(entry) {
  if (entry.notice) return entry.notice;
  if (entry.phase === 'rejected' || entry.phase === 'upload-failed') return entry.error;
  const asset = entry.asset;
  if (!asset) return entry.phase === 'uploaded' ? 'Waiting for the index…' : '';
  if (asset.status === 'failed' || asset.status === 'unsupported') {
    return asset.reason ?? asset.failure?.message ?? (asset.status === 'unsupported'
      ? 'Not a photo or video the pipeline processes.' : 'Processing failed.');
  }
  if (asset.status === 'processing' && asset.missingRenditions?.length && asset.expectedRenditions?.length) {
    const done = asset.expectedRenditions.length - asset.missingRenditions.length;
    return `${done} of ${asset.expectedRenditions.length} renditions`;
  }
  return '';
}

export class Card {
  /** handlers: open(entry, opener), remove(entry), dismiss(entry) */
  constructor(entry, handlers) {
    this.entry = entry;
    this.handlers = handlers;
    this.renderedThumbs = null;

    this.image = h('img', { className: 'card-img', alt: '', decoding: 'async', loading: 'lazy', attrs: { sizes: TILE_SIZES } });
    this.image.addEventListener('load', () => this.media.classList.add('has-image'));
    this.placeholder = h('span', { className: 'card-placeholder', attrs: { 'aria-hidden': 'true' } });
    this.duration = h('span', { className: 'card-duration', hidden: true });
    this.media = h('button', {
      type: 'button',
      className: 'card-media',
      on: { click: () => this.handlers.open(this.entry, this.media) },
    }, this.placeholder, this.image, this.duration);

    this.name = h('p', { className: 'card-name' });
    this.meta = h('p', { className: 'card-meta' });
    this.badge = h('span', { className: 'badge' });
    this.reason = h('p', { className: 'card-reason' });
    this.progress = h('progress', { className: 'card-progress', max: 100, value: 0 });
    this.progressText = h('span', { className: 'card-progress-text' });

    this.deleteButton = h('button', {
      type: 'button',
      className: 'icon-button card-delete',
      on: { click: () => this.onDeleteClick() },
    }, icon('trash'));

    this.confirmNo = h('button', { type: 'button', className: 'button button-quiet button-small', text: 'Keep', on: { click: () => this.closeConfirm(true) } });
    this.confirmYes = h('button', {
      type: 'button',
      className: 'button button-danger button-small',
      text: 'Delete',
      on: { click: () => { this.closeConfirm(false); this.handlers.remove(this.entry); } },
    });
    this.confirm = h('div', {
      className: 'card-confirm',
      hidden: true,
      attrs: { role: 'group' },
      on: { keydown: (e) => { if (e.key === 'Escape') { e.stopPropagation(); this.closeConfirm(true); } } },
    }, h('span', { text: 'Delete for good?' }), this.confirmNo, this.confirmYes);

    this.el = h('li', { className: 'card' },
      this.media,
      h('div', { className: 'card-body' },
        h('div', { className: 'card-line' }, this.name, this.deleteButton),
        this.meta,
        h('div', { className: 'card-status' }, this.badge, this.progressText),
        this.progress,
        this.reason),
      this.confirm);
    this.update();
  }

  onDeleteClick() {
    if (this.entry.asset || this.entry.id) {
      this.confirm.hidden = false;
      this.confirm.setAttribute('aria-label', `Delete ${this.entry.fileName}?`);
      this.confirmNo.focus();
    } else {
      this.handlers.dismiss(this.entry);
    }
  }

  closeConfirm(restoreFocus) {
    this.confirm.hidden = true;
    if (restoreFocus) this.deleteButton.focus();
  }

  update() {
    const entry = this.entry;
    const asset = entry.asset;
    const status = statusOf(entry);
    const name = entry.fileName;

    this.el.dataset.status = status;
    if (entry.id) this.el.dataset.id = entry.id;
    this.el.classList.toggle('is-deleting', Boolean(entry.deleting));
    this.el.setAttribute('aria-label', `${name}: ${STATUS_LABELS[status]}`);

    this.name.textContent = name;
    this.name.title = name;
    this.meta.textContent = metaLine(entry);

    this.badge.textContent = entry.deleting ? 'Deleting…' : STATUS_LABELS[status];
    this.badge.dataset.status = status;
    this.reason.textContent = reasonOf(entry);
    this.reason.hidden = this.reason.textContent === '';

    const uploading = status === 'uploading';
    const percent = Math.round((entry.progress ?? 0) * 100);
    this.progress.value = entry.phase === 'queued' ? 0 : percent;
    this.progress.setAttribute('aria-label', `Upload of ${name}`);
    // the bar stays (full) while the file is processed, and goes once the asset is done
    this.progress.hidden = !(uploading || (entry.uploadedHere && status === 'processing'));
    this.progressText.textContent = entry.phase === 'queued' ? 'waiting…' : uploading ? `${percent}%` : '';

    const canOpen = Boolean(asset);
    this.media.disabled = !canOpen;
    this.media.setAttribute('aria-label', canOpen ? `Open ${name}` : `${name} (not available yet)`);

    const deletable = Boolean(asset || entry.id) && !uploading;
    this.deleteButton.hidden = !(deletable || status === 'failed') || Boolean(entry.deleting);
    this.deleteButton.setAttribute('aria-label', deletable ? `Delete ${name}` : `Dismiss ${name}`);
    this.deleteButton.title = deletable ? 'Delete' : 'Dismiss';

    this.renderThumbnail(asset, status);
  }

  renderThumbnail(asset, status) {
    const thumbs = thumbnails(asset);
    const set = srcset(thumbs, TILE_PROFILES);
    this.media.dataset.kind = asset?.kind ?? 'unknown';
    this.placeholder.replaceChildren(icon(status === 'failed' || status === 'unsupported' ? 'alert'
      : asset?.kind === 'video' ? 'video' : asset?.kind === 'image' ? 'photo' : status === 'uploading' ? 'clock' : 'file'));
    const duration = asset?.metadata?.durationSeconds;
    this.duration.hidden = !(asset?.kind === 'video' && Number.isFinite(duration));
    this.duration.replaceChildren(icon('play'), formatDuration(duration));

    // keep the same image while only the signatures of its URLs change (every GET presigns anew)
    const identity = thumbs.filter((t) => TILE_PROFILES.includes(t.profile)).map((t) => `${t.key}@${t.width}`).join('|');
    if (identity === this.renderedThumbs) return;
    this.renderedThumbs = identity;
    if (!set) {
      this.image.removeAttribute('srcset');
      this.image.removeAttribute('src');
      this.image.hidden = true;
      this.media.classList.remove('has-image');
      return;
    }
    this.image.hidden = false;
    this.image.srcset = set;
    this.image.src = fallback(thumbs, TILE_PROFILES).url;
  }
}

function metaLine(entry) {
  const asset = entry.asset;
  const parts = [];
  const format = formatName(asset);
  if (format) parts.push(format);
  const size = asset?.size ?? entry.size;
  if (Number.isFinite(size)) parts.push(formatBytes(size));
  const m = asset?.metadata;
  const dims = dimensions(m?.displayWidth ?? m?.width, m?.displayHeight ?? m?.height);
  if (dims) parts.push(dims);
  if (asset?.uploadedAt) parts.push(formatAgo(asset.uploadedAt));
  return parts.join(' · ');
}
