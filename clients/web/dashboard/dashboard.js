// The monitoring dashboard for leaders and administrators: for the unit in view and its level,
// dossiers received today and this month, early / on-time / late rates, overdue dossiers, the
// online share by channel and the sync rate, with hand-drawn SVG charts, a drill-down through the
// unit tree (CatalogService.ListUnits by parent_unit), live updates by polling and CSV export.
// Every number is the node's (TrackingService.GetReport, ListWorklist OVERDUE); the page sums
// counts across units only for the per-level rows, and recomputes rates from those sums.
import { api, get, post, ApiError } from '/shared/api.js';
import { h, dateTime, percent, periods, STATE_NAMES, ADMIN_LEVEL_NAMES } from '/shared/format.js';

const SVG = 'http://www.w3.org/2000/svg';
const params = new URLSearchParams(location.search);
const REFRESH_SECONDS = Math.max(1, Number(params.get('refresh') || 10));

let session = null;
let trail = []; // [{code, name, aggregate}] from the root to the unit in view
let timer = null;
let lastData = null;
const main = document.getElementById('main');

const n = (x) => Number(x || 0);

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

function errorText(err) {
  return err instanceof ApiError ? err.messageVi : String(err.message || err);
}

// ---- sign in ----
function signIn(message) {
  const user = h('input', { type: 'text', id: 'username', autocomplete: 'username' });
  const pass = h('input', { type: 'password', id: 'password', autocomplete: 'current-password' });
  const msg = h('div', {}, message ? h('p', { class: 'alert error', role: 'alert', text: message }) : null);
  const form = h('form', { class: 'card', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const resp = await post('/api/v1/session', { username: user.value.trim(), password: pass.value });
        session = resp.user;
        start();
      } catch (err) {
        msg.replaceChildren(h('p', { class: 'alert error', role: 'alert', 'data-testid': 'error', text: errorText(err) }));
        pass.focus();
      }
    } },
  msg,
  h('div', { class: 'field' }, h('label', { for: 'username', class: 'required', text: 'Tên đăng nhập' }), user),
  h('div', { class: 'field' }, h('label', { for: 'password', class: 'required', text: 'Mật khẩu' }), pass),
  h('button', { type: 'submit', text: 'Đăng nhập' }));
  main.replaceChildren(h('h1', { text: 'Đăng nhập cán bộ' }), form,
    h('p', { class: 'alert', text: 'Tài khoản minh họa: admin (toàn tỉnh), leader.25, leader.07900 hoặc leader.04924; mật khẩu motcua-demo.' }));
  user.focus();
}

function renderWho() {
  const who = document.getElementById('who');
  if (!session) { who.replaceChildren(); return; }
  who.replaceChildren(h('span', { text: `${session.displayName || session.username} (${session.role})` }),
    h('button', { type: 'button', class: 'secondary', text: 'Đăng xuất',
      onclick: async () => { await api('DELETE', '/api/v1/session'); session = null; clearInterval(timer); renderWho(); signIn(); } }));
}

// ---- data ----
async function report(unit, start, end) {
  const q = new URLSearchParams({ start_time: start, end_time: end });
  if (unit) q.set('unit', unit);
  return get(`/api/v1/reports?${q}`);
}

async function load() {
  const here = trail[trail.length - 1];
  const p = periods();
  const unitParam = here.aggregate ? '' : here.code;
  const [unit, today, month] = await Promise.all([
    get(`/api/v1/units/${encodeURIComponent(here.code)}`),
    report(unitParam, p.todayStart, p.todayEnd),
    report(unitParam, p.monthStart, p.monthEnd),
  ]);
  let children = [];
  let childReports = [];
  let childError = '';
  if (n(unit.childCount) > 0) {
    const resp = await get(`/api/v1/units?parent_unit=${encodeURIComponent(here.code)}&page_size=500`);
    children = resp.units || [];
    try {
      const batch = await post('/api/v1/reports:batchGet', {
        units: children.map((c) => c.code), startTime: p.monthStart, endTime: p.monthEnd,
      });
      childReports = batch.reports || [];
    } catch (err) {
      childError = errorText(err);
    }
  }
  let ownDesk = null; // the parent unit's own desk, as a row beside its children
  if (children.length && !childError) {
    try { ownDesk = await report(here.code, p.monthStart, p.monthEnd); } catch (err) { ownDesk = null; }
  }
  let overdue = [];
  try {
    const w = await get('/api/v1/worklist?view=OVERDUE&page_size=500');
    const codes = new Set([here.code, ...children.map((c) => c.code)]);
    overdue = (w.dossiers || []).filter((d) => here.aggregate || codes.has(d.receivingUnit) || codes.has(d.competentUnit));
  } catch (err) {
    overdue = [];
  }
  return { p, unit, today, month, children, childReports, childError, ownDesk, overdue, at: new Date() };
}

// ---- pieces ----
function kpi(label, value, metric) {
  return h('div', { class: 'kpi' }, h('span', { class: 'label', text: label }),
    h('span', { class: 'value', 'data-metric': metric, text: value }));
}

function rates(r) {
  const classified = n(r.early) + n(r.onTime) + n(r.late);
  const pc = (x) => (classified ? (100 * x) / classified : undefined);
  return { early: pc(n(r.early)), onTime: pc(n(r.onTime)), late: pc(n(r.late)) };
}

function barChart(title, bars, id) {
  // Horizontal bars, one per value; drawn by hand so nothing is fetched.
  const width = 360;
  const rowH = 34;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const el = svg('svg', { viewBox: `0 0 ${width} ${bars.length * rowH + 10}`, role: 'img', 'aria-labelledby': `${id}-t` },
    svg('title', { id: `${id}-t` }, document.createTextNode(`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`)));
  bars.forEach((b, i) => {
    const y = 5 + i * rowH;
    const w = Math.round(((width - 150) * b.value) / max);
    const label = svg('text', { x: 0, y: y + 20, 'font-size': 13, fill: '#1d2329' });
    label.textContent = b.label;
    const value = svg('text', { x: 115 + w + 6, y: y + 20, 'font-size': 13, fill: '#1d2329' });
    value.textContent = String(b.value);
    el.append(label, svg('rect', { x: 110, y: y + 6, width: Math.max(w, 1), height: 20, fill: b.color, rx: 2 }), value);
  });
  return h('figure', { class: 'card chart' }, h('figcaption', {}, h('strong', { text: title })), el,
    h('ul', { class: 'legend' }, ...bars.map((b) => h('li', {}, h('span', { class: `sw ${b.swatch}` }), `${b.label}: ${b.value}`))));
}

function sum(reports) {
  const keys = ['received', 'finished', 'early', 'onTime', 'late', 'overdueOpen', 'inPerson', 'online', 'postal'];
  const out = {};
  for (const k of keys) out[k] = reports.reduce((s, r) => s + n(r[k]), 0);
  const denom = out.finished + out.overdueOpen;
  out.onTimeRate = denom ? (100 * (out.early + out.onTime)) / denom : 0;
  out.onlineShare = out.received ? (100 * out.online) / out.received : 0;
  return out;
}

function levelRows(d) {
  if (!d.children.length || d.childError) return null;
  const byLevel = new Map();
  d.children.forEach((c, i) => {
    const list = byLevel.get(c.level) || [];
    list.push(d.childReports[i]);
    byLevel.set(c.level, list);
  });
  const rows = [];
  if (d.ownDesk) rows.push([`${ADMIN_LEVEL_NAMES[d.unit.level] || ''} — ${d.unit.displayName}`, d.ownDesk]);
  for (const level of ['ADMINISTRATIVE_LEVEL_DISTRICT', 'ADMINISTRATIVE_LEVEL_COMMUNE']) {
    const list = byLevel.get(level);
    if (list) rows.push([`${ADMIN_LEVEL_NAMES[level]} (${list.length} đơn vị)`, sum(list)]);
    else if (level === 'ADMINISTRATIVE_LEVEL_DISTRICT') rows.push([`${ADMIN_LEVEL_NAMES[level]} (không còn từ 01/7/2025)`, null]);
  }
  return h('div', { class: 'card table-wrap' }, h('table', { 'data-testid': 'levels' },
    h('caption', { class: 'visually-hidden', text: 'Theo cấp' }),
    h('thead', {}, h('tr', {}, ...['Cấp', 'Tiếp nhận (tháng)', 'Đã giải quyết', 'Quá hạn đang xử lý', 'Tỷ lệ đúng hạn', 'Tỷ lệ trực tuyến']
      .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '', text: t })))),
    h('tbody', {}, ...rows.map(([label, r]) => h('tr', {},
      h('th', { scope: 'row', text: label }),
      ...(r ? [n(r.received), n(r.finished), n(r.overdueOpen), percent(r.onTimeRate), percent(r.onlineShare)]
        : ['—', '—', '—', '—', '—']).map((v) => h('td', { class: 'num', text: String(v) })))))));
}

function childTable(d) {
  if (!d.children.length) return h('p', { class: 'muted', text: 'Đơn vị này không có đơn vị trực thuộc.' });
  if (d.childError) return h('p', { class: 'alert warn', role: 'status', text: d.childError });
  const showAll = document.getElementById('show-all')?.checked;
  const rows = d.children.map((c, i) => ({ c, r: d.childReports[i] || {} }))
    .filter(({ r }) => showAll || n(r.received) > 0)
    .sort((a, b) => n(b.r.received) - n(a.r.received) || a.c.displayName.localeCompare(b.c.displayName, 'vi'));
  const table = h('table', { 'data-testid': 'children' },
    h('caption', { class: 'visually-hidden', text: 'Đơn vị trực thuộc, tháng này' }),
    h('thead', {}, h('tr', {}, ...['Đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Quá hạn đang xử lý', 'Tỷ lệ đúng hạn', 'Tỷ lệ trực tuyến']
      .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : '', text: t })))),
    h('tbody', {}, ...rows.map(({ c, r }) => h('tr', { 'data-unit': c.code },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'data-drill': c.code,
        text: `${c.displayName} (${c.code})`, onclick: () => drill(c) })),
      ...[n(r.received), n(r.finished), n(r.early), n(r.onTime), n(r.late), n(r.overdueOpen), percent(r.onTimeRate), percent(r.onlineShare)]
        .map((v) => h('td', { class: 'num', text: String(v) }))))));
  return h('div', { class: 'card table-wrap' }, rows.length ? table : h('p', { class: 'muted', text: 'Chưa đơn vị trực thuộc nào tiếp nhận hồ sơ trong tháng.' }));
}

function overdueTable(d) {
  if (!d.overdue.length) return h('p', { class: 'alert ok', 'data-testid': 'overdue-none', text: 'Không có hồ sơ quá hạn.' });
  return h('div', { class: 'card table-wrap' }, h('table', { 'data-testid': 'overdue' },
    h('thead', {}, h('tr', {}, ...['Mã hồ sơ', 'Thủ tục', 'Đơn vị đang giữ', 'Trạng thái', 'Hẹn trả'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, ...d.overdue.map((x) => h('tr', {},
      h('td', { text: x.code }), h('td', { text: x.procedureDisplayName }), h('td', { text: x.holdingUnit }),
      h('td', { text: x.stateDisplayName || STATE_NAMES[x.state] }), h('td', { text: dateTime(x.dueTime) }))))));
}

function csv(d) {
  const head = ['ma_don_vi', 'ten_don_vi', 'tu', 'den', 'tiep_nhan', 'da_giai_quyet', 'truoc_han', 'dung_han', 'qua_han',
    'qua_han_dang_xu_ly', 'ty_le_dung_han', 'truc_tiep', 'truc_tuyen', 'buu_chinh', 'ty_le_truc_tuyen'];
  const line = (code, name, r) => [code, name, d.p.monthStart, d.p.monthEnd, n(r.received), n(r.finished), n(r.early), n(r.onTime),
    n(r.late), n(r.overdueOpen), Number(r.onTimeRate || 0).toFixed(1), n(r.inPerson), n(r.online), n(r.postal), Number(r.onlineShare || 0).toFixed(1)];
  const here = trail[trail.length - 1];
  const rows = [head, line(here.aggregate ? '' : d.unit.code, here.aggregate ? 'Toàn tỉnh' : d.unit.displayName, d.month)];
  d.children.forEach((c, i) => { if (d.childReports[i]) rows.push(line(c.code, c.displayName, d.childReports[i])); });
  const quote = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return `\ufeff${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

function download(d) {
  const blob = new Blob([csv(d)], { type: 'text/csv;charset=utf-8' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `bao-cao-${d.unit.code}-${d.p.monthStart.slice(0, 7)}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
}

// ---- the page ----
function render(d) {
  lastData = d;
  const here = trail[trail.length - 1];
  const focusKey = document.activeElement?.dataset?.drill || document.activeElement?.id;
  const title = here.aggregate ? `Toàn tỉnh — ${d.unit.displayName}` : `${d.unit.displayName} (${d.unit.code})`;
  const m = d.month;
  const t = d.today;
  const r = rates(m);
  const crumbs = h('nav', { 'aria-label': 'Cây đơn vị' }, h('ol', { class: 'crumbs' }, ...trail.map((u, i) => h('li', {},
    i === trail.length - 1 ? h('span', { 'aria-current': 'page', text: u.name })
      : h('button', { type: 'button', class: 'link secondary', text: u.name, onclick: () => { trail = trail.slice(0, i + 1); refresh(true); } })))));
  const showAll = h('input', { type: 'checkbox', id: 'show-all', checked: document.getElementById('show-all')?.checked,
    onchange: () => render(lastData) });
  main.replaceChildren(
    h('h1', { 'data-testid': 'unit-title', text: title }),
    h('div', { class: 'toolbar' }, crumbs,
      h('span', { class: 'updated', role: 'status', 'data-testid': 'updated', text: `Cập nhật lúc ${d.at.toLocaleTimeString('vi-VN')} (tự động mỗi ${REFRESH_SECONDS} giây)` }),
      h('button', { type: 'button', class: 'secondary', id: 'export', text: 'Xuất CSV', onclick: () => download(lastData) }),
      h('button', { type: 'button', class: 'secondary', id: 'reload', text: 'Làm mới', onclick: () => refresh(false) })),
    h('section', { 'aria-labelledby': 'kpi-h', 'data-unit': here.aggregate ? '' : d.unit.code, 'data-month-start': d.p.monthStart,
      'data-month-end': d.p.monthEnd, 'data-today-start': d.p.todayStart, 'data-today-end': d.p.todayEnd, id: 'kpis' },
    h('h2', { id: 'kpi-h', text: `Chỉ số — ${ADMIN_LEVEL_NAMES[d.unit.level] || ''}` }),
    h('div', { class: 'kpis' },
      kpi('Tiếp nhận hôm nay', String(n(t.received)), 'received-today'),
      kpi('Tiếp nhận tháng này', String(n(m.received)), 'received-month'),
      kpi('Đã giải quyết (tháng)', String(n(m.finished)), 'finished-month'),
      kpi('Tỷ lệ đúng hạn (766)', percent(m.onTimeRate), 'on-time-rate'),
      kpi('Trước hạn', percent(r.early), 'early-share'),
      kpi('Đúng hạn', percent(r.onTime), 'ontime-share'),
      kpi('Quá hạn', percent(r.late), 'late-share'),
      kpi('Quá hạn đang xử lý', String(n(m.overdueOpen)), 'overdue-open'),
      kpi('Tỷ lệ trực tuyến', percent(m.onlineShare), 'online-share'),
      kpi('Tỷ lệ đồng bộ DVCQG', m.syncRate === undefined ? '—' : percent(m.syncRate), 'sync-rate'))),
    h('section', { class: 'charts', 'aria-label': 'Biểu đồ tháng này' },
      barChart('Kết quả giải quyết trong tháng', [
        { label: 'Trước hạn', value: n(m.early), color: '#1d6b34', swatch: 'sw-early' },
        { label: 'Đúng hạn', value: n(m.onTime), color: '#5aa06a', swatch: 'sw-ontime' },
        { label: 'Quá hạn', value: n(m.late), color: '#b00020', swatch: 'sw-late' }], 'c1'),
      barChart('Hồ sơ tiếp nhận theo kênh', [
        { label: 'Trực tiếp', value: n(m.inPerson), color: '#123a5e', swatch: 'sw-inperson' },
        { label: 'Trực tuyến', value: n(m.online), color: '#2f7fc1', swatch: 'sw-online' },
        { label: 'Bưu chính', value: n(m.postal), color: '#c98a00', swatch: 'sw-postal' }], 'c2')),
    h('h2', { text: 'Theo cấp hành chính (tháng này)' }), levelRows(d) || h('p', { class: 'muted', text: 'Đơn vị cấp xã: không có cấp dưới.' }),
    h('h2', { text: 'Đơn vị trực thuộc (tháng này)' }),
    d.children.length ? h('div', { class: 'field' }, h('label', {}, showAll, ' Hiện cả đơn vị chưa có hồ sơ')) : null,
    childTable(d),
    h('h2', { text: `Hồ sơ quá hạn (${d.overdue.length})` }), overdueTable(d));
  if (focusKey) {
    const el = document.querySelector(`[data-drill="${focusKey}"]`) || document.getElementById(focusKey);
    if (el) el.focus();
  }
}

async function refresh(moveFocus) {
  try {
    const d = await load();
    render(d);
    if (moveFocus) main.querySelector('h1')?.focus();
  } catch (err) {
    if (err instanceof ApiError && err.httpStatus === 401) { session = null; renderWho(); signIn(err.messageVi); return; }
    main.replaceChildren(h('h1', { text: 'Không tải được số liệu' }), h('p', { class: 'alert error', role: 'alert', text: errorText(err) }));
  }
}

function drill(unit) {
  trail.push({ code: unit.code, name: unit.displayName, aggregate: false });
  refresh(true);
}

async function start() {
  renderWho();
  if (session.role === 'citizen') {
    signIn('Trang giám sát dành cho cán bộ lãnh đạo và quản trị; tài khoản công dân không xem được.');
    return;
  }
  const all = session.role === 'admin' || session.role === 'sync';
  const rootCode = all ? '25' : (session.units || [])[0];
  let name = rootCode;
  try { name = (await get(`/api/v1/units/${rootCode}`)).displayName; } catch (err) { /* keep the code */ }
  trail = [{ code: rootCode, name: all ? `Toàn tỉnh (${name})` : name, aggregate: all }];
  const from = params.get('unit');
  if (from && from !== rootCode) {
    try { const u = await get(`/api/v1/units/${encodeURIComponent(from)}`); trail.push({ code: u.code, name: u.displayName, aggregate: false }); } catch (err) { /* stay at the root */ }
  }
  await refresh(true);
  clearInterval(timer);
  timer = setInterval(() => { if (!document.hidden) refresh(false); }, REFRESH_SECONDS * 1000);
}

(async () => {
  try {
    session = await get('/api/v1/session');
  } catch (err) {
    session = null;
  }
  if (!session) signIn();
  else start();
})();
