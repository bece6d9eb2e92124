#!/usr/bin/env node
// `npm start`: builds what is out of date, then runs the server (migrations and the
// demo workspace happen at boot). `npm run migrate` passes --migrate-only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(root, 'apps/server/dist/main.js');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function outdated(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((dir) => newestMtime(path.join(root, dir)) > built);
}

function run(label, command, args) {
  console.log(`» ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

if (outdated(serverEntry, ['apps/server/src', 'packages/contracts/src'])) {
  run('building the server (TypeScript)', process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-b',
    'apps/server',
  ]);
}
const webIndex = path.join(root, 'apps/web/dist/index.html');
if (
  existsSync(path.join(root, 'apps/web/package.json')) &&
  outdated(webIndex, ['apps/web/src', 'packages/contracts/src'])
) {
  run('building the agent workspace (Vite)', 'npm', [
    'run',
    'build',
    '--workspace',
    '@frontline/web',
    '--silent',
  ]);
}

const server = spawnSync(process.execPath, ['--enable-source-maps', serverEntry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
