// The citizen portal (Cổng dịch vụ công): search the catalogue, read a procedure, sign in, submit
// a dossier with its papers, pay a level-4 fee through the payment-gateway simulator, print the
// receipt, look a dossier up, supplement it when asked and rate the service. One page, routes in
// the URL fragment; every rule is the node's — the checks here only spare a round trip.
import { api, get, post, fileToBase64, ApiError } from '/shared/api.js';
import {
  h, vnd, dateTime, STATE_NAMES, TIMELINESS_NAMES, LEVEL_NAMES, ADMIN_LEVEL_NAMES, CHANNEL_NAMES,
} from '/shared/format.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ALLOWED_FILE = /\.(pdf|jpe?g|png)$/i;
const FINISHED = ['REFUSED', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED'];

let session = null; // motcua.v1.User of the signed-in user, or null
const unitNames = new Map();

const main = () => document.getElementById('main');

function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 50);
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

let firstRender = true;

function render(title, ...nodes) {
  const m = main();
  m.replaceChildren(h('h1', { text: title }), ...nodes);
  document.title = `${title} — Cổng dịch vụ công Phú Thọ`;
  // A new view takes the focus (screen readers announce it); the first one leaves it at the top
  // of the page, so the skip link stays the first Tab stop.
  if (!firstRender) m.focus();
  firstRender = false;
}

function errorBox(err, id) {
  const text = err instanceof ApiError ? err.messageVi : String(err.message || err);
  const box = h('div', { class: 'alert error', role: 'alert', id, tabindex: '-1', 'data-testid': 'error' }, text);
  if (err instanceof ApiError && err.httpStatus === 401) {
    box.append(' ', h('a', { href: `#/dang-nhap?next=${encodeURIComponent(location.hash)}`, text: 'Đăng nhập lại' }));
  }
  return box;
}

// The node refused the session (expired, forged, signed out elsewhere): show the signed-out header.
window.addEventListener('motcua:signed-out', () => {
  if (session) {
    session = null;
    renderWho();
  }
});

async function unitName(code) {
  if (!code) return '—';
  if (unitNames.has(code)) return unitNames.get(code);
  try {
    const u = await get(`/api/v1/units/${encodeURIComponent(code)}`);
    unitNames.set(code, `${u.displayName} (${code})`);
  } catch (err) {
    unitNames.set(code, code);
  }
  return unitNames.get(code);
}

function facts(pairs) {
  const dl = h('dl', { class: 'facts' });
  for (const [k, v, testid] of pairs) {
    dl.append(h('dt', { text: k }), h('dd', { 'data-testid': testid }, v instanceof Node ? v : String(v ?? '—')));
  }
  return dl;
}

function feeTotal(fees) {
  return (fees || []).reduce((sum, f) => sum + Number(f.amountVnd || 0), 0);
}

// ---- header: who is signed in ----
async function loadSession() {
  try {
    session = await get('/api/v1/session');
  } catch (err) {
    session = null;
  }
  renderWho();
}

function renderWho() {
  const who = document.getElementById('who');
  if (!session) {
    who.replaceChildren(h('a', { href: '#/dang-nhap', class: 'button secondary', text: 'Đăng nhập' }));
    return;
  }
  who.replaceChildren(
    h('span', { 'data-testid': 'who' }, `Xin chào, ${session.displayName || session.username}`),
    h('button', {
      type: 'button', class: 'secondary', text: 'Đăng xuất',
      onclick: async () => {
        await api('DELETE', '/api/v1/session');
        session = null;
        renderWho();
        announce('Đã đăng xuất.');
        go('#/');
      },
    }),
  );
}

function markNav(name) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ---- home: the catalogue ----
async function viewHome(params) {
  markNav('home');
  const q = params.get('q') || '';
  const level = params.get('muc') || '';
  const input = h('input', { type: 'search', id: 'q', name: 'q', value: q, autocomplete: 'off',
    'aria-describedby': 'q-hint' });
  const select = h('select', { id: 'level', name: 'level' },
    h('option', { value: '', text: 'Tất cả' }),
    h('option', { value: '4', text: 'Toàn trình (mức độ 4)' }),
    h('option', { value: '3', text: 'Một phần (mức độ 3)' }));
  select.value = level;
  const form = h('form', { class: 'search-form card', role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (input.value.trim()) p.set('q', input.value.trim());
      if (select.value) p.set('muc', select.value);
      go(`#/?${p}`);
    } },
  h('div', { class: 'field' },
    h('label', { for: 'q', text: 'Tìm thủ tục hành chính' }),
    h('span', { class: 'hint', id: 'q-hint', text: 'Gõ có dấu hoặc không dấu, ví dụ: "dang ky thuong tru".' }),
    input),
  h('div', { class: 'field narrow' }, h('label', { for: 'level', text: 'Mức độ dịch vụ trực tuyến' }), select),
  h('button', { type: 'submit', text: 'Tìm kiếm' }));
  const results = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Đang tìm…' }));
  render('Thủ tục hành chính', form, results);
  if (q) input.focus();
  const query = new URLSearchParams({ page_size: '100' });
  if (q) query.set('query', q);
  if (level === '4') query.set('online_level', 'ONLINE_SERVICE_LEVEL_FULL');
  if (level === '3') query.set('online_level', 'ONLINE_SERVICE_LEVEL_PARTIAL');
  try {
    const resp = await get(`/api/v1/procedures?${query}`);
    const list = resp.procedures || [];
    const ul = h('ul', { class: 'results', 'data-testid': 'results' });
    for (const p of list) {
      ul.append(h('li', {},
        h('a', { class: 'title', href: `#/thu-tuc/${encodeURIComponent(p.code)}`, text: p.displayName }),
        h('div', { class: 'meta' },
          h('span', { text: `Mã: ${p.code}` }),
          h('span', { text: `Lĩnh vực: ${p.field ? p.field.displayName : '—'}` }),
          h('span', { class: p.onlineLevel === 'ONLINE_SERVICE_LEVEL_FULL' ? 'badge l4' : 'badge',
            text: LEVEL_NAMES[p.onlineLevel] || '—' }),
          h('span', { text: `Thời hạn: ${p.timeLimit ? p.timeLimit.displayText : '—'}` }))));
    }
    results.replaceChildren(
      h('p', { 'data-testid': 'result-count', text: `Tìm thấy ${resp.totalSize ?? list.length} thủ tục.` }), ul);
  } catch (err) {
    results.replaceChildren(errorBox(err));
  }
}

// ---- one procedure ----
async function viewProcedure(code) {
  markNav('home');
  let p;
  try {
    p = await get(`/api/v1/procedures/${encodeURIComponent(code)}`);
  } catch (err) {
    render('Thủ tục hành chính', errorBox(err));
    return;
  }
  const online = p.onlineLevel === 'ONLINE_SERVICE_LEVEL_FULL' || p.onlineLevel === 'ONLINE_SERVICE_LEVEL_PARTIAL';
  const fees = h('table', {},
    h('caption', { class: 'visually-hidden', text: 'Phí, lệ phí' }),
    h('thead', {}, h('tr', {}, h('th', { text: 'Khoản' }), h('th', { class: 'num', text: 'Mức thu' }), h('th', { text: 'Ghi chú' }))),
    h('tbody', {}, ...(p.fees || []).map((f) => h('tr', {},
      h('td', { text: f.displayName }),
      h('td', { class: 'num', text: `${vnd(f.amountVnd)}${f.per ? ` / ${f.per}` : ''}` }),
      h('td', { text: `${f.note || ''}${f.setByProvince ? ' (mức thu do HĐND tỉnh quy định)' : ''}` })))));
  const papers = h('ol', {}, ...(p.components || []).map((c) => h('li', {},
    `${c.displayName} — ${c.copies || 1} bản`, c.required ? h('strong', { text: ' (bắt buộc)' }) : ' (nếu có)')));
  const steps = h('ol', {}, ...(p.steps || []).map((s) => h('li', { text: s.displayName })));
  render(p.displayName,
    h('div', { class: 'card' }, facts([
      ['Mã thủ tục', p.code],
      ['Lĩnh vực', p.field ? p.field.displayName : '—'],
      ['Cấp thực hiện', (p.implementingLevels || []).map((l) => ADMIN_LEVEL_NAMES[l] || l).join(', ')],
      ['Mức độ trực tuyến', h('span', { class: p.onlineLevel === 'ONLINE_SERVICE_LEVEL_FULL' ? 'badge l4' : 'badge', text: LEVEL_NAMES[p.onlineLevel] || '—' }), 'online-level'],
      ['Thời hạn giải quyết', p.timeLimit ? p.timeLimit.displayText : '—', 'time-limit'],
      ['Tổng phí, lệ phí', vnd(feeTotal(p.fees)), 'fee-total'],
    ])),
    online ? h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/nop/${encodeURIComponent(p.code)}`, text: 'Nộp hồ sơ trực tuyến', 'data-testid': 'start-submit' })) : null,
    h('h2', { text: 'Thành phần hồ sơ' }), h('div', { class: 'card' }, papers),
    h('h2', { text: 'Phí, lệ phí' }), h('div', { class: 'card table-wrap' }, (p.fees || []).length ? fees : h('p', { text: 'Không thu phí, lệ phí.' })),
    h('h2', { text: 'Trình tự thực hiện' }), h('div', { class: 'card' }, steps),
    (p.demoFields || []).length ? h('p', { class: 'muted', text: `Giá trị minh họa: ${p.demoFields.join(', ')}.` }) : null);
}

// ---- sign in ----
function viewSignIn(params) {
  markNav('');
  const next = params.get('next') || '#/';
  const user = h('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const msg = h('div');
  const form = h('form', { class: 'card', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      msg.replaceChildren();
      if (!user.value.trim() || !pass.value) {
        msg.replaceChildren(errorBox(new Error('Vui lòng nhập tên đăng nhập và mật khẩu.')));
        (user.value.trim() ? pass : user).focus();
        return;
      }
      try {
        const resp = await post('/api/v1/session', { username: user.value.trim(), password: pass.value });
        session = resp.user;
        renderWho();
        announce('Đăng nhập thành công.');
        go(next.startsWith('#/') ? next : '#/');
      } catch (err) {
        msg.replaceChildren(errorBox(err));
        pass.value = '';
        pass.focus();
      }
    } },
  msg,
  h('div', { class: 'field' }, h('label', { for: 'username', class: 'required', text: 'Tên đăng nhập' }), user),
  h('div', { class: 'field' }, h('label', { for: 'password', class: 'required', text: 'Mật khẩu' }), pass),
  h('button', { type: 'submit', text: 'Đăng nhập' }));
  render('Đăng nhập', form,
    h('p', { class: 'alert', text: 'Tài khoản minh họa: citizen.an (CCCD 025090000001) hoặc citizen.binh, mật khẩu motcua-demo.' }));
  user.focus();
}

function needSignIn(title) {
  render(title, h('p', { class: 'alert' }, 'Bạn cần đăng nhập bằng tài khoản công dân để tiếp tục. ',
    h('a', { href: `#/dang-nhap?next=${encodeURIComponent(location.hash)}`, text: 'Đăng nhập' })));
}

// ---- form helpers ----
function fieldBox(id, label, input, { required = false, hint = '' } = {}) {
  input.id = id;
  const err = h('span', { class: 'error-text', id: `${id}-err`, hidden: true });
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  input.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' '));
  if (required) input.setAttribute('aria-required', 'true');
  return h('div', { class: 'field' }, h('label', { for: id, class: required ? 'required' : '', text: label }), hintEl, input, err);
}

function setFieldError(id, text) {
  const input = document.getElementById(id);
  const err = document.getElementById(`${id}-err`);
  if (!input || !err) return false;
  input.setAttribute('aria-invalid', 'true');
  err.textContent = text;
  err.hidden = false;
  return true;
}

function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.error-text')) { el.hidden = true; el.textContent = ''; }
}

function showErrors(box, errors) {
  // errors: [{id, text}]; the summary links to each field (GOV.UK style) and takes the focus.
  for (const e of errors) setFieldError(e.id, e.text);
  const list = h('ul', {}, ...errors.map((e) => h('li', {}, h('a', { href: `#${e.id}`, text: e.text,
    onclick: (ev) => { ev.preventDefault(); document.getElementById(e.id)?.focus(); } }))));
  const summary = h('div', { class: 'alert error', role: 'alert', tabindex: '-1', 'data-testid': 'error' },
    h('strong', { text: 'Hồ sơ chưa gửi được, vui lòng kiểm tra:' }), list);
  box.replaceChildren(summary);
  summary.focus();
}

function checkFile(file) {
  if (!ALLOWED_FILE.test(file.name)) return 'chỉ nhận tệp PDF, JPG hoặc PNG';
  if (file.size === 0) return 'tệp rỗng';
  if (file.size > MAX_FILE_BYTES) return 'tệp lớn hơn 10 MiB';
  return '';
}

const FIELD_IDS = {
  'dossier.applicant.name': 'f-name',
  'dossier.applicant.id_number': 'f-id',
  'dossier.applicant.phone': 'f-phone',
  'dossier.applicant.email': 'f-email',
  'dossier.applicant.address': 'f-address',
  'dossier.summary': 'f-summary',
  'dossier.receiving_unit': 'f-unit',
  'dossier.competent_unit': 'f-unit',
};

// ---- submit a dossier ----
async function viewSubmit(code) {
  markNav('home');
  if (!session) return needSignIn('Nộp hồ sơ trực tuyến');
  if (session.role !== 'citizen') {
    render('Nộp hồ sơ trực tuyến', h('p', { class: 'alert warn', text: 'Chỉ tài khoản công dân nộp hồ sơ trực tuyến tại cổng này; cán bộ tiếp nhận hồ sơ bằng ứng dụng một cửa.' }));
    return;
  }
  let p;
  let units = [];
  try {
    p = await get(`/api/v1/procedures/${encodeURIComponent(code)}`);
    for (const level of p.implementingLevels || []) {
      const resp = await get(`/api/v1/units?level=${level}&page_size=500`);
      units = units.concat(resp.units || []);
    }
  } catch (err) {
    render('Nộp hồ sơ trực tuyến', errorBox(err));
    return;
  }
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', value: session.displayName || '' });
  const idNumber = h('input', { type: 'text', name: 'id', inputmode: 'numeric', autocomplete: 'off', value: session.citizenId || '' });
  const phone = h('input', { type: 'tel', name: 'phone', autocomplete: 'tel' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email' });
  const address = h('input', { type: 'text', name: 'address', autocomplete: 'street-address' });
  const unit = h('select', { name: 'unit' }, h('option', { value: '', text: '— Chọn nơi nộp —' }),
    ...units.map((u) => h('option', { value: u.code, text: `${u.displayName} (${u.code})` })));
  if (units.some((u) => u.code === '07900')) unit.value = '07900';
  const summary = h('textarea', { name: 'summary', maxlength: '2000' });
  const fileInputs = (p.components || []).map((c, i) => {
    const input = h('input', { type: 'file', name: `file-${c.code}`, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png', 'data-component': c.code });
    return { component: c, input, box: fieldBox(`f-file-${i}`, `${c.displayName} (${c.code})`, input, { required: c.required, hint: 'PDF, JPG hoặc PNG, tối đa 10 MiB.' }) };
  });
  const errors = h('div');
  const submitButton = h('button', { type: 'submit', text: 'Nộp hồ sơ', 'data-testid': 'submit' });
  const form = h('form', { novalidate: true, 'data-testid': 'submit-form',
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      errors.replaceChildren();
      const problems = [];
      if (!name.value.trim()) problems.push({ id: 'f-name', text: 'Họ và tên người nộp là bắt buộc.' });
      if (!/^\d{9,13}$/.test(idNumber.value.trim())) problems.push({ id: 'f-id', text: 'Số định danh cá nhân (CCCD) phải gồm 9 đến 13 chữ số.' });
      if (phone.value && !/^[+\d ]{1,15}$/.test(phone.value)) problems.push({ id: 'f-phone', text: 'Số điện thoại chỉ gồm chữ số, dấu cách và dấu +.' });
      if (email.value && !email.value.includes('@')) problems.push({ id: 'f-email', text: 'Thư điện tử không đúng định dạng.' });
      if (!unit.value) problems.push({ id: 'f-unit', text: 'Vui lòng chọn nơi nộp hồ sơ.' });
      fileInputs.forEach(({ component, input }, i) => {
        const file = input.files[0];
        if (!file && component.required) problems.push({ id: `f-file-${i}`, text: `Thiếu giấy tờ bắt buộc: ${component.displayName}.` });
        if (file) {
          const why = checkFile(file);
          if (why) problems.push({ id: `f-file-${i}`, text: `${component.displayName}: ${why}.` });
        }
      });
      if (problems.length) return showErrors(errors, problems);
      submitButton.disabled = true;
      submitButton.textContent = 'Đang gửi…';
      try {
        const attachments = [];
        const attachmentIds = [];
        for (const [i, { component, input }] of fileInputs.entries()) {
          const file = input.files[0];
          if (!file) continue;
          attachments.push({ componentCode: component.code, fileName: file.name, content: await fileToBase64(file) });
          attachmentIds.push(`f-file-${i}`);
        }
        const resp = await post('/api/v1/dossiers', {
          dossier: {
            procedure: `procedures/${p.code}`,
            channel: 'CHANNEL_ONLINE',
            applicant: { name: name.value.trim(), idNumber: idNumber.value.trim(), phone: phone.value.trim(), email: email.value.trim(), address: address.value.trim() },
            summary: summary.value.trim(),
            receivingUnit: unit.value,
            attachments,
          },
          requestId: `web-${crypto.randomUUID()}`,
        });
        if (resp.outcome === 'SUPPLEMENT_GUIDANCE') {
          showErrors(errors, (resp.missingComponents || []).map((m) => ({ id: 'f-file-0', text: `Thiếu giấy tờ: ${m}` })));
          return;
        }
        const d = resp.dossier;
        sessionStorage.setItem(`form:${d.code}`, resp.formText || '');
        announce(`Đã nộp hồ sơ ${d.code}.`);
        go(`#/bien-nhan/${encodeURIComponent(d.code)}`);
      } catch (err) {
        let id = FIELD_IDS[err.field] || '';
        const m = /attachments\[(\d+)\]/.exec(err.field || '');
        if (m) id = 'f-file-0';
        showErrors(errors, [{ id: id || 'f-name', text: err.messageVi || String(err) }]);
      } finally {
        submitButton.disabled = false;
        submitButton.textContent = 'Nộp hồ sơ';
      }
    } },
  errors,
  h('h2', { text: 'Người nộp hồ sơ' }),
  fieldBox('f-name', 'Họ và tên', name, { required: true }),
  fieldBox('f-id', 'Số định danh cá nhân (CCCD)', idNumber, { required: true, hint: 'Hồ sơ đứng tên chính chủ tài khoản: số CCCD phải trùng với tài khoản.' }),
  fieldBox('f-phone', 'Số điện thoại', phone),
  fieldBox('f-email', 'Thư điện tử', email),
  fieldBox('f-address', 'Địa chỉ liên hệ', address),
  h('h2', { text: 'Nơi nộp và nội dung' }),
  fieldBox('f-unit', 'Nơi nộp hồ sơ (Bộ phận Một cửa)', unit, { required: true }),
  fieldBox('f-summary', 'Trích yếu nội dung yêu cầu', summary, { hint: 'Không bắt buộc, tối đa 2000 ký tự.' }),
  h('h2', { text: 'Giấy tờ kèm theo' }),
  ...fileInputs.map((f) => f.box),
  feeTotal(p.fees) > 0 ? h('p', { class: 'alert', text: `Phí, lệ phí: ${vnd(feeTotal(p.fees))}. Sau khi nộp, bạn có thể thanh toán trực tuyến ngay.` }) : null,
  h('div', { class: 'actions' }, submitButton, h('a', { class: 'button secondary', href: `#/thu-tuc/${encodeURIComponent(p.code)}`, text: 'Quay lại' })));
  render(`Nộp hồ sơ: ${p.displayName}`, h('div', { class: 'card' }, form));
}

// ---- receipt ----
async function viewReceipt(code, params) {
  markNav('mine');
  if (!session) return needSignIn('Giấy tiếp nhận hồ sơ');
  let d;
  try {
    d = await get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
  } catch (err) {
    render('Giấy tiếp nhận hồ sơ', errorBox(err));
    return;
  }
  const total = feeTotal(d.fees);
  const unit = await unitName(d.receivingUnit);
  const canPay = total > 0 && !d.payTime && (d.state === 'SUBMITTED' || d.state === 'PAYMENT_REQUESTED');
  const paid = params.get('paid');
  const formText = sessionStorage.getItem(`form:${d.code}`);
  const receipt = h('section', { class: 'receipt', 'aria-label': 'Giấy tiếp nhận hồ sơ', 'data-testid': 'receipt' },
    h('header', {},
      h('p', { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' }),
      h('p', { text: 'Độc lập — Tự do — Hạnh phúc' }),
      h('p', {}, h('strong', { text: 'GIẤY TIẾP NHẬN HỒ SƠ TRỰC TUYẾN' })),
      h('p', { class: 'muted', text: unit })),
    h('p', {}, 'Mã hồ sơ: ', h('span', { class: 'code', 'data-testid': 'dossier-code', text: d.code })),
    facts([
      ['Thủ tục', d.procedureDisplayName],
      ['Người nộp', `${d.applicant.name} — CCCD ${d.applicant.idNumber}`],
      ['Kênh nộp', CHANNEL_NAMES[d.channel] || d.channel],
      ['Thời điểm nộp', dateTime(d.submitTime)],
      ['Nơi tiếp nhận', unit],
      ['Trạng thái', d.stateDisplayName || STATE_NAMES[d.state], 'state'],
      ['Ngày hẹn trả kết quả', d.dueTime ? dateTime(d.dueTime) : 'Sẽ có khi cán bộ tiếp nhận hồ sơ (thời hạn tính từ lúc tiếp nhận).', 'due'],
      ['Phí, lệ phí', total > 0 ? `${vnd(total)} — ${d.payTime ? `đã thanh toán lúc ${dateTime(d.payTime)}` : 'chưa thanh toán'}` : 'Không thu', 'fees'],
      ['Giấy tờ đã nộp', (d.attachments || []).map((a) => `${a.fileName} (${a.componentCode}, ${Math.ceil(a.sizeBytes / 1024)} KB)`).join('; ') || '—'],
    ]),
    formText ? h('details', {}, h('summary', { text: 'Nội dung biểu mẫu' }), h('pre', { class: 'form-text', text: formText })) : null,
    h('p', { class: 'muted', text: `Tra cứu tình trạng hồ sơ bằng mã ${d.code} tại mục "Tra cứu hồ sơ".` }),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', text: 'In giấy tiếp nhận', onclick: () => window.print() }),
      canPay ? h('a', { class: 'button', 'data-testid': 'pay',
        href: `/pay/sim/?dossier=${encodeURIComponent(d.code)}&return=${encodeURIComponent(`/portal/#/bien-nhan/${d.code}`)}`,
        text: `Thanh toán trực tuyến ${vnd(total)}` }) : null,
      h('a', { class: 'button secondary', href: `#/ho-so/${encodeURIComponent(d.code)}`, text: 'Xem tình trạng hồ sơ' })));
  render('Giấy tiếp nhận hồ sơ',
    paid ? h('p', { class: 'alert ok no-print', role: 'status', 'data-testid': 'paid', text: `Đã thanh toán trực tuyến thành công, mã giao dịch ${paid}.` }) : null,
    h('div', { class: 'print-area' }, receipt));
}

// ---- look a dossier up ----
function lookupForm(value = '') {
  const input = h('input', { type: 'text', name: 'code', value, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card search-form', role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      const v = input.value.trim();
      clearErrors(form);
      if (!v) {
        setFieldError('lookup-code', 'Vui lòng nhập mã hồ sơ.');
        input.focus();
        return;
      }
      go(`#/ho-so/${encodeURIComponent(v)}`);
    } },
  fieldBox('lookup-code', 'Mã hồ sơ', input, { hint: 'In trên giấy tiếp nhận, ví dụ H44.07900-261127-0001.' }),
  h('button', { type: 'submit', text: 'Tra cứu' }));
  return form;
}

function viewLookup() {
  markNav('lookup');
  render('Tra cứu hồ sơ', lookupForm());
  document.getElementById('lookup-code').focus();
}

async function viewDossier(code) {
  markNav('lookup');
  const statusBox = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Đang tra cứu…' }));
  render(`Hồ sơ ${code}`, lookupForm(code), statusBox);
  let status;
  try {
    status = await get(`/api/v1/dossiers/${encodeURIComponent(code)}:status`);
  } catch (err) {
    statusBox.replaceChildren(errorBox(err));
    return;
  }
  const holding = await unitName(status.holdingUnit);
  const parts = [
    h('div', { class: 'card' },
      h('p', { class: 'status-big', 'data-testid': 'status' }, status.stateDisplayName || STATE_NAMES[status.state]),
      facts([
        ['Thủ tục', status.procedureDisplayName],
        ['Tiếp nhận lúc', dateTime(status.receiveTime), 'received'],
        ['Hẹn trả kết quả', dateTime(status.dueTime), 'due'],
        ['Đơn vị đang giữ hồ sơ', holding, 'holding'],
        ['Tiến độ', TIMELINESS_NAMES[status.timeliness] || '—', 'timeliness'],
      ])),
  ];
  // The day-by-day account of the due date (public).
  const explain = h('div', { class: 'card', 'data-testid': 'explain' });
  try {
    const ex = await get(`/api/v1/dossiers/${encodeURIComponent(code)}:explainDueDate`);
    explain.append(h('ul', { class: 'explain' }, ...(ex.lines || []).map((l) => h('li', { text: l }))));
  } catch (err) {
    explain.append(h('p', { class: 'muted', text: err.messageVi || String(err) }));
  }
  parts.push(h('h2', { text: 'Cách tính ngày hẹn trả' }), explain);
  // What only the owner sees.
  if (!session) {
    parts.push(h('p', { class: 'alert' }, 'Đăng nhập bằng tài khoản đứng tên hồ sơ để xem lịch sử xử lý, bổ sung hồ sơ và đánh giá. ',
      h('a', { href: `#/dang-nhap?next=${encodeURIComponent(location.hash)}`, text: 'Đăng nhập' })));
  } else {
    try {
      const d = await get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
      const ev = await get(`/api/v1/dossiers/${encodeURIComponent(code)}/events`);
      parts.push(...ownerActions(d));
      parts.push(h('h2', { text: 'Lịch sử xử lý' }), h('div', { class: 'card' },
        h('ol', { class: 'timeline', 'data-testid': 'history' }, ...(ev.events || []).map((e) => h('li', {},
          h('time', { datetime: e.time, text: dateTime(e.time) }),
          h('strong', { text: e.actionDisplayName }),
          ` — ${STATE_NAMES[e.stateAfter] || e.stateAfter}`,
          e.reason ? h('div', { class: 'muted', text: e.reason }) : null))),
        h('p', { class: 'muted', text: ev.chainValid ? 'Lịch sử được ký chuỗi băm và kiểm tra toàn vẹn: hợp lệ.' : 'Cảnh báo: chuỗi lịch sử không kiểm tra được.' })));
    } catch (err) {
      parts.push(errorBox(err));
    }
  }
  statusBox.replaceChildren(...parts);
}

function ownerActions(d) {
  const out = [];
  const total = feeTotal(d.fees);
  if (total > 0 && !d.payTime && (d.state === 'SUBMITTED' || d.state === 'PAYMENT_REQUESTED')) {
    out.push(h('div', { class: 'actions' }, h('a', { class: 'button', 'data-testid': 'pay',
      href: `/pay/sim/?dossier=${encodeURIComponent(d.code)}&return=${encodeURIComponent(`/portal/#/bien-nhan/${d.code}`)}`,
      text: `Thanh toán trực tuyến ${vnd(total)}` })));
  }
  if (d.state === 'SUPPLEMENT_REQUESTED' && (d.allowedActions || []).includes('supplement')) {
    out.push(supplementForm(d));
  }
  if (FINISHED.includes(d.state)) out.push(ratingForm(d));
  out.push(h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: `#/bien-nhan/${encodeURIComponent(d.code)}`, text: 'Giấy tiếp nhận' })));
  return out;
}

function supplementForm(d) {
  const round = (d.supplements || [])[d.supplements.length - 1] || {};
  const errors = h('div');
  const reason = h('textarea', { name: 'reason', maxlength: '2000' });
  const file = h('input', { type: 'file', name: 'supplement-file', accept: '.pdf,.jpg,.jpeg,.png' });
  const component = h('select', { name: 'component' });
  const form = h('form', { class: 'card', novalidate: true, 'data-testid': 'supplement-form',
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const f = file.files[0];
      if (!f) return showErrors(errors, [{ id: 's-file', text: 'Vui lòng chọn tệp giấy tờ bổ sung.' }]);
      const why = checkFile(f);
      if (why) return showErrors(errors, [{ id: 's-file', text: `Tệp bổ sung: ${why}.` }]);
      try {
        await post(`/api/v1/dossiers/${encodeURIComponent(d.code)}:submitSupplement`, {
          attachments: [{ componentCode: component.value, fileName: f.name, content: await fileToBase64(f) }],
          reason: reason.value.trim(),
          etag: d.etag,
        });
        announce('Đã gửi hồ sơ bổ sung.');
        route();
      } catch (err) {
        showErrors(errors, [{ id: 's-file', text: err.messageVi }]);
      }
    } },
  h('h2', { text: 'Bổ sung hồ sơ' }),
  h('p', { class: 'alert warn', text: `Cơ quan yêu cầu bổ sung: ${round.content || '—'}` }),
  errors,
  fieldBox('s-component', 'Giấy tờ bổ sung thuộc thành phần', component, { required: true }),
  fieldBox('s-file', 'Tệp giấy tờ', file, { required: true, hint: 'PDF, JPG hoặc PNG, tối đa 10 MiB.' }),
  fieldBox('s-reason', 'Ghi chú', reason),
  h('button', { type: 'submit', text: 'Gửi bổ sung' }));
  get(`/api/v1/${d.procedure}`).then((p) => {
    component.replaceChildren(...(p.components || []).map((c) => h('option', { value: c.code, text: `${c.displayName} (${c.code})` })));
  }).catch(() => {});
  return form;
}

function ratingForm(d) {
  if (d.rating > 0) {
    return h('p', { class: 'alert ok', 'data-testid': 'rated', text: `Bạn đã đánh giá ${d.rating}/5. Cảm ơn bạn đã góp ý.` });
  }
  const labels = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];
  const errors = h('div');
  const comment = h('textarea', { name: 'comment', maxlength: '2000' });
  const stars = h('fieldset', { class: 'field' }, h('legend', { class: 'required', text: 'Mức độ hài lòng' }),
    h('div', { class: 'stars', id: 'r-stars', tabindex: '-1' }, ...labels.map((l, i) => h('label', {},
      h('input', { type: 'radio', name: 'rating', value: String(i + 1) }), `${i + 1} — ${l}`))),
    h('span', { class: 'error-text', id: 'r-stars-err', hidden: true }));
  const form = h('form', { class: 'card', novalidate: true, 'data-testid': 'rating-form',
    onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      const picked = form.querySelector('input[name=rating]:checked');
      if (!picked) return showErrors(errors, [{ id: 'r-stars', text: 'Vui lòng chọn mức độ hài lòng (1 đến 5).' }]);
      try {
        await post(`/api/v1/dossiers/${encodeURIComponent(d.code)}:rate`, { rating: Number(picked.value), comment: comment.value.trim() });
        announce('Cảm ơn bạn đã đánh giá.');
        route();
      } catch (err) {
        showErrors(errors, [{ id: 'r-stars', text: err.messageVi }]);
      }
    } },
  h('h2', { text: 'Đánh giá chất lượng phục vụ' }), errors, stars, fieldBox('r-comment', 'Ý kiến góp ý', comment),
  h('button', { type: 'submit', text: 'Gửi đánh giá' }));
  return form;
}

// ---- my dossiers ----
async function viewMine() {
  markNav('mine');
  if (!session) return needSignIn('Hồ sơ của tôi');
  try {
    const resp = await get('/api/v1/worklist?view=ALL&page_size=100');
    const rows = (resp.dossiers || []).map((d) => h('tr', {},
      h('td', {}, h('a', { href: `#/ho-so/${encodeURIComponent(d.code)}`, text: d.code })),
      h('td', { text: d.procedureDisplayName }),
      h('td', { text: d.stateDisplayName }),
      h('td', { text: dateTime(d.dueTime) }),
      h('td', { text: TIMELINESS_NAMES[d.timeliness] || '—' })));
    render('Hồ sơ của tôi', rows.length
      ? h('div', { class: 'table-wrap card' }, h('table', {},
        h('thead', {}, h('tr', {}, ...['Mã hồ sơ', 'Thủ tục', 'Trạng thái', 'Hẹn trả', 'Tiến độ'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, ...rows)))
      : h('p', { class: 'alert', text: 'Bạn chưa có hồ sơ nào.' }));
  } catch (err) {
    render('Hồ sơ của tôi', errorBox(err));
  }
}

async function route() {
  // In-page anchors (the skip link's "#main") are not routes.
  if (location.hash && !location.hash.startsWith('#/')) return;
  const { parts, params } = parseHash();
  const [first, second] = parts;
  try {
    if (!first) await viewHome(params);
    else if (first === 'thu-tuc' && second) await viewProcedure(second);
    else if (first === 'dang-nhap') viewSignIn(params);
    else if (first === 'nop' && second) await viewSubmit(second);
    else if (first === 'bien-nhan' && second) await viewReceipt(second, params);
    else if (first === 'tra-cuu') viewLookup();
    else if (first === 'ho-so' && second) await viewDossier(second);
    else if (first === 'cua-toi') await viewMine();
    else render('Không tìm thấy trang', h('p', {}, h('a', { href: '#/', text: 'Về trang chủ' })));
  } catch (err) {
    render('Đã có lỗi', errorBox(err));
  }
}

window.addEventListener('hashchange', route);
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main().focus();
});
loadSession().then(route);
