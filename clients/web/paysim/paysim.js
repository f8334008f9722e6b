// The payment-gateway simulator: what the national payment platform's page does for a citizen
// paying a dossier's fees. It shows the merchant (the receiving unit), the amount due and a
// choice of method; "Thanh toán" charges nothing real — the node's /pay/sim/api/charge issues a
// transaction reference and records the payment on the dossier (DossierEngine::PayOnline).
import { get, post, ApiError } from '/shared/api.js';
import { h, vnd } from '/shared/format.js';

const params = new URLSearchParams(location.search);
const code = params.get('dossier') || '';
// Only a page of the portal may be returned to (no open redirect).
const back = (params.get('return') || '').startsWith('/portal/') ? params.get('return') : '/portal/';
const main = document.getElementById('main');

function show(...nodes) {
  main.replaceChildren(...nodes);
  main.focus();
}

function fail(err) {
  show(h('h1', { text: 'Không thực hiện được thanh toán' }),
    h('p', { class: 'alert error', role: 'alert', 'data-testid': 'error', text: err instanceof ApiError ? err.messageVi : String(err) }),
    h('p', {}, h('a', { href: back, text: 'Quay lại Cổng dịch vụ công' })));
}

async function start() {
  if (!code) return fail(new Error('Thiếu mã hồ sơ cần thanh toán.'));
  let d;
  try {
    d = await get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
  } catch (err) {
    return fail(err);
  }
  const total = (d.fees || []).reduce((s, f) => s + Number(f.amountVnd || 0), 0);
  let merchant = d.receivingUnit;
  try {
    merchant = (await get(`/api/v1/units/${encodeURIComponent(d.receivingUnit)}`)).displayName;
  } catch (err) { /* the code will do */ }
  const methods = [['the', 'Thẻ ATM nội địa'], ['vi', 'Ví điện tử'], ['qr', 'Quét mã QR ngân hàng']];
  const msg = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'pay', text: `Thanh toán ${vnd(total)}`, 'data-testid': 'confirm' });
  const form = h('form', { class: 'card',
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      msg.replaceChildren(h('p', { class: 'muted', text: 'Đang xử lý giao dịch…' }));
      try {
        const method = form.querySelector('input[name=method]:checked').value;
        const resp = await post('/pay/sim/api/charge', { name: `dossiers/${d.code}`, amountVnd: String(total), method });
        const url = back.includes('#') ? `${back}?paid=${encodeURIComponent(resp.transactionId)}` : back;
        show(h('h1', { text: 'Giao dịch thành công' }),
          h('div', { class: 'alert ok', role: 'status', 'data-testid': 'success' },
            h('p', { text: `Đã thanh toán ${vnd(resp.amountVnd)} cho hồ sơ ${d.code}.` }),
            h('p', {}, 'Mã giao dịch: ', h('strong', { 'data-testid': 'transaction', text: resp.transactionId }))),
          h('p', {}, h('a', { class: 'button', href: url, 'data-testid': 'back', text: 'Quay lại Cổng dịch vụ công' })));
      } catch (err) {
        button.disabled = false;
        msg.replaceChildren(h('p', { class: 'alert error', role: 'alert', 'data-testid': 'error', text: err instanceof ApiError ? err.messageVi : String(err) }));
      }
    } },
  h('dl', { class: 'facts' },
    h('dt', { text: 'Đơn vị thụ hưởng' }), h('dd', { text: merchant }),
    h('dt', { text: 'Nội dung' }), h('dd', { text: `Phí, lệ phí hồ sơ ${d.code} — ${d.procedureDisplayName}` }),
    h('dt', { text: 'Số tiền' }), h('dd', { class: 'amount', 'data-testid': 'amount', text: vnd(total) })),
  h('fieldset', { class: 'methods' }, h('legend', { text: 'Hình thức thanh toán' }),
    ...methods.map(([v, l], i) => h('label', {}, h('input', { type: 'radio', name: 'method', value: v, checked: i === 0 }), l))),
  msg,
  h('div', { class: 'actions' }, button, h('a', { class: 'button secondary', href: back, text: 'Hủy, quay lại' })));
  show(h('h1', { text: 'Xác nhận thanh toán' }),
    h('p', { class: 'alert warn', text: 'Đây là cổng thanh toán mô phỏng dùng để thử nghiệm: không có tiền thật được chuyển.' }),
    form);
}

start();
