// The monitoring dashboard shows the node's numbers: with a few dossiers received in person (CLI)
// and online (the gateway), its figures for the whole province and, after drilling down, for
// Phường Việt Trì equal TrackingService.GetReport's over HTTP; it updates by itself when a new
// dossier arrives; CSV export carries the same rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNode, launch, cli, shot, portalSignIn, pageFetch, PDF } from './harness.mjs';

let node;
let browser;
before(async () => { node = await startNode(); browser = await launch(); });
after(async () => { await browser?.close(); await node?.stop(); });

function receiveAtDesk(unit, idNumber) {
  const tk = join(node.dir, 'tk.pdf');
  const gt = join(node.dir, 'gt.pdf');
  writeFileSync(tk, PDF);
  writeFileSync(gt, PDF);
  const r = cli(node, `clerk.${unit}`, ['dossier', 'receive', '--procedure', '1.004837', '--unit', unit,
    '--name', 'Trần Thị Mai', '--id-number', idNumber, '--file', `TK=${tk}`, '--file', `GTTT=${gt}`]);
  assert.equal(r.code, 0, r.err);
}

async function metrics(page) {
  const out = {};
  for (const m of ['received-today', 'received-month', 'on-time-rate', 'overdue-open', 'online-share', 'sync-rate', 'finished-month']) {
    out[m] = (await page.locator(`[data-metric="${m}"]`).innerText()).trim();
  }
  return out;
}

const pct = (x) => `${Number(x).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

async function assertEqualsApi(page, unit) {
  const kpis = page.locator('#kpis');
  const start = await kpis.getAttribute('data-month-start');
  const end = await kpis.getAttribute('data-month-end');
  const q = new URLSearchParams({ start_time: start, end_time: end });
  if (unit) q.set('unit', unit);
  const api = await pageFetch(page, 'GET', `/api/v1/reports?${q}`);
  assert.equal(api.status, 200, JSON.stringify(api.json));
  const m = await metrics(page);
  assert.equal(m['received-month'], String(Number(api.json.received)));
  assert.equal(m['finished-month'], String(Number(api.json.finished)));
  assert.equal(m['overdue-open'], String(Number(api.json.overdueOpen)));
  assert.equal(m['on-time-rate'], pct(api.json.onTimeRate));
  assert.equal(m['online-share'], pct(api.json.onlineShare));
  assert.equal(m['sync-rate'], '—');
  return { api: api.json, m };
}

test('dashboard figures equal the API, drill down, live update, CSV', async () => {
  receiveAtDesk('07900', '025090000001');
  receiveAtDesk('07900', '025090000002');
  receiveAtDesk('04924', '025090000002');
  // One online dossier, submitted by a citizen through the gateway.
  const citizen = await browser.context.newPage();
  await portalSignIn(citizen, node, 'citizen.an');
  const created = await pageFetch(citizen, 'POST', '/api/v1/dossiers', {
    dossier: { procedure: 'procedures/1.004837', channel: 'CHANNEL_ONLINE', receivingUnit: '07900',
      applicant: { name: 'Nguyễn Văn An', idNumber: '025090000001' },
      attachments: [{ componentCode: 'TK', fileName: 'tk.pdf', content: PDF.toString('base64') },
        { componentCode: 'GTTT', fileName: 'gt.pdf', content: PDF.toString('base64') }] },
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  await citizen.close();
  // Reports count dossiers from reception: the clerk accepts it.
  const accepted = cli(node, 'clerk.07900', ['dossier', 'accept', created.json.dossier.code]);
  assert.equal(accepted.code, 0, accepted.err);

  const page = await browser.context.newPage();
  await page.goto(`${node.url}/dashboard/?refresh=2`);
  // The citizen's session is refused here (staff only); sign in as admin.
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('motcua-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('[data-metric="received-month"]').waitFor();
  const province = await assertEqualsApi(page, '');
  assert.equal(province.m['received-month'], '4');
  assert.equal(province.m['received-today'], '4');
  await page.getByTestId('children').waitFor();
  await shot(page, '10-dashboard-province');

  // CSV export.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const csvText = readFileSync(await download.path(), 'utf8');
  assert.match(csvText, /^\ufeffma_don_vi,ten_don_vi/);
  assert.match(csvText, /\n07900,Phường Việt Trì,[^\n]*,3,/);

  // Drill down to the ward, with the keyboard.
  const ward = page.locator('[data-drill="07900"]');
  await ward.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('unit-title').filter({ hasText: '07900' }).waitFor();
  const w = await assertEqualsApi(page, '07900');
  assert.equal(w.m['received-month'], '3');
  assert.equal(w.m['online-share'], pct(100 / 3));
  await shot(page, '11-dashboard-ward');

  // Live: a new dossier shows up without reloading.
  receiveAtDesk('07900', '025090000002');
  await page.locator('[data-metric="received-month"]').filter({ hasText: /^4$/ }).waitFor({ timeout: 15000 });
  await assertEqualsApi(page, '07900');
  await page.close();
});

test('dashboard on a phone-sized screen', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${node.url}/dashboard/?refresh=60`);
  await page.locator('[data-metric="received-month"]').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await shot(page, '12-dashboard-phone');
  await page.close();
});
