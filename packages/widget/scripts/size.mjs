// Prints the gzipped size of the widget's two bundles (run `npm run build -w @kefu/widget` first).
// Budgets: loader.js <= 5 KB, the chat app's JS + CSS <= 40 KB (gzip level 9, 1 KB = 1024 bytes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const budgets = { loader: 5 * 1024, app: 40 * 1024 };
const size = (file) => {
  const data = readFileSync(file);
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
};

const rows = [];
const loader = size(join(dist, 'loader.js'));
rows.push({ bundle: 'loader', file: 'loader.js', ...loader });
const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const app = { raw: 0, gzip: 0 };
for (const file of assets) {
  const s = size(join(dist, 'assets', file));
  rows.push({ bundle: 'app', file: `assets/${file}`, ...s });
  app.raw += s.raw;
  app.gzip += s.gzip;
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const lines = [
  ['bundle', 'file', 'raw', 'gzip'],
  ...rows.map((r) => [r.bundle, r.file, kb(r.raw), kb(r.gzip)]),
  ['loader', 'total', kb(loader.raw), `${kb(loader.gzip)} / ${kb(budgets.loader)}`],
  ['app', 'total (JS + CSS)', kb(app.raw), `${kb(app.gzip)} / ${kb(budgets.app)}`],
];
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
for (const [i, line] of lines.entries()) {
  console.log(`| ${line.map((cell, j) => cell.padEnd(widths[j])).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
const over = [loader.gzip > budgets.loader && 'loader', app.gzip > budgets.app && 'app'].filter(Boolean);
if (over.length > 0) {
  console.error(`over budget: ${over.join(', ')}`);
  process.exitCode = 1;
}
