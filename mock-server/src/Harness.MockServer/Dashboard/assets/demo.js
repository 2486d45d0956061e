'use strict';
// A small frontend as a web developer would write it: sign on, keep the tokens in memory, refresh on demand,
// show what came back. It calls the API with fetch and custom headers, so from another origin the browser
// sends a CORS preflight first. Tokens are never written to the DOM, storage or the console in full.
(() => {
  const SIGN_ON = '/ags/signOnWithSessionToken';
  const REFRESH = '/ags/refresh';
  const REASONS = {
    200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  };

  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const session = { access: null, refresh: null, refreshes: 0 };
  const targets = new Map(); // base -> target values of the mock's fake world

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'testid') node.dataset.testid = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    return node;
  }

  // ---- masking and decoding -----------------------------------------------------------------------------
  function fingerprint(text) { // FNV-1a, 32 bits: tells tokens apart without showing any of their secret part
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { hash ^= text.charCodeAt(i); hash = Math.imul(hash, 0x01000193); }
    return (hash >>> 0).toString(16).padStart(8, '0');
  }
  const maskText = (token) => `${token.slice(0, 6)}…[len=${token.length}]`;
  const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
  const maskJwts = (text) => String(text ?? '').replace(JWT, (t) => `${maskText(t)} #${fingerprint(t)}`);

  // A body for display: JSON pretty-printed with every secret-named string masked, JWT-shaped text masked anywhere.
  const SECRET_FIELD = /^(?!token_type$).*(token|secret|password|assertion|code_verifier)/i;
  function maskedBody(r) {
    if (r.json !== null && typeof r.json === 'object') {
      return JSON.stringify(r.json, (key, value) => {
        if (typeof value !== 'string') return value;
        return SECRET_FIELD.test(key) && value ? `${maskText(value)} #${fingerprint(value)}` : maskJwts(value);
      }, 2);
    }
    return maskJwts(r.text) || '(empty body)';
  }

  function showLastResponse(r) {
    const head = r.status ? `HTTP ${r.status} ${REASONS[r.status] || ''}`.trim() : `network error: ${r.error}`;
    const date = r.date ? `\nDate: ${r.date}` : '';
    byTestId('demo-last-response').textContent = `${r.method} ${r.path}\n${head}${date}\n\n${r.status ? maskedBody(r) : ''}`.trimEnd();
  }

  function decodeJwt(token) {
    try {
      const part = token.split('.')[1];
      const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
    } catch {
      return null;
    }
  }

  function duration(seconds) {
    let s = Math.abs(Math.round(seconds));
    if (s < 60) return `${s} s`;
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60);
    return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} m` : `${m} m ${s - m * 60} s`;
  }
  const utc = (unix) => new Date(unix * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

  function correlationId() {
    if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return Array.from({ length: 4 }, () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')).join('-');
  }

  // ---- base URL -----------------------------------------------------------------------------------------
  const baseInput = byTestId('demo-base-url');
  const mockOrigin = document.querySelector('meta[name="harness-mock-origin"]')?.content || '';
  baseInput.value = new URLSearchParams(location.search).get('base') || mockOrigin || location.origin;
  byTestId('demo-page-origin').textContent = `page origin ${location.origin}`;

  function base() {
    const text = baseInput.value.trim().replace(/\/+$/, '');
    const url = new URL(text); // throws on a malformed URL, shown in the error box
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('the base URL must start with http:// or https://');
    return text;
  }

  function showOrigin() {
    const hint = byTestId('demo-cross-origin');
    let origin = '';
    try { origin = new URL(baseInput.value.trim()).origin; } catch { origin = ''; }
    const cross = origin && origin !== location.origin;
    hint.dataset.crossOrigin = String(Boolean(cross));
    hint.classList.toggle('cross', Boolean(cross));
    hint.textContent = !origin ? 'not a valid URL'
      : cross ? `Cross-origin: this page is ${location.origin}, the API is ${origin}. The custom headers make the browser send a CORS preflight (OPTIONS) before each call.`
        : 'Same origin as this page: no CORS involved. Put another origin here (or open this page from one) to exercise CORS.';
  }
  baseInput.addEventListener('input', showOrigin);
  showOrigin();

  // ---- HTTP ---------------------------------------------------------------------------------------------
  async function send(method, url, headers, body) {
    const started = performance.now();
    const path = new URL(url).pathname;
    try {
      const response = await fetch(url, { method, headers, body, mode: 'cors', credentials: 'omit', cache: 'no-store' });
      const text = await response.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { json = null; }
      const result = { method, path, status: response.status, ok: response.ok, text, json, date: response.headers.get('Date'), ms: performance.now() - started };
      logRequest(result);
      if (path !== '/__harness/target') showLastResponse(result);
      return result;
    } catch (error) {
      const result = { method, path, status: 0, ok: false, text: '', json: null, error: String(error && error.message || error), ms: performance.now() - started };
      logRequest(result);
      showLastResponse(result);
      return result;
    }
  }

  // The mock that served this page wrote its test account into it: /__harness/target answers only the mock's own
  // origin, and this page may be a copy on another one. Any other mock is asked (with the control token, if one is kept).
  const embeddedTarget = (() => {
    try { return JSON.parse(document.querySelector('meta[name="harness-target"]')?.content || 'null'); } catch { return null; }
  })();
  const sameOrigin = (a, b) => { try { return new URL(a).origin === new URL(b).origin; } catch { return false; } };

  async function target(api) {
    if (targets.has(api)) return targets.get(api);
    if (embeddedTarget && mockOrigin && sameOrigin(api, mockOrigin)) {
      targets.set(api, embeddedTarget);
      return embeddedTarget;
    }
    const read = () => {
      const headers = { Accept: 'application/json' };
      const token = sessionStorage.getItem('harness-control-token');
      if (token) headers['X-Harness-Control-Token'] = token;
      return send('GET', `${api}/__harness/target`, headers);
    };
    let result = await read();
    if (result.status === 401) { // a mock with a control token: ask, as the dashboard does, and keep it for this tab
      const given = (window.prompt('This mock requires its control token to read its test account:') || '').trim();
      if (given) {
        sessionStorage.setItem('harness-control-token', given);
        result = await read();
      }
    }
    if (!result.ok || !result.json) throw Object.assign(new Error('could not read the test account from /__harness/target'), { result });
    targets.set(api, result.json);
    return result.json;
  }

  // ---- rendering ----------------------------------------------------------------------------------------
  function logRequest(r) {
    const list = byTestId('demo-log');
    const code = r.status || 'ERR';
    list.prepend(el('li', { testid: 'demo-log-entry', 'data-status': r.status, 'data-path': r.path },
      el('span', { class: 'at', text: new Date().toTimeString().slice(0, 8) }),
      el('span', { class: 'method', text: r.method }),
      el('span', { class: 'url', text: r.path, title: r.path }),
      el('span', { class: `pill s${r.status ? Math.floor(r.status / 100) : 0}`, text: String(code) }),
      el('span', { class: 'ms', text: `${Math.round(r.ms)} ms` })));
    while (list.children.length > 50) list.lastChild.remove();
    byTestId('demo-log-empty').hidden = true;
  }

  function showStatus(r) {
    const node = byTestId('demo-status');
    node.dataset.status = String(r.status);
    node.className = `pill s${r.status ? Math.floor(r.status / 100) : 0}`;
    node.textContent = r.status ? `${r.status} ${REASONS[r.status] || ''} · ${r.method} ${r.path}`.replace('  ', ' ') : `network error · ${r.method} ${r.path}`;
  }

  function showError(title, where, hint, body) {
    const box = byTestId('demo-error');
    byTestId('demo-error-status').textContent = title;
    byTestId('demo-error-where').textContent = where || '';
    byTestId('demo-error-hint').textContent = hint || '';
    byTestId('demo-error-body').textContent = body || '(empty body)';
    box.hidden = false;
  }

  const hideError = () => { byTestId('demo-error').hidden = true; };

  function hintFor(r) {
    if (r.status === 0) return 'The browser refused or lost the request: CORS preflight rejected, server unreachable or connection dropped (the console has the details).';
    if (r.path === REFRESH && r.status === 401) return 'The refresh token was refused (expired, revoked, reused or unknown): the app drops its tokens and asks the user to sign on again.';
    if (r.status === 403) return 'Forbidden: the server understood the request but will not serve it (tenant, region or account).';
    if (r.status === 400) return 'Bad request: a header, field or body the API requires is missing or malformed.';
    if (r.status >= 500) return 'Server error: a real app would retry later (see Retry-After).';
    if (r.status >= 200 && r.status < 300) return 'The call succeeded but the body is not the token response the app expects.';
    return '';
  }

  function failed(r) {
    showStatus(r);
    const title = r.status ? `${r.status} ${REASONS[r.status] || ''}`.trim() : 'Network error';
    showError(title, `${r.method} ${r.path}`, hintFor(r), r.status ? maskedBody(r) : r.error);
  }

  function tokenCell(id, token) {
    const cell = byTestId(id);
    if (!token) {
      cell.textContent = '—';
      delete cell.dataset.fingerprint;
      return;
    }
    const fp = fingerprint(token);
    cell.dataset.fingerprint = fp;
    cell.replaceChildren(maskText(token), ' ', el('span', { class: 'fp', testid: `${id}-fingerprint`, title: 'FNV-1a fingerprint of the whole token', text: `#${fp}` }));
  }

  function renderSession(body, serverNow) {
    tokenCell('demo-access-token', session.access);
    tokenCell('demo-refresh-token', session.refresh);
    byTestId('demo-signed-in').textContent = session.refresh ? 'yes' : 'no';
    byTestId('demo-refresh-count').textContent = String(session.refreshes);
    if (!body) {
      for (const id of ['demo-access-exp', 'demo-refresh-expires-in', 'demo-session-expires-in', 'demo-account']) byTestId(id).textContent = '—';
      return;
    }
    const claims = decodeJwt(session.access || '') || {};
    const exp = byTestId('demo-access-exp');
    if (typeof claims.exp === 'number') {
      exp.dataset.exp = String(claims.exp);
      exp.replaceChildren(utc(claims.exp), ' ', el('span', { class: 'sub',
        text: `(exp ${claims.exp}${serverNow ? `, ${claims.exp >= serverNow ? 'in' : 'ago:'} ${duration(claims.exp - serverNow)} by the server's clock` : ''}; expires_in ${body.expires_in ?? '—'})` }));
    } else {
      exp.textContent = 'the access token carries no exp claim';
    }
    const lifetime = (id, seconds) => {
      const cell = byTestId(id);
      cell.dataset.seconds = seconds ?? '';
      if (typeof seconds !== 'number') { cell.textContent = 'not in the response'; return; }
      cell.replaceChildren(`${seconds} s`, ' ', el('span', { class: 'sub', text: `(${duration(seconds)}${serverNow ? ` → ${utc(serverNow + seconds)}` : ''})` }));
    };
    lifetime('demo-refresh-expires-in', body.refresh_expires_in);
    lifetime('demo-session-expires-in', body.fixed_refresh_expires_in);
    byTestId('demo-account').textContent = [body.accountId && `account ${body.accountId}`, body.client_id && `client ${body.client_id}`, body.token_type && `token_type ${body.token_type}`]
      .filter(Boolean).join(' · ') || '—';
  }

  function accepted(r) {
    const body = r.json;
    if (!body || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') { failed(r); return; }
    session.access = body.access_token;
    session.refresh = body.refresh_token;
    hideError();
    showStatus(r);
    const serverNow = r.date ? Math.floor(Date.parse(r.date) / 1000) : null;
    renderSession(body, Number.isFinite(serverNow) ? serverNow : null);
  }

  // ---- actions ------------------------------------------------------------------------------------------
  async function guarded(button, run) {
    button.disabled = true;
    try {
      await run();
    } catch (error) {
      if (error.result) failed(error.result);
      else showError('Error', '', '', String(error.message || error));
    } finally {
      button.disabled = false;
    }
  }

  async function signOn() {
    const api = base();
    const t = await target(api);
    const r = await send('POST', api + SIGN_ON, {
      'Content-Type': 'application/json',
      'x-auth-service-id': t['auth-service'],
      'nv-tenant-id': t.tenant,
      'x-correlation-id': correlationId(),
    }, JSON.stringify({ parameters: [{ name: 'sessionToken', value: t['session-token'] }], clientId: t['client-id'] }));
    session.refreshes = 0;
    if (r.ok) accepted(r); else failed(r);
  }

  async function refresh() {
    const api = base();
    if (!session.refresh) {
      showError('Not signed in', `POST ${REFRESH}`, 'Sign on first: the app holds no refresh token.', '');
      return;
    }
    const t = await target(api);
    const r = await send('POST', api + REFRESH, {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${session.refresh}`,
      'x-auth-service-id': t['auth-service'],
      'nv-tenant-id': t.tenant,
      'x-correlation-id': correlationId(),
    }, JSON.stringify({ parameters: [] }));
    if (r.ok) {
      session.refreshes += 1;
      accepted(r);
      return;
    }
    if (r.status === 401) { // the session is over for this app
      session.access = null;
      session.refresh = null;
      renderSession(null, null);
    }
    failed(r);
  }

  function forget() {
    session.access = null;
    session.refresh = null;
    session.refreshes = 0;
    hideError();
    renderSession(null, null);
  }

  const signOnButton = byTestId('demo-signon');
  const refreshButton = byTestId('demo-refresh');
  signOnButton.addEventListener('click', () => guarded(signOnButton, signOn));
  refreshButton.addEventListener('click', () => guarded(refreshButton, refresh));
  byTestId('demo-forget').addEventListener('click', forget);
  document.body.dataset.ready = 'true';
})();
