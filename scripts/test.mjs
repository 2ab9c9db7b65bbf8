// `npm test`: type check, lint, build the console, then every Vitest project
// (server on SQLite, server on PostgreSQL, console, end-to-end in Chromium), with one summary line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const step = (title, cmd, args) => {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  process.stdout.write(
    `== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return result.status === 0;
};

if (!step('type check (tsc -b)', bin('tsc'), ['-b'])) process.exit(1);
if (!step('lint (biome)', bin('biome'), ['check', '.'])) process.exit(1);
if (!step('build console', 'npm', ['run', 'build', '-w', '@kefu/console'])) process.exit(1);
if (!step('build widget', 'npm', ['run', 'build', '-w', '@kefu/widget'])) process.exit(1);

const report = path.join(tmpdir(), `kefu-vitest-${process.pid}.json`);
const passed = step('tests (vitest: server-sqlite, server-postgres, console, e2e)', bin('vitest'), [
  'run',
  ...process.argv.slice(2),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  process.stdout.write('\n');
  process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed\n`);
  rmSync(report, { force: true });
} catch {
  process.stdout.write('tests: the Vitest report could not be read\n');
}
process.exit(passed ? 0 : 1);
