// Vietnamese formatting shared by the portal and the dashboard. Times are shown at UTC+7.

const TZ = 'Asia/Ho_Chi_Minh';

export function vnd(amount) {
  return `${Number(amount || 0).toLocaleString('vi-VN')} đ`;
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('vi-VN', {
    timeZone: TZ, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric',
  });
}

export function date(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function percent(x) {
  if (x === undefined || x === null || Number.isNaN(Number(x))) return '—';
  return `${Number(x).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

export const STATE_NAMES = {
  SUBMITTED: 'Mới đăng ký',
  RECEIVED: 'Được tiếp nhận',
  REFUSED: 'Không được tiếp nhận',
  PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung giấy tờ',
  PAYMENT_REQUESTED: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  WITHDRAWN: 'Công dân yêu cầu rút hồ sơ',
  STOPPED: 'Dừng xử lý',
  RESOLVED: 'Đã xử lý xong',
  RETURNED: 'Đã trả kết quả',
};

export const TIMELINESS_NAMES = {
  EARLY: 'Trước hạn',
  ON_TIME: 'Đúng hạn',
  LATE: 'Quá hạn',
  DUE_SOON: 'Sắp đến hạn',
  IN_PROGRESS: 'Trong hạn',
  TIMELINESS_UNSPECIFIED: '—',
};

export const LEVEL_NAMES = {
  ONLINE_SERVICE_LEVEL_FULL: 'Toàn trình (mức độ 4)',
  ONLINE_SERVICE_LEVEL_PARTIAL: 'Một phần (mức độ 3)',
  ONLINE_SERVICE_LEVEL_NONE: 'Không trực tuyến',
};

export const ADMIN_LEVEL_NAMES = {
  ADMINISTRATIVE_LEVEL_PROVINCE: 'Cấp tỉnh',
  ADMINISTRATIVE_LEVEL_DISTRICT: 'Cấp huyện',
  ADMINISTRATIVE_LEVEL_COMMUNE: 'Cấp xã',
  ADMINISTRATIVE_LEVEL_MINISTRY: 'Cấp bộ',
  ADMINISTRATIVE_LEVEL_OTHER: 'Cơ quan khác',
};

export const CHANNEL_NAMES = {
  CHANNEL_IN_PERSON: 'Trực tiếp',
  CHANNEL_ONLINE: 'Trực tuyến',
  CHANNEL_POSTAL: 'Bưu chính công ích',
};

// Builds an element: h('p', {class: 'x', text: '...'}, child, ...). Text goes through textContent,
// never innerHTML, so nothing the node returns is parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Start and end of today and of this month at UTC+7, as RFC 3339 strings.
export function periods(now = new Date()) {
  const local = new Date(now.getTime() + 7 * 3600 * 1000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  const iso = (yy, mm, dd) => new Date(Date.UTC(yy, mm, dd) - 7 * 3600 * 1000).toISOString();
  return {
    todayStart: iso(y, m, d),
    todayEnd: iso(y, m, d + 1),
    monthStart: iso(y, m, 1),
    monthEnd: iso(y, m + 1, 1),
  };
}
