// `npm start`: build what is missing or stale, then run `kefu start` (which migrates and serves).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// tsc -b is incremental: it compiles only when sources changed since the last build.
run(process.execPath, [
  fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
  '-b',
  'packages/server',
]);
if (!existsSync(new URL('../packages/console/dist/index.html', import.meta.url))) {
  run('npm', ['run', 'build', '-w', '@kefu/console']);
}
if (!existsSync(new URL('../packages/widget/dist/loader.js', import.meta.url))) {
  run('npm', ['run', 'build', '-w', '@kefu/widget']);
}

const server = spawn(process.execPath, ['packages/server/bin/kefu.js', 'start'], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
