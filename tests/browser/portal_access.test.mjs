// The portal on a phone-sized screen and with the keyboard alone: no sideways scrolling, every
// form control labelled, the catalogue searched and a procedure opened without a mouse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, launch, shot, portalSignIn } from './harness.mjs';

let node;
let browser;
before(async () => { node = await startNode(); browser = await launch(); });
after(async () => { await browser?.close(); await node?.stop(); });

async function unlabelled(page) {
  return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML));
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('phone-sized screen: search, procedure, submission form', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${node.url}/portal/`);
  await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).waitFor();
  assert.ok(await overflow(page) <= 1);
  assert.deepEqual(await unlabelled(page), []);
  await shot(page, '20-phone-search');
  await portalSignIn(page, node, 'citizen.binh');
  await page.goto(`${node.url}/portal/#/nop/1.004222`);
  await page.getByTestId('submit-form').waitFor();
  assert.ok(await overflow(page) <= 1);
  assert.deepEqual(await unlabelled(page), []);
  await shot(page, '21-phone-submit-form');
  await page.close();
});

test('keyboard alone: skip link, search, open a procedure', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${node.url}/portal/`);
  await page.getByTestId('results').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Bỏ qua, đến nội dung chính');
  await page.keyboard.press('Enter');
  // From the main content, Tab reaches the search field; type and submit with Enter.
  for (let i = 0; i < 5 && await page.evaluate(() => document.activeElement.id) !== 'q'; ++i) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('giam ho');
  await page.keyboard.press('Enter');
  const link = page.getByRole('link', { name: 'Thủ tục đăng ký giám hộ', exact: true });
  await link.waitFor();
  await link.focus();
  const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(focusVisible, 'solid');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Thủ tục đăng ký giám hộ' }).waitFor();
  await shot(page, '22-keyboard-procedure');
  await page.close();
});
