// A citizen finds a level-4 procedure without diacritics, submits it online with its papers,
// pays the fee on the payment-gateway simulator and gets the printable receipt; a clerk accepts
// the dossier with the motcua CLI; the citizen then sees the new status, the holding unit, the
// history and the day-by-day explanation of the due date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, launch, cli, shot, portalSignIn, PDF, PNG } from './harness.mjs';

let node;
let browser;
before(async () => { node = await startNode(); browser = await launch(); });
after(async () => { await browser?.close(); await node?.stop(); });

test('citizen submits a level-4 dossier, pays, gets the receipt; the clerk accepts it', async () => {
  const page = await browser.context.newPage();
  await portalSignIn(page, node, 'citizen.an');

  // Search without diacritics.
  await page.goto(`${node.url}/portal/#/`);
  await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky thuong tru');
  await page.getByLabel('Mức độ dịch vụ trực tuyến').selectOption('4');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  const result = page.getByRole('link', { name: 'Đăng ký thường trú', exact: true });
  await result.waitFor();
  await shot(page, '01-search-no-diacritics');
  await result.click();
  await page.getByRole('heading', { name: 'Đăng ký thường trú', exact: true }).waitFor();
  assert.match(await page.getByTestId('online-level').innerText(), /Toàn trình/);
  assert.match(await page.getByTestId('fee-total').innerText(), /20\.000/);
  await shot(page, '02-procedure');

  // Submit with attachments.
  await page.getByTestId('start-submit').click();
  await page.getByTestId('submit-form').waitFor();
  assert.equal(await page.getByLabel('Số định danh cá nhân (CCCD)').inputValue(), '025090000001');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Địa chỉ liên hệ').fill('Số 1 Hùng Vương, Phường Việt Trì');
  await page.getByLabel('Trích yếu nội dung yêu cầu').fill('Đăng ký thường trú tại nhà riêng');
  await page.getByLabel(/Tờ khai thay đổi thông tin cư trú/).setInputFiles({ name: 'to-khai-ct01.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel(/Giấy tờ chứng minh chỗ ở hợp pháp/).setInputFiles({ name: 'so-do.png', mimeType: 'image/png', buffer: PNG });
  await shot(page, '03-submit-form');
  await page.getByTestId('submit').click();
  await page.getByTestId('receipt').waitFor();
  const code = (await page.getByTestId('dossier-code').innerText()).trim();
  assert.match(code, /^[A-Z0-9.]+-\d{6}-\d{4}$/);
  assert.equal(await page.getByTestId('state').innerText(), 'Mới đăng ký');
  assert.match(await page.getByTestId('fees').innerText(), /chưa thanh toán/);

  // Pay on the simulator.
  await page.getByTestId('pay').click();
  await page.getByTestId('amount').waitFor();
  assert.match(await page.getByTestId('amount').innerText(), /20\.000/);
  await shot(page, '04-payment-simulator');
  await page.getByTestId('confirm').click();
  await page.getByTestId('success').waitFor();
  const txn = await page.getByTestId('transaction').innerText();
  assert.match(txn, /^SIM-[0-9A-F]{12}$/);
  await page.getByTestId('back').click();
  await page.getByTestId('paid').waitFor();
  assert.match(await page.getByTestId('fees').innerText(), /đã thanh toán/);
  await page.emulateMedia({ media: 'print' });
  await shot(page, '05-receipt-print');
  await page.emulateMedia({ media: 'screen' });
  await shot(page, '05-receipt');

  // The clerk accepts it with the CLI.
  const accepted = cli(node, 'clerk.07900', ['dossier', 'accept', code]);
  assert.equal(accepted.code, 0, accepted.err);

  // The citizen sees the new status, the holding unit and the explanation.
  await page.goto(`${node.url}/portal/#/ho-so/${code}`);
  await page.getByTestId('status').waitFor();
  await page.getByTestId('history').waitFor();
  assert.equal(await page.getByTestId('status').innerText(), 'Được tiếp nhận');
  assert.match(await page.getByTestId('holding').innerText(), /Phường Việt Trì \(07900\)/);
  const explain = await page.getByTestId('explain').innerText();
  assert.match(explain, /Thời hạn giải quyết: 7 ngày làm việc/);
  assert.match(explain, /Hẹn trả kết quả/);
  const history = await page.getByTestId('history').innerText();
  assert.match(history, /Nộp hồ sơ trực tuyến/);
  assert.match(history, /Đã thực hiện nghĩa vụ tài chính/);
  assert.match(history, new RegExp(txn));
  assert.match(history, /Tiếp nhận hồ sơ trực tuyến/);
  await shot(page, '06-status-after-accept');
  await page.close();
});
