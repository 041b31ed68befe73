// The details dialog: the picture (srcset over the device renditions) or the video (HLS), metadata, every rendition
// with its size, the original, delete. A native <dialog>: modal, Escape closes it, focus returns to the opener.
import { h, icon, safeUrl } from './dom.js';
import { dimensions, formatBytes, formatDate, formatName, metadataRows } from './format.js';
import { DETAIL_PROFILES, DETAIL_SIZES, fallback, srcset, thumbnails } from './renditions.js';
import { STATUS_LABELS, reasonOf, statusOf } from './cards.js';

const HLS_SCRIPT = 'vendor/hls.js/hls.light.min.js';

export class Details {
  /** handlers: refresh(entry) -> Promise<entry>, remove(entry) */
  constructor(handlers) {
    this.handlers = handlers;
    this.dialog = document.getElementById('details');
    this.title = document.getElementById('details-title');
    this.media = document.getElementById('details-media');
    this.info = document.getElementById('details-info');
    this.entry = null;
    this.opener = null;
    this.hls = null;
    this.renderedStatus = null;

    document.getElementById('details-close').addEventListener('click', () => this.close());
    this.dialog.addEventListener('close', () => this.onClosed());
    // a click on the backdrop (the dialog element itself, outside the frame) closes
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.close();
    });
  }

  get isOpen() {
    return this.dialog.open;
  }

  async open(entry, opener) {
    this.entry = entry;
    this.opener = opener;
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    // fresh presigned URLs (they expire) and the latest status
    try {
      await this.handlers.refresh(entry);
    } catch {
      // the card shows the error; the dialog keeps what it has
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** The entry changed (polling, refresh): redraw when something visible changed. */
  changed(entry) {
    if (!this.dialog.open || entry !== this.entry) return;
    if (entry.deleting || entry.gone) {
      this.close();
      return;
    }
    // redraw when the status or the set of renditions changed (not for fresh signatures of the same files), and
    // never under a video that is playing
    const key = `${statusOf(entry)}|${(entry.asset?.renditions ?? []).map((r) => r.key).join(',')}`;
    if (key !== this.renderedStatus && !this.playing()) this.render();
  }

  playing() {
    const video = this.media.querySelector('video');
    return Boolean(video && !video.paused);
  }

  onClosed() {
    this.stopVideo();
    this.media.replaceChildren();
    this.info.replaceChildren();
    const opener = this.opener;
    this.entry = null;
    this.opener = null;
    if (opener && opener.isConnected && !opener.disabled) opener.focus();
    else document.getElementById('gallery-heading').focus();
  }

  stopVideo() {
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
    const video = this.media.querySelector('video');
    if (video) {
      video.pause();
      video.removeAttribute('src');
      video.load();
    }
  }

  render() {
    const entry = this.entry;
    const asset = entry.asset;
    const status = statusOf(entry);
    this.renderedStatus = `${status}|${(asset?.renditions ?? []).map((r) => r.key).join(',')}`;
    this.title.textContent = entry.fileName;
    this.dialog.dataset.status = status;
    this.stopVideo();
    this.media.replaceChildren(this.mediaView(asset, status));
    this.info.replaceChildren(...this.infoView(entry, asset, status));
  }

  mediaView(asset, status) {
    const thumbs = thumbnails(asset);
    if (asset?.kind === 'video') return this.videoView(asset, thumbs, status);
    const set = srcset(thumbs, DETAIL_PROFILES);
    if (!set) return placeholder(status);
    const first = fallback(thumbs, DETAIL_PROFILES);
    const m = asset.metadata ?? {};
    return h('img', {
      className: 'details-img',
      alt: `Preview of ${asset.fileName}`,
      attrs: {
        sizes: DETAIL_SIZES,
        srcset: set,
        src: first.url,
        width: m.displayWidth ?? first.width,
        height: m.displayHeight ?? first.height,
      },
    });
  }

  videoView(asset, thumbs, status) {
    const poster = thumbs.filter((t) => DETAIL_PROFILES.includes(t.profile)).find((t) => t.width >= 1000)
      ?? thumbs.at(-1);
    const source = safeUrl(asset.hls?.url);
    if (!source) {
      const note = status === 'processing' ? 'The video is being transcoded: the player appears when it is ready.'
        : 'No playable rendition.';
      return h('div', { className: 'details-video-wait' },
        poster ? h('img', { className: 'details-img', alt: `Poster of ${asset.fileName}`, src: poster.url }) : placeholder(status),
        h('p', { className: 'details-note', text: note }));
    }
    const video = h('video', {
      className: 'details-video',
      controls: true,
      playsInline: true,
      preload: 'metadata',
      attrs: { 'aria-label': `Video ${asset.fileName}` },
    });
    if (poster) video.poster = poster.url;
    const error = h('p', { className: 'details-note', hidden: true, attrs: { role: 'alert' } });
    this.attachHls(video, source, error);
    return h('div', { className: 'details-player' }, video, error);
  }

  async attachHls(video, source, error) {
    const fail = (message) => {
      error.textContent = message;
      error.hidden = false;
    };
    try {
      const Hls = await loadHls();
      if (Hls.isSupported()) {
        const hls = new Hls({ capLevelToPlayerSize: true });
        this.hls = hls;
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) fail(`Playback failed: ${data.details}`);
        });
        hls.loadSource(source);
        hls.attachMedia(video);
        video.dataset.player = 'hls.js';
        return;
      }
    } catch {
      // no Media Source Extensions or the script failed: native HLS below
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = source;
      video.dataset.player = 'native';
    } else {
      fail('This browser cannot play HLS video.');
    }
  }

  infoView(entry, asset, status) {
    const sections = [];
    const reason = reasonOf(entry);
    sections.push(h('section', { className: 'details-section' },
      h('div', { className: 'details-status' },
        h('span', { className: 'badge', dataset: { status }, text: STATUS_LABELS[status] }),
        reason ? h('span', { className: 'details-reason', text: reason }) : null),
      asset?.failure?.function
        ? h('p', { className: 'details-failure', text: `${asset.failure.function}: ${asset.failure.errorType ?? 'error'}` })
        : null));

    if (asset) {
      sections.push(section('File', definitionList([
        ['Format', [formatName(asset), asset.contentType].filter(Boolean).join(' · ')],
        ['Size', formatBytes(asset.size)],
        ['Uploaded', formatDate(asset.uploadedAt)],
        ['Ready', asset.readyAt ? formatDate(asset.readyAt) : ''],
        ['Key', asset.key],
        ['Asset id', asset.id],
      ])));
      const meta = metadataRows(asset.metadata);
      if (meta.length) sections.push(section('Metadata', definitionList(meta)));
      sections.push(section('Renditions', renditionsTable(asset)));
    }

    const actions = h('div', { className: 'details-actions' });
    const original = safeUrl(asset?.original?.url);
    if (original) {
      actions.append(h('a', {
        className: 'button button-quiet',
        href: original,
        target: '_blank',
        rel: 'noopener noreferrer',
      }, icon('external'), 'Open original'));
    }
    if (asset) {
      const confirm = h('span', { className: 'details-confirm', hidden: true });
      const remove = h('button', {
        type: 'button',
        className: 'button button-danger-quiet',
        on: {
          click: () => {
            remove.hidden = true;
            confirm.hidden = false;
            confirm.querySelector('button').focus();
          },
        },
      }, icon('trash'), 'Delete');
      confirm.append(
        h('span', { text: 'Delete for good?' }),
        h('button', {
          type: 'button',
          className: 'button button-quiet button-small',
          text: 'Keep',
          on: { click: () => { confirm.hidden = true; remove.hidden = false; remove.focus(); } },
        }),
        h('button', {
          type: 'button',
          className: 'button button-danger button-small',
          text: 'Delete',
          on: { click: () => { this.close(); this.handlers.remove(entry); } },
        }));
      actions.append(remove, confirm);
    }
    sections.push(actions);
    return sections;
  }
}

function section(title, content) {
  return h('section', { className: 'details-section' }, h('h3', { text: title }), content);
}

function definitionList(rows) {
  const dl = h('dl', { className: 'facts' });
  for (const [label, value] of rows) {
    if (value === '' || value === undefined || value === null) continue;
    dl.append(h('div', {}, h('dt', { text: label }), h('dd', { text: String(value) })));
  }
  return dl;
}

function renditionsTable(asset) {
  const renditions = [...(asset.renditions ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const missing = asset.missingRenditions ?? [];
  if (renditions.length === 0 && missing.length === 0) {
    return h('p', { className: 'details-note', text: 'None: nothing is made from this file.' });
  }
  const body = h('tbody');
  for (const r of renditions) {
    const url = safeUrl(r.url);
    body.append(h('tr', { dataset: { rendition: r.name } },
      h('th', { attrs: { scope: 'row' } },
        url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: r.name }) : r.name),
      h('td', { text: dimensions(r.width, r.height) || '—' }),
      h('td', { className: 'num', text: Number.isFinite(r.size) ? formatBytes(r.size) : '—' })));
  }
  for (const name of missing) {
    body.append(h('tr', { className: 'is-missing', dataset: { rendition: name } },
      h('th', { attrs: { scope: 'row' }, text: name }),
      h('td', { text: 'not made yet' }),
      h('td', { className: 'num', text: '—' })));
  }
  return h('table', { className: 'renditions' },
    h('thead', {}, h('tr', {},
      h('th', { attrs: { scope: 'col' }, text: 'Rendition' }),
      h('th', { attrs: { scope: 'col' }, text: 'Pixels' }),
      h('th', { attrs: { scope: 'col' }, className: 'num', text: 'Size' }))),
    body);
}

function placeholder(status) {
  return h('div', { className: 'details-placeholder', dataset: { status } },
    icon(status === 'failed' || status === 'unsupported' ? 'alert' : 'photo'));
}

let hlsLoading = null;

/** hls.js (vendored, ~390 KB) is fetched the first time a video is opened. */
function loadHls() {
  if (window.Hls) return Promise.resolve(window.Hls);
  hlsLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = HLS_SCRIPT;
    script.async = true;
    script.addEventListener('load', () => (window.Hls ? resolve(window.Hls) : reject(new Error('no Hls'))));
    script.addEventListener('error', () => { hlsLoading = null; reject(new Error('hls.js did not load')); });
    document.head.append(script);
  });
  return hlsLoading;
}
