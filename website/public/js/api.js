// The media API client (media-api-function/API.md) and the presigned upload.

/** The API answered with an error ({"error": {status, code, field?, message}}). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** The API could not be reached at all (network down, server stopped, CORS refused, bad config). */
export class UnreachableError extends Error {
  constructor(url, cause) {
    super(`no answer from ${url}`);
    this.name = 'UnreachableError';
    this.url = url;
    this.cause = cause;
  }
}

/** Reads the runtime configuration written at deployment (AWS) or served by the local runtime. */
export async function loadConfig() {
  let response;
  try {
    response = await fetch('config.json', { cache: 'no-store' });
  } catch (e) {
    throw new UnreachableError(new URL('config.json', document.baseURI).href, e);
  }
  if (!response.ok) {
    throw new Error(`config.json: HTTP ${response.status} (the deployment writes it next to index.html)`);
  }
  const config = await response.json();
  if (typeof config.apiBaseUrl !== 'string' || config.apiBaseUrl === '') {
    throw new Error('config.json has no apiBaseUrl');
  }
  return config;
}

export class MediaApi {
  constructor(baseUrl) {
    // relative bases ("/api") resolve against the page
    this.base = new URL(baseUrl.replace(/\/+$/, ''), document.baseURI).href;
  }

  async request(method, path, body) {
    const url = this.base + path;
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new UnreachableError(this.base, e);
    }
    let json = null;
    const text = await response.text();
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      const error = json?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`,
        error?.message ?? `HTTP ${response.status} from ${url}`, error?.field);
    }
    if (json === null) {
      throw new ApiError(response.status, 'bad_response', `not JSON from ${url}`);
    }
    return json;
  }

  limits() {
    return this.request('GET', '/limits');
  }

  list({ kind, limit = 24, cursor } = {}) {
    const query = new URLSearchParams();
    if (kind) query.set('kind', kind);
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `/media?${query}`);
  }

  get(id) {
    return this.request('GET', `/media/${encodeURIComponent(id)}`);
  }

  remove(id) {
    return this.request('DELETE', `/media/${encodeURIComponent(id)}`);
  }

  createUpload(file, contentType) {
    return this.request('POST', '/uploads', { fileName: file.name, contentType, size: file.size });
  }
}

/**
 * Sends the file with the presigned POST grant: every field in order, the file last. Resolves when S3 accepted
 * it; rejects with an Error whose message is S3's. onProgress(loaded, total) follows the upload.
 * Returns {promise, abort}.
 */
export function postUpload(grant, file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.upload.fields)) {
      form.append(name, value);
    }
    form.append('file', file);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else {
        reject(new Error(s3Message(xhr.responseText) ?? `the storage refused the upload (HTTP ${xhr.status})`));
      }
    });
    xhr.addEventListener('error', () => reject(new Error('the upload was interrupted (network error)')));
    xhr.addEventListener('abort', () => reject(new Error('the upload was cancelled')));
    xhr.addEventListener('timeout', () => reject(new Error('the upload timed out')));
    xhr.open(grant.upload.method || 'POST', grant.upload.url);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** "EntityTooLarge: Your proposed upload exceeds..." from S3's XML error body, read as data. */
function s3Message(xml) {
  if (!xml) return null;
  try {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const code = doc.querySelector('Error > Code')?.textContent;
    const message = doc.querySelector('Error > Message')?.textContent;
    if (!code && !message) return null;
    return [code, message].filter(Boolean).join(': ');
  } catch {
    return null;
  }
}
