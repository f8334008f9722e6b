// The node's HTTP/JSON gateway as the pages use it: JSON in and out (proto3 JSON mapping),
// the session cookie sent by the browser, the CSRF token echoed on every state-changing call.
// Errors come back as ApiError with the node's Vietnamese message and the field at fault.

export class ApiError extends Error {
  constructor(httpStatus, body) {
    const e = (body && body.error) || {};
    super(e.message_vi || e.message || `Lỗi ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = e.status || '';
    this.messageVi = e.message_vi || 'Không kết nối được với hệ thống; vui lòng thử lại.';
    this.field = e.field || '';
  }
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    // Double submit bound to the session (services/http_gateway/session_cookies.h); "login"
    // before there is a session.
    headers['X-Motcua-CSRF'] = cookie('motcua_csrf') || 'login';
  }
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError(0, { error: { message_vi: 'Không kết nối được với hệ thống; vui lòng kiểm tra mạng và thử lại.' } });
  }
  if (res.status === 204) return {};
  let json = null;
  try {
    json = await res.json();
  } catch (err) {
    json = null;
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent('motcua:signed-out'));
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);

// Reads a File into base64 (the proto JSON form of `bytes`).
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
