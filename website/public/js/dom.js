// DOM helpers. Everything that comes from a file or the API (names, metadata, reasons) is set as TEXT
// (textContent, attribute values): nothing here ever parses a string as HTML.

/**
 * Creates an element. props: className, text (textContent), attrs (attributes), dataset, on (listeners),
 * and any other property set directly (hidden, disabled, type...). Children are nodes or strings (text nodes).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (name === 'className') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'attrs') for (const [a, v] of Object.entries(value)) { if (v !== undefined && v !== null) el.setAttribute(a, String(v)); }
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else el[name] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A small inline icon from path data (constants of this file only). */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

const ICONS = {
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 12a2 2 0 002 2h6a2 2 0 002-2l1-12', 'M9 7V4h6v3'],
  photo: ['M4 6a2 2 0 012-2h12a2 2 0 012 2v12a2 2 0 01-2 2H6a2 2 0 01-2-2z', 'M4 16l5-5 4 4 3-3 4 4', 'M15 9h.01'],
  video: ['M4 6a2 2 0 012-2h9a2 2 0 012 2v12a2 2 0 01-2 2H6a2 2 0 01-2-2z', 'M17 10l4-2v8l-4-2'],
  play: ['M8 5v14l11-7z'],
  alert: ['M12 3L2 20h20z', 'M12 10v4', 'M12 17h.01'],
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
  clock: ['M12 3a9 9 0 100 18 9 9 0 000-18z', 'M12 7v5l3 2'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v5a1 1 0 01-1 1H5a1 1 0 01-1-1V7a1 1 0 011-1h5'],
  x: ['M6 6l12 12', 'M18 6L6 18'],
};

/** Only http(s) URLs reach src/href: anything else (javascript:, data:) from a response is dropped. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

let announceTimer;

/** Says something to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  clearTimeout(announceTimer);
  // a change of text is what live regions announce: clear first so the same message twice is read twice
  region.textContent = '';
  announceTimer = setTimeout(() => { region.textContent = message; }, 50);
}
