// The upload page: uploads through presigned POSTs with progress, live status by polling with back-off, a gallery
// newest first with infinite scroll, details, delete. The API base URL comes from config.json.
import { ApiError, MediaApi, UnreachableError, loadConfig, postUpload } from './api.js';
import { Card, STATUS_LABELS, statusOf } from './cards.js';
import { Details } from './details.js';
import { announce } from './dom.js';
import { contentTypeOf, rejection, typeNames } from './files.js';
import { formatBytes } from './format.js';

// ?pageSize=N (1-100) shows smaller pages: handy to see (and test) infinite scroll without dozens of files
const PAGE_SIZE = Math.min(100, Math.max(1, Number.parseInt(new URLSearchParams(window.location.search).get('pageSize'), 10) || 24));
const PARALLEL_UPLOADS = 3;
// polling of an asset until it is done: 0.8 s, then x1.5 up to 10 s (30 s while the API is unreachable)
const POLL_FIRST_MS = 800;
const POLL_FACTOR = 1.5;
const POLL_MAX_MS = 10_000;
const POLL_MAX_UNREACHABLE_MS = 30_000;
const POLL_GIVE_UP_MS = 60 * 60 * 1000;
const TERMINAL = new Set(['ready', 'failed', 'unsupported']);

class App {
  constructor() {
    this.api = null;
    this.limits = null;
    this.entries = [];             // newest first, as shown
    this.byId = new Map();         // asset id -> entry
    this.deleted = new Set();      // ids deleted here: never shown again even if a page still lists them
    this.kind = '';
    this.cursor = null;
    this.hasMore = false;
    this.loading = false;
    this.listLoaded = false;
    this.listGeneration = 0;
    this.queue = [];
    this.active = 0;
    this.localIds = 0;
    this.retryTimer = null;
    this.retryDelay = 2000;

    this.grid = document.getElementById('grid');
    this.emptyState = document.getElementById('empty-state');
    this.errorState = document.getElementById('error-state');
    this.errorTitle = document.getElementById('error-title');
    this.errorDetail = document.getElementById('error-detail');
    this.loadMore = document.getElementById('load-more');
    this.galleryStatus = document.getElementById('gallery-status');
    this.fileInput = document.getElementById('file-input');
    this.dropzone = document.getElementById('dropzone');

    this.details = new Details({
      refresh: (entry) => this.refresh(entry),
      remove: (entry) => this.remove(entry),
    });
    this.cardHandlers = {
      open: (entry, opener) => this.details.open(entry, opener),
      remove: (entry) => this.remove(entry),
      dismiss: (entry) => this.dismiss(entry),
    };
    this.bind();
  }

  bind() {
    this.fileInput.addEventListener('change', () => {
      this.addFiles([...this.fileInput.files]);
      this.fileInput.value = '';
    });
    this.dropzone.addEventListener('click', () => this.fileInput.click());
    this.dropzone.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.fileInput.click();
      }
    });
    // files dropped anywhere on the page upload; the drop zone lights up while files are dragged over the page
    let depth = 0;
    const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    document.addEventListener('dragenter', (event) => {
      if (!hasFiles(event)) return;
      depth += 1;
      document.body.classList.add('is-dragging');
    });
    document.addEventListener('dragleave', (event) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) document.body.classList.remove('is-dragging');
    });
    document.addEventListener('dragover', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    });
    document.addEventListener('drop', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      document.body.classList.remove('is-dragging');
      this.addFiles([...event.dataTransfer.files]);
    });

    document.getElementById('retry').addEventListener('click', () => this.retryNow());
    this.loadMore.addEventListener('click', () => this.loadPage());
    for (const chip of document.querySelectorAll('.filters .chip')) {
      chip.addEventListener('click', () => this.setKind(chip.dataset.kind));
    }
    if ('IntersectionObserver' in window) {
      new IntersectionObserver((items) => {
        if (items.some((i) => i.isIntersecting) && this.hasMore && !this.loading && this.errorState.hidden) {
          this.loadPage();
        }
      }, { rootMargin: '600px 0px' }).observe(document.getElementById('sentinel'));
    }
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) for (const entry of this.entries) if (entry.poll) this.pollSoon(entry);
    });
  }

  async start() {
    try {
      const config = await loadConfig();
      this.api = new MediaApi(config.apiBaseUrl);
      document.documentElement.dataset.api = this.api.base;
    } catch (error) {
      this.showError(error);
      return;
    }
    this.loadLimits();
    await this.loadPage(true);
  }

  async loadLimits() {
    try {
      this.limits = await this.api.limits();
      const types = this.limits.allowedContentTypes ?? [];
      this.fileInput.accept = [...types, '.mkv', '.mov'].join(',');
      document.getElementById('accepted-note').textContent =
        `${typeNames(types)}; up to ${formatBytes(this.limits.maxSize)} each.`;
    } catch {
      this.limits = null; // the API enforces the limits anyway; try again with the next files
    }
  }

  // ---- gallery -------------------------------------------------------------------------------------------------

  setKind(kind) {
    if (kind === this.kind) return;
    this.kind = kind;
    for (const chip of document.querySelectorAll('.filters .chip')) {
      chip.setAttribute('aria-pressed', String(chip.dataset.kind === kind));
    }
    // uploads of this session stay; listed assets are listed again for the new filter
    for (const entry of [...this.entries]) {
      if (!entry.uploadedHere) this.drop(entry);
    }
    this.loadPage(true);
  }

  async loadPage(reset = false) {
    if (!this.api) {
      this.start();
      return;
    }
    if (this.loading && !reset) return;
    const generation = reset ? ++this.listGeneration : this.listGeneration;
    if (reset) {
      this.cursor = null;
      this.hasMore = false;
      this.listLoaded = false;
    }
    this.loading = true;
    this.grid.setAttribute('aria-busy', 'true');
    this.updateChrome();
    try {
      const page = await this.api.list({ kind: this.kind || undefined, limit: PAGE_SIZE, cursor: this.cursor ?? undefined });
      if (generation !== this.listGeneration) return;
      this.hideError();
      let added = 0;
      for (const asset of page.items ?? []) {
        if (this.deleted.has(asset.id)) continue;
        const existing = this.byId.get(asset.id);
        if (existing) {
          this.setAsset(existing, asset);
        } else {
          this.insert(this.newEntry({ id: asset.id, fileName: asset.fileName ?? asset.key, asset }), 'end');
          added += 1;
        }
      }
      this.cursor = page.nextCursor ?? null;
      this.hasMore = Boolean(page.nextCursor);
      this.listLoaded = true;
      this.galleryStatus.textContent = added ? `${added} more item${added === 1 ? '' : 's'} shown` : '';
    } catch (error) {
      if (generation !== this.listGeneration) return;
      this.showError(error);
    } finally {
      if (generation === this.listGeneration) {
        this.loading = false;
        this.grid.setAttribute('aria-busy', 'false');
        this.updateChrome();
      }
    }
  }

  updateChrome() {
    const empty = this.entries.length === 0;
    this.emptyState.hidden = !(empty && this.listLoaded && this.errorState.hidden);
    this.loadMore.hidden = !(this.hasMore && this.errorState.hidden);
    this.loadMore.disabled = this.loading;
    this.loadMore.textContent = this.loading ? 'Loading…' : 'Load more';
    this.grid.classList.toggle('is-loading', this.loading && empty);
    document.body.dataset.state = !this.errorState.hidden ? 'error'
      : empty && this.listLoaded ? 'empty' : this.listLoaded ? 'loaded' : 'loading';
  }

  showError(error) {
    const unreachable = error instanceof UnreachableError;
    const api = this.api?.base;
    if (unreachable) {
      this.errorTitle.textContent = 'Can’t reach the media API';
      this.errorDetail.textContent = api
        ? `No answer from ${api}. Is it running? (Locally: ./run-local.) Trying again shortly.`
        : `${error.message}. Trying again shortly.`;
    } else if (error instanceof ApiError) {
      this.errorTitle.textContent = error.status >= 500 ? 'The media API is unavailable' : 'The media API refused the request';
      this.errorDetail.textContent = `${error.message} (HTTP ${error.status}${error.code ? `, ${error.code}` : ''}).`;
    } else {
      this.errorTitle.textContent = 'The page could not start';
      this.errorDetail.textContent = error.message;
    }
    this.errorState.hidden = false;
    this.updateChrome();
    // retry by itself with back-off, as well as on the button
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.retryNow(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 60_000);
  }

  hideError() {
    if (this.errorState.hidden) return;
    this.errorState.hidden = true;
    clearTimeout(this.retryTimer);
    this.retryDelay = 2000;
    this.updateChrome();
  }

  retryNow() {
    clearTimeout(this.retryTimer);
    if (!this.api) {
      this.start();
    } else {
      if (!this.limits) this.loadLimits();
      this.loadPage(!this.listLoaded);
    }
  }

  newEntry(fields) {
    return { id: null, fileName: '', asset: null, phase: 'remote', progress: 0, error: '', ...fields };
  }

  insert(entry, where) {
    entry.card = new Card(entry, this.cardHandlers);
    if (where === 'start') {
      this.entries.unshift(entry);
      this.grid.prepend(entry.card.el);
    } else {
      this.entries.push(entry);
      this.grid.append(entry.card.el);
    }
    if (entry.id) this.byId.set(entry.id, entry);
    if (entry.asset && !TERMINAL.has(entry.asset.status)) this.startPolling(entry);
    this.updateChrome();
  }

  drop(entry) {
    this.stopPolling(entry);
    entry.gone = true;
    entry.card.el.remove();
    this.entries = this.entries.filter((e) => e !== entry);
    if (entry.id && this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
    this.details.changed(entry);
    this.updateChrome();
  }

  update(entry) {
    entry.card.update();
    this.details.changed(entry);
  }

  setAsset(entry, asset) {
    const before = statusOf(entry);
    entry.asset = asset;
    entry.fileName = asset.fileName ?? entry.fileName;
    if (entry.phase === 'uploaded') entry.phase = 'remote';
    const after = statusOf(entry);
    this.update(entry);
    if (before !== after) {
      if (after === 'ready') announce(`${entry.fileName} is ready.`);
      else if (after === 'failed' || after === 'unsupported') {
        announce(`${entry.fileName}: ${STATUS_LABELS[after]}. ${asset.reason ?? ''}`);
      }
    }
    if (TERMINAL.has(asset.status)) this.stopPolling(entry);
    else this.startPolling(entry);
  }

  // ---- polling -------------------------------------------------------------------------------------------------

  startPolling(entry) {
    if (entry.poll) return;
    entry.poll = { delay: POLL_FIRST_MS, since: Date.now(), timer: null };
    entry.poll.timer = setTimeout(() => this.poll(entry), entry.poll.delay);
  }

  stopPolling(entry) {
    if (!entry.poll) return;
    clearTimeout(entry.poll.timer);
    entry.poll = null;
  }

  pollSoon(entry) {
    clearTimeout(entry.poll.timer);
    entry.poll.delay = POLL_FIRST_MS;
    entry.poll.timer = setTimeout(() => this.poll(entry), 100);
  }

  async poll(entry) {
    const poll = entry.poll;
    if (!poll || entry.gone) return;
    let next = Math.min(poll.delay * POLL_FACTOR, POLL_MAX_MS);
    if (document.hidden) {
      poll.timer = setTimeout(() => this.poll(entry), poll.delay);
      return;
    }
    try {
      const asset = await this.api.get(entry.id);
      if (entry.poll !== poll) return;
      this.setAsset(entry, asset);
    } catch (error) {
      if (entry.poll !== poll) return;
      if (error instanceof ApiError && error.status === 404) {
        if (entry.phase !== 'uploaded') {
          // deleted elsewhere
          this.drop(entry);
          return;
        }
        // not indexed yet right after the upload: still processing
      } else if (error instanceof UnreachableError) {
        next = Math.min(poll.delay * 2, POLL_MAX_UNREACHABLE_MS);
      }
    }
    if (entry.poll !== poll) return;
    if (Date.now() - poll.since > POLL_GIVE_UP_MS) {
      this.stopPolling(entry);
      entry.notice = 'Still processing after an hour: reload the page to check again.';
      this.update(entry);
      return;
    }
    poll.delay = next;
    poll.timer = setTimeout(() => this.poll(entry), poll.delay);
  }

  /** Fetches the asset again (fresh presigned URLs) for the details view. */
  async refresh(entry) {
    if (!entry.id || entry.gone) return entry;
    try {
      this.setAsset(entry, await this.api.get(entry.id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && entry.phase !== 'uploaded') this.drop(entry);
      throw error;
    }
    return entry;
  }

  // ---- uploads -------------------------------------------------------------------------------------------------

  async addFiles(files) {
    if (files.length === 0) return;
    if (!this.api) {
      announce('The page is not connected to the media API yet.');
      return;
    }
    if (!this.limits) await this.loadLimits();
    const accepted = [];
    for (const file of [...files].reverse()) {
      const entry = this.newEntry({ localId: `local-${++this.localIds}`, fileName: file.name, file, size: file.size, uploadedHere: true });
      const why = rejection(file, this.limits);
      if (why) {
        entry.phase = 'rejected';
        entry.error = why;
      } else {
        entry.phase = 'queued';
        accepted.push(entry);
      }
      this.insert(entry, 'start');
    }
    const rejected = files.length - accepted.length;
    announce(`Uploading ${accepted.length} file${accepted.length === 1 ? '' : 's'}`
      + (rejected ? `; ${rejected} not accepted.` : '.'));
    this.queue.push(...accepted.reverse());
    this.pump();
  }

  pump() {
    while (this.active < PARALLEL_UPLOADS && this.queue.length) {
      const entry = this.queue.shift();
      if (entry.gone) continue;
      this.active += 1;
      this.upload(entry).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  async upload(entry) {
    const file = entry.file;
    entry.phase = 'uploading';
    entry.progress = 0;
    this.update(entry);
    let grant;
    try {
      grant = await this.api.createUpload(file, contentTypeOf(file, this.limits?.allowedContentTypes));
    } catch (error) {
      this.uploadFailed(entry, error instanceof UnreachableError
        ? 'Can’t reach the media API: the file was not sent.' : error.message);
      return;
    }
    entry.id = grant.assetId;
    const previous = this.byId.get(grant.assetId);
    if (previous && previous !== entry) this.drop(previous);
    this.byId.set(entry.id, entry);
    this.deleted.delete(entry.id);
    let lastPaint = 0;
    try {
      await postUpload(grant, file, (loaded, total) => {
        entry.progress = total ? loaded / total : 1;
        const now = performance.now();
        if (now - lastPaint > 50 || loaded === total) {
          lastPaint = now;
          entry.card.update();
        }
      }).promise;
    } catch (error) {
      this.uploadFailed(entry, error.message);
      return;
    }
    entry.progress = 1;
    entry.phase = 'uploaded';
    entry.file = null;
    this.update(entry);
    announce(`${entry.fileName} uploaded; processing.`);
    this.startPolling(entry);
  }

  uploadFailed(entry, message) {
    entry.phase = 'upload-failed';
    entry.error = `Upload failed: ${message}`;
    entry.file = null;
    this.update(entry);
    announce(`${entry.fileName}: upload failed. ${message}`);
  }

  // ---- delete --------------------------------------------------------------------------------------------------

  dismiss(entry) {
    const index = this.entries.indexOf(entry);
    this.drop(entry);
    this.focusNear(index);
  }

  async remove(entry) {
    if (!entry.id) {
      this.dismiss(entry);
      return;
    }
    entry.deleting = true;
    entry.notice = '';
    this.stopPolling(entry);
    this.update(entry);
    try {
      await this.api.remove(entry.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        entry.deleting = false;
        entry.notice = `Delete failed: ${error.message}`;
        this.update(entry);
        announce(`${entry.fileName} was not deleted: ${error.message}`);
        return;
      }
    }
    this.deleted.add(entry.id);
    const index = this.entries.indexOf(entry);
    this.drop(entry);
    announce(`${entry.fileName} deleted.`);
    this.focusNear(index);
  }

  /** After a card goes, focus goes to its neighbour (or the heading), not to the top of the page. */
  focusNear(index) {
    if (this.details.isOpen) return;
    const next = this.entries[Math.min(index, this.entries.length - 1)];
    const target = next?.card.media.disabled ? next.card.deleteButton : next?.card.media;
    (target ?? document.getElementById('gallery-heading')).focus();
  }
}

const app = new App();
window.mediaPipeline = app; // for debugging in the console
app.start();
