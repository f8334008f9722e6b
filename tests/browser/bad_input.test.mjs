// Bad input gets a clear Vietnamese message, the right status code, and nothing is written:
// missing fields, oversized and wrongly typed uploads, a forged session cookie, a missing CSRF
// token, another citizen's dossier code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, launch, shot, portalSignIn, pageFetch, PDF, PNG } from './harness.mjs';

let node;
let browser;
let anCode;
before(async () => { node = await startNode(); browser = await launch(); });
after(async () => { await browser?.close(); await node?.stop(); });

async function dossierCount(page) {
  const r = await pageFetch(page, 'GET', '/api/v1/worklist?view=ALL&page_size=500');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return Number(r.json.totalSize || 0);
}

function body(attachments, extra = {}) {
  return { dossier: { procedure: 'procedures/1.004222', channel: 'CHANNEL_ONLINE', receivingUnit: '07900',
    applicant: { name: 'Nguyễn Văn An', idNumber: '025090000001' }, attachments, ...extra } };
}
const papers = [{ componentCode: 'TK', fileName: 'tk.pdf', content: PDF.toString('base64') },
  { componentCode: 'CHO', fileName: 'cho.png', content: PNG.toString('base64') }];

test('missing fields and wrong files: messages in the page, nothing sent', async () => {
  const page = await browser.context.newPage();
  await portalSignIn(page, node, 'citizen.an');
  const before = await dossierCount(page);
  await page.goto(`${node.url}/portal/#/nop/1.004222`);
  await page.getByTestId('submit-form').waitFor();
  await page.getByLabel('Họ và tên').fill('');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('12ab');
  await page.getByLabel(/Tờ khai thay đổi thông tin cư trú/).setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await page.getByLabel(/Giấy tờ chứng minh chỗ ở hợp pháp/).setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
  await page.getByTestId('submit').click();
  const summary = page.getByTestId('error');
  await summary.waitFor();
  const text = await summary.innerText();
  assert.match(text, /Họ và tên người nộp là bắt buộc/);
  assert.match(text, /phải gồm 9 đến 13 chữ số/);
  assert.match(text, /chỉ nhận tệp PDF, JPG hoặc PNG/);
  assert.match(text, /tệp lớn hơn 10 MiB/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'error');
  assert.equal(await page.getByLabel('Họ và tên').getAttribute('aria-invalid'), 'true');
  await shot(page, '30-missing-fields');
  assert.equal(await dossierCount(page), before);
  await page.close();
});

test('the server checks too: 400 with the field, 413 over 32 MiB, wrong type; nothing written', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${node.url}/portal/`);
  const before = await dossierCount(page);
  // A missing applicant name.
  let r = await pageFetch(page, 'POST', '/api/v1/dossiers', body(papers, { applicant: { name: '', idNumber: '025090000001' } }));
  assert.equal(r.status, 400);
  assert.equal(r.json.error.status, 'INVALID_ARGUMENT');
  assert.equal(r.json.error.field, 'dossier.applicant.name');
  assert.equal(r.json.error.message_vi, 'Họ và tên người nộp là bắt buộc nhưng chưa được nhập.');
  // A paper over 10 MiB (the body itself is under 32 MiB).
  const big = Buffer.alloc(11 * 1024 * 1024, 0x25);
  big.write('%PDF-');
  r = await pageFetch(page, 'POST', '/api/v1/dossiers', body([papers[0], { componentCode: 'CHO', fileName: 'big.pdf', content: big.toString('base64') }]));
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'dossier.attachments[1].content');
  assert.match(r.json.error.message_vi, /Tệp đính kèm vượt quá dung lượng cho phép/);
  // A body over 32 MiB never reaches a handler.
  r = await pageFetch(page, 'POST', '/api/v1/dossiers', JSON.stringify({ pad: 'x'.repeat(33 * 1024 * 1024) }));
  assert.equal(r.status, 413);
  assert.match(r.json.error.message_vi, /Dữ liệu gửi lên quá lớn/);
  // An executable named .pdf.
  r = await pageFetch(page, 'POST', '/api/v1/dossiers', body([papers[0], { componentCode: 'CHO', fileName: 'cho.pdf', content: Buffer.from('MZ\x90\x00').toString('base64') }]));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message_vi, /chỉ PDF, JPG, PNG/);
  // Not JSON at all.
  r = await pageFetch(page, 'POST', '/api/v1/dossiers', '{"dossier": ');
  assert.equal(r.status, 400);
  assert.match(r.json.error.message_vi, /JSON/);
  assert.equal(await dossierCount(page), before);
  await page.close();
});

test('forged session cookie and missing CSRF token are refused', async () => {
  const page = await browser.context.newPage();
  await portalSignIn(page, node, 'citizen.an');
  const before = await dossierCount(page);
  // Without the CSRF header the session cookie alone writes nothing.
  let r = await pageFetch(page, 'POST', '/api/v1/dossiers', body(papers), { 'X-Motcua-CSRF': '' });
  assert.equal(r.status, 403);
  assert.match(r.json.error.message_vi, /chống giả mạo/);
  // Another site's page is refused by its Origin, even with the right CSRF token.
  const csrf = (await browser.context.cookies()).find((c) => c.name === 'motcua_csrf').value;
  const cross = await page.request.post(`${node.url}/api/v1/dossiers`, {
    headers: { Origin: 'http://evil.example', 'X-Motcua-CSRF': csrf, 'Content-Type': 'application/json' },
    data: JSON.stringify(body(papers)),
  });
  assert.equal(cross.status(), 403);
  assert.match((await cross.json()).error.message_vi, /trang web khác/);
  // A forged cookie: the node refuses it, says so in Vietnamese and drops it.
  await browser.context.addCookies([{ name: 'motcua_session', value: 'eyJmb3JnZWQiOnRydWV9.AAAA', url: node.url }]);
  r = await pageFetch(page, 'POST', '/api/v1/dossiers', body(papers));
  assert.equal(r.status, 401);
  assert.equal(r.json.error.message_vi, 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
  await page.goto(`${node.url}/portal/#/cua-toi`);
  await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
  await shot(page, '31-forged-session');
  await browser.context.clearCookies();
  await portalSignIn(page, node, 'citizen.an');
  assert.equal(await dossierCount(page), before);
  await page.close();
});

test("another citizen's dossier: public status only, Vietnamese refusal, nothing written", async () => {
  const page = await browser.context.newPage();
  await portalSignIn(page, node, 'citizen.an');
  const created = await pageFetch(page, 'POST', '/api/v1/dossiers', body(papers));
  assert.equal(created.status, 200, JSON.stringify(created.json));
  anCode = created.json.dossier.code;
  const events = async () => (await pageFetch(page, 'GET', `/api/v1/dossiers/${anCode}/events`)).json.events.length;
  const before = await events();

  const other = await browser.context.newPage();
  await portalSignIn(other, node, 'citizen.binh');
  await other.goto(`${node.url}/portal/#/ho-so/${anCode}`);
  await other.getByTestId('status').waitFor();
  const refusal = other.getByTestId('error');
  await refusal.waitFor();
  assert.equal(await refusal.innerText(), 'Hồ sơ này thuộc về người nộp khác; bạn chỉ xem và thao tác được hồ sơ đứng tên mình.');
  assert.equal(await other.getByTestId('history').count(), 0);
  await shot(other, '32-other-citizens-dossier');
  for (const [path, payload] of [[`/api/v1/dossiers/${anCode}:withdraw`, { reason: 'x' }],
    [`/api/v1/dossiers/${anCode}:rate`, { rating: 1 }],
    ['/pay/sim/api/charge', { name: `dossiers/${anCode}`, amountVnd: '20000', method: 'the' }]]) {
    const r = await pageFetch(other, 'POST', path, payload);
    assert.equal(r.status, 403, `${path}: ${JSON.stringify(r.json)}`);
    assert.match(r.json.error.message_vi, /thuộc về người nộp khác/);
  }
  // Citizen.binh's cookies replaced citizen.an's in this shared profile: sign an in again.
  await portalSignIn(page, node, 'citizen.an');
  assert.equal(await events(), before);
  await other.close();
  await page.close();
});
