#!/usr/bin/env node
// `npm run e2e [-- <playwright test args>]`
//
// 1. Makes sure a browser exists: a system Chromium ($CHROMIUM_PATH, then
//    /usr/bin/chromium — the rule playwright.config.ts follows too), else
//    Playwright's own Chromium, installed with `npx playwright install
//    chromium` if it is missing.
// 2. Builds dist/ if it is missing or older than the app's sources, since the
//    specs run against the built app served by `vite preview`.
// 3. Runs `npx playwright test` with the given arguments and exits with its
//    exit code.
//
// Plain Node ESM, no dependencies beyond the project's own.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const npx = isWindows ? 'npx.cmd' : 'npx';
const npm = isWindows ? 'npm.cmd' : 'npm';

/** @param {string} cmd @param {string[]} args @returns {number} */
function run(cmd, args) {
  console.log(`[e2e] $ ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWindows });
  if (result.error) {
    console.error(`[e2e] could not start ${cmd}: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`[e2e] ${cmd} was killed by ${result.signal}`);
    return 1;
  }
  return result.status ?? 1;
}

/** @returns {string | undefined} */
function systemChromium() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
    (p) => p !== undefined && p !== '' && existsSync(p),
  );
}

/** @returns {Promise<boolean>} */
async function bundledChromiumInstalled() {
  try {
    const { chromium } = await import('@playwright/test');
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

/** Latest mtime (ms) of a file, or of every file below a folder. @param {string} path @returns {number} */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale() {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newestInput > statSync(built).mtimeMs;
}

const chromiumPath = systemChromium();
if (chromiumPath) {
  console.log(`[e2e] using system Chromium: ${chromiumPath}`);
} else if (await bundledChromiumInstalled()) {
  console.log("[e2e] using Playwright's bundled Chromium");
} else {
  console.log('[e2e] no system Chromium and no Playwright Chromium: installing one');
  const code = run(npx, ['playwright', 'install', 'chromium']);
  if (code !== 0) process.exit(code);
}

if (buildIsStale()) {
  console.log('[e2e] dist/ is missing or older than the sources: building');
  const code = run(npm, ['run', 'build']);
  if (code !== 0) process.exit(code);
}

process.exit(run(npx, ['playwright', 'test', ...process.argv.slice(2)]));
