// Copies the browser build of every vendored npm package into public/vendor/, so the site needs no build step.
// Usage: (cd website && npm ci && npm run vendor), after changing a version in package.json (npm install).
// The copies are committed: the page, the local runtime and the deployment use them as they are.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

const vendored = [
  // hls.js, light build: HLS playback through Media Source Extensions (no subtitles, alternate audio or DRM,
  // which our renditions do not use). Loaded only when a video is opened.
  { name: 'hls.js', files: { 'dist/hls.light.min.js': 'hls.light.min.js', 'LICENSE': 'LICENSE' } },
];

for (const pkg of vendored) {
  const installed = lock.packages[`node_modules/${pkg.name}`];
  if (!installed) {
    throw new Error(`${pkg.name} is not in package-lock.json: run npm install first`);
  }
  const source = join(root, 'node_modules', pkg.name);
  const actual = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  if (actual !== installed.version) {
    throw new Error(`node_modules has ${pkg.name} ${actual} but the lock file says ${installed.version}: run npm ci`);
  }
  const target = join(root, 'public', 'vendor', pkg.name);
  mkdirSync(target, { recursive: true });
  for (const [from, to] of Object.entries(pkg.files)) {
    // source maps are not vendored: drop the comment pointing at one, or browsers' dev tools ask for it (404)
    const text = readFileSync(join(source, from), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    writeFileSync(join(target, to), text);
  }
  writeFileSync(join(target, 'VERSION'), `${pkg.name} ${installed.version} ${installed.integrity}\n`);
  console.log(`vendored ${pkg.name} ${installed.version} into public/vendor/${pkg.name}/`);
}
