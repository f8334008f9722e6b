// Shared by the browser tests: a real motcuad (--seed-demo, gRPC and HTTP on port 0), the motcua
// CLI, and Debian's Chromium driven by playwright-core with a fresh profile. Screenshots go to
// $MOTCUA_SCREENSHOT_DIR (the build tree's browser-screenshots/).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BIN_DIR = process.env.MOTCUA_BIN_DIR;
export const SCREENSHOTS = process.env.MOTCUA_SCREENSHOT_DIR || join(tmpdir(), 'motcua-screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export async function startNode(extra = []) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-browser-'));
  const child = spawn(join(BIN_DIR, 'motcuad'), ['--data-dir', join(dir, 'node'), '--listen', '127.0.0.1:0',
    '--seed-demo', '--http-listen', '127.0.0.1:0', '--log-level', 'warning', ...extra],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const lines = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`motcuad did not start in 60 s: ${err}`)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const grpc = /^listening on (\S+)$/m.exec(out);
      const http = /^http listening on (\S+)$/m.exec(out);
      if (grpc && http) { clearTimeout(timer); resolve({ grpc: grpc[1], http: http[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`motcuad exited (${code}): ${err}`)); });
  });
  // The "listening on" line must come first (existing tools read only that one).
  if (out.indexOf('listening on') !== 0) throw new Error(`unexpected stdout order: ${out}`);
  return {
    dir,
    grpc: lines.grpc,
    url: `http://${lines.http}`,
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Runs the motcua CLI against the node as `user` (its own token file); returns {code, out, err}.
export function cli(node, user, args) {
  const env = { ...process.env, MOTCUA_SERVER: node.grpc, MOTCUA_PASSWORD: 'motcua-demo',
    MOTCUA_TOKEN_FILE: join(node.dir, `tokens-${user}`) };
  const login = spawnSync(join(BIN_DIR, 'motcua'), ['login', user], { env, encoding: 'utf8' });
  if (login.status !== 0) throw new Error(`motcua login ${user}: ${login.stderr}`);
  const r = spawnSync(join(BIN_DIR, 'motcua'), args, { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MOTCUA_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// Minimal valid files of the accepted types.
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = readFileSync(new URL('./fixtures/tiny.png', import.meta.url));

// Signs `page` in through the portal's own form.
export async function portalSignIn(page, node, user) {
  await page.goto(`${node.url}/portal/#/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill('motcua-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // The profile may hold another user's session: wait for this sign-in to finish (the portal
  // leaves the sign-in page only then).
  await page.waitForURL((u) => !u.hash.includes('dang-nhap'));
  await page.getByTestId('who').waitFor();
}

// A fetch from inside the page (its cookies, its CSRF token).
export async function pageFetch(page, method, path, body, extraHeaders = {}) {
  return page.evaluate(async ({ method, path, body, extraHeaders }) => {
    const csrf = (document.cookie.split('; ').find((c) => c.startsWith('motcua_csrf=')) || '').split('=')[1] || '';
    const headers = { 'Content-Type': 'application/json', 'X-Motcua-CSRF': csrf, ...extraHeaders };
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    return { status: res.status, json };
  }, { method, path, body, extraHeaders });
}
