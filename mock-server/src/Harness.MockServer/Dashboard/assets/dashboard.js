'use strict';
// Refresh Harness dashboard: composes the control API (/__harness/*) of the mock that serves this page.
// Plain DOM, no framework, no network assets. Stable data-testid attributes are part of its contract.
(() => {
  const BASE = '/__harness';
  const POLL_MS = 2000;
  const JOURNAL_LIMIT = 100;
  const KNOWN_SESSIONS_MAX = 200;
  const FAULT_KINDS = ['latency', 'server-error', 'malformed-body', 'drop-connection', 'empty-response'];

  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

  /** Builds an element: props class, text, testid, title, on<event>, any other attribute; children are nodes or text. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'testid') node.dataset.testid = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // Defence in depth: the mock redacts its journal already; anything JWT-shaped that still arrives is masked here.
  const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
  const maskJwts = (text) => String(text ?? '').replace(JWT, (t) => `${t.slice(0, 6)}…[masked:len=${t.length}]`);

  // A mock started with a control token (always so when it listens beyond loopback) answers only calls that carry
  // it. The page itself is served without it, so the dashboard asks once and keeps it for this tab only.
  const TOKEN_KEY = 'harness-control-token';
  let asking = null;
  let declined = false; // asked and cancelled: do not ask on every poll; reloading the page asks again
  function askForToken() {
    if (declined) return Promise.resolve(false);
    asking = asking || Promise.resolve().then(() => {
      const given = (window.prompt('This mock requires its control token (--control-token, HARNESS_CONTROL_TOKEN, or printed when it started):') || '').trim();
      if (given) sessionStorage.setItem(TOKEN_KEY, given);
      else declined = true;
      return Boolean(given);
    }).finally(() => { asking = null; });
    return asking;
  }

  async function call(method, path, body, retried = false) {
    const init = { method, cache: 'no-store', headers: { Accept: 'application/json' } };
    // Every state-changing control call is JSON, even without a body: the mock refuses anything else (415).
    if (method !== 'GET') init.headers['Content-Type'] = 'application/json';
    if (body !== undefined) init.body = JSON.stringify(body);
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) init.headers['X-Harness-Control-Token'] = token;
    const response = await fetch(BASE + path, init);
    if (response.status === 401 && !retried) {
      // Forget the token this call sent (not one typed in meanwhile for a call running beside it), then ask.
      if (sessionStorage.getItem(TOKEN_KEY) === token) sessionStorage.removeItem(TOKEN_KEY);
      if (sessionStorage.getItem(TOKEN_KEY) || await askForToken()) return call(method, path, body, true);
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    if (!response.ok) {
      const message = (data && (data.message || data.error)) || text || response.statusText;
      throw new Error(`${response.status}: ${message}`);
    }
    return data;
  }

  // ---- toast -------------------------------------------------------------------------------------------
  let toastTimer = 0;
  function toast(message, isError = false) {
    const node = byTestId('toast');
    node.textContent = message;
    node.title = message;
    node.classList.toggle('error', isError);
    node.dataset.kind = isError ? 'error' : 'info';
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.textContent = ''; }, isError ? 12000 : 6000);
  }

  async function act(run, describe) {
    try {
      const result = await run();
      if (describe) toast(describe(result));
    } catch (error) {
      toast(error.message || String(error), true);
    }
    refreshSoon();
  }

  // ---- formatting ---------------------------------------------------------------------------------------
  const statusClass = (status) => `pill s${Math.max(0, Math.min(5, Math.floor(status / 100)))}`;

  function duration(seconds) {
    const sign = seconds < 0 ? '-' : '';
    let s = Math.abs(Math.round(seconds));
    if (s < 60) return `${sign}${s} s`;
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (d > 0) return `${sign}${d} d ${h} h`;
    if (h > 0) return `${sign}${h} h ${m} m`;
    return `${sign}${m} m ${s} s`;
  }

  const utc = (unixSeconds) => new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

  function relative(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    return seconds > 0 ? `in ${duration(seconds)}` : `${duration(-seconds)} ago`;
  }

  // ---- clock --------------------------------------------------------------------------------------------
  let clock = null; // { unix, offset, at: performance.now() when read }

  function setClock(data) {
    if (!data) return;
    clock = { unix: data.unixSeconds, offset: data.offsetSeconds, at: performance.now() };
    renderClock();
  }

  function clockNow() {
    return clock ? clock.unix + Math.floor((performance.now() - clock.at) / 1000) : Math.floor(Date.now() / 1000);
  }

  function renderClock() {
    if (!clock) return;
    byTestId('clock-now').textContent = utc(clockNow());
    const offset = byTestId('clock-offset');
    offset.dataset.offsetSeconds = String(clock.offset);
    offset.textContent = clock.offset === 0 ? 'real time (offset 0)' : `offset +${duration(clock.offset)} (${clock.offset} s)`;
    offset.classList.toggle('ahead', clock.offset !== 0);
  }

  async function advance(seconds) {
    await act(async () => {
      const data = await call('POST', '/clock/advance', { seconds });
      setClock(data);
      return data;
    }, (data) => `clock +${duration(seconds)} → ${utc(data.unixSeconds)}`);
  }

  // ---- APIs and switches --------------------------------------------------------------------------------
  const opKey = (api, op) => `${api.id}-${op.id}`;
  const opPath = (api, op) => `/operations/${encodeURIComponent(api.id)}/${encodeURIComponent(op.id)}`;
  const operationIndex = new Map(); // qualified id "api.op" -> element showing what is active

  function forceOptions(op) {
    const byCondition = new Map();
    for (const outcome of op.outcomes) {
      const value = `${outcome.status}|${outcome.condition}`;
      const entry = byCondition.get(value) || { status: outcome.status, condition: outcome.condition, fields: [] };
      if (outcome.field) entry.fields.push(outcome.field);
      byCondition.set(value, entry);
    }
    return [...byCondition.entries()].map(([value, o]) =>
      el('option', { value, text: `${o.status} · ${o.condition}${o.fields.length ? ` (${o.fields.join(', ')})` : ''}` }));
  }

  function renderOperation(api, op) {
    const key = opKey(api, op);
    const statuses = [...new Set(op.outcomes.map((o) => o.status))].sort((a, b) => a - b);
    const chips = statuses.map((status) => el('span', {
      class: statusClass(status), testid: `status-${key}-${status}`, text: String(status),
      title: `${status}: ${op.outcomes.filter((o) => o.status === status).map((o) => o.condition + (o.field ? ` ${o.field}` : '')).join(', ')}`,
    }));
    const active = el('span', { class: 'op-active', testid: `op-active-${key}` });

    const forceStatus = el('select', { class: 'force-status', testid: `force-status-${key}`, 'aria-label': `status to force on ${api.id}.${op.id}` }, forceOptions(op));
    const firstFailure = op.outcomes.find((o) => o.status >= 400);
    if (firstFailure) forceStatus.value = `${firstFailure.status}|${firstFailure.condition}`;
    const forceCount = el('input', { type: 'number', min: 1, value: 1, class: 'count', testid: `force-count-${key}`, 'aria-label': 'how many calls', title: 'for the next N calls' });

    const faultKind = el('select', { class: 'fault-kind', testid: `fault-kind-${key}`, 'aria-label': `fault kind on ${api.id}.${op.id}` },
      FAULT_KINDS.map((kind) => el('option', { value: kind, text: kind })));
    const latency = el('input', { type: 'number', min: 0, max: 60000, value: 800, testid: `fault-latency-${key}`, 'aria-label': 'latency ms' });
    const jitter = el('input', { type: 'number', min: 0, max: 60000, value: 0, testid: `fault-jitter-${key}`, 'aria-label': 'jitter ms' });
    const status = el('input', { type: 'number', min: 500, max: 599, value: 503, testid: `fault-status-${key}`, 'aria-label': 'status (5xx)' });
    const retry = el('input', { type: 'number', min: 0, max: 86400, value: 1, testid: `fault-retry-${key}`, 'aria-label': 'Retry-After seconds' });
    const faultCount = el('input', { type: 'number', min: 1, placeholder: '∞', class: 'count', testid: `fault-count-${key}`, 'aria-label': 'how many calls (empty: until cleared)', title: 'for the next N calls; empty: until cleared' });
    const latencyParams = el('label', { class: 'param' }, latency, 'ms ±', jitter);
    const errorParams = el('label', { class: 'param', hidden: true }, status, 'retry', retry, 's');
    const showParams = () => {
      latencyParams.hidden = faultKind.value !== 'latency';
      errorParams.hidden = faultKind.value !== 'server-error';
    };
    faultKind.addEventListener('change', showParams);

    const force = () => act(async () => {
      const [code, condition] = forceStatus.value.split('|');
      const count = Math.max(1, parseInt(forceCount.value, 10) || 1);
      return call('POST', `${opPath(api, op)}/force`, { status: Number(code), condition, count });
    }, (r) => `${r.operation}: next ${r.count} call${r.count === 1 ? '' : 's'} answer ${r.status} ${r.condition}`);
    const clearForce = () => act(() => call('DELETE', `${opPath(api, op)}/force`), (r) => `${r.operation}: forced answers cleared`);
    const setFault = () => act(() => {
      const body = { kind: faultKind.value };
      if (faultKind.value === 'latency') Object.assign(body, { latencyMs: Number(latency.value) || 0, jitterMs: Number(jitter.value) || 0 });
      if (faultKind.value === 'server-error') Object.assign(body, { status: Number(status.value) || 503, retryAfterSeconds: Number(retry.value) || 0 });
      if (faultCount.value) body.count = Math.max(1, parseInt(faultCount.value, 10) || 1);
      return call('POST', `${opPath(api, op)}/fault`, body);
    }, (r) => `${r.operation}: fault ${r.fault}${r.count ? ` for ${r.count} call(s)` : ' until cleared'}`);
    const clearFault = () => act(() => call('DELETE', `${opPath(api, op)}/fault`), (r) => `${r.operation}: faults cleared`);

    const node = el('div', { class: 'op', testid: `op-${key}`, 'data-operation': `${api.id}.${op.id}` },
      el('div', { class: 'op-head' },
        el('span', { class: 'method', text: op.method }),
        el('code', { text: op.path, title: op.path }),
        el('span', { class: 'opid', text: `${op.id} · ${op.role}` }),
        active,
        el('span', { class: 'statuses', testid: `statuses-${key}`, title: 'documented statuses' }, chips)),
      el('div', { class: 'controls' },
        el('div', { class: 'control-row' },
          el('span', { class: 'control-name', text: 'Force' }), forceStatus, el('label', {}, '×', forceCount),
          el('button', { class: 'small', testid: `force-submit-${key}`, onclick: force, title: 'POST …/force: answer the next N calls with this documented outcome' }, 'Force'),
          el('button', { class: 'small', testid: `force-clear-${key}`, onclick: clearForce, title: 'DELETE …/force' }, 'Clear')),
        el('div', { class: 'control-row' },
          el('span', { class: 'control-name', text: 'Fault' }), faultKind, latencyParams, errorParams, el('label', {}, '×', faultCount),
          el('button', { class: 'small', testid: `fault-submit-${key}`, onclick: setFault, title: 'POST …/fault' }, 'Set'),
          el('button', { class: 'small', testid: `fault-clear-${key}`, onclick: clearFault, title: 'DELETE …/fault' }, 'Clear'))));
    operationIndex.set(`${api.id}.${op.id}`, { node, active, last: '' });
    return node;
  }

  function renderApis(apis) {
    const root = byTestId('apis');
    operationIndex.clear();
    root.replaceChildren(...apis.map((api) => el('section', { class: 'api', testid: `api-${api.id}`, 'data-api': api.id },
      el('div', { class: 'api-head' },
        el('h3', { testid: `api-name-${api.id}`, text: api.id }),
        el('span', { class: 'title', text: api.title, title: api.title }),
        el('span', { class: 'pill tag', text: `realm ${api.realm}` }),
        el('span', { class: 'pill tag', text: `errors: ${api.errorShape}` })),
      api.operations.map((op) => renderOperation(api, op)))));
    const operations = apis.reduce((n, api) => n + api.operations.length, 0);
    byTestId('apis-summary').textContent = `${apis.length} APIs · ${operations} operations`;
    byTestId('override-operation').replaceChildren(...apis.flatMap((api) => api.operations.map((op) =>
      el('option', { value: `${api.id}.${op.id}`, text: `${api.id}.${op.id} (${op.method} ${op.path})` }))));
    if (lastState) renderActive(lastState);
  }

  function renderActive(state) {
    const byOperation = new Map();
    const add = (operation, pill) => byOperation.set(operation, [...(byOperation.get(operation) || []), pill]);
    for (const f of state.forced || []) {
      add(f.operation, { class: 'pill tag forced', text: `forced ${f.status} ${f.condition} ×${f.remaining}` });
    }
    for (const f of state.faults || []) {
      const params = f.kind === 'latency' ? ` ${f.latencyMs} ms${f.jitterMs ? ` ±${f.jitterMs}` : ''}`
        : f.kind === 'server-error' ? ` ${f.status}, Retry-After ${f.retryAfterSeconds}` : '';
      add(f.operation, { class: 'pill tag fault', text: `fault ${f.kind}${params} ×${f.remaining ?? '∞'}` });
    }
    for (const o of lastOverrides) {
      if (o.operation) add(o.operation, { class: `pill tag ${o.outsideContract ? 'outside-contract' : 'forced'}`, text: `override #${o.id} ${o.kind} ×${o.remaining ?? '∞'}` });
    }
    for (const [operation, entry] of operationIndex) {
      const pills = byOperation.get(operation) || [];
      const signature = JSON.stringify(pills);
      if (signature === entry.last) continue;
      entry.last = signature;
      entry.active.replaceChildren(...pills.map((p) => el('span', p)));
      entry.node.classList.toggle('active', pills.length > 0);
    }
  }

  // ---- counters -----------------------------------------------------------------------------------------
  let lastState = null;
  function renderState(state) {
    lastState = state;
    setClock(state.clock);
    byTestId('counter-served').replaceChildren('served ', el('b', { text: String(state.served) }));
    byTestId('counter-sessions').replaceChildren('sessions ', el('b', { text: String(state.sessions) }));
    const statuses = Object.entries(state.byStatus || {}).sort(([a], [b]) => Number(a) - Number(b));
    byTestId('counter-statuses').replaceChildren(...statuses.map(([code, n]) => el('span', { class: statusClass(Number(code)), text: `${code} ×${n}` })).flatMap((pill) => [pill, ' ']));
    renderActive(state);
  }

  // ---- sessions -----------------------------------------------------------------------------------------
  // The mock evicts expired sessions; the dashboard remembers what it saw so an ended session stays listed (not live).
  // Redacted ids need not be unique, so sessions are matched by position: /sessions lists them oldest first and a
  // session only ever leaves the list, so the new list is a subsequence of the known one plus newcomers at the end.
  let knownSessions = []; // { ordinal, session, gone, refreshEndsAt, sessionEndsAt } in order of start
  let nextOrdinal = 1;
  let lastServed = -1;

  function forgetSessions() {
    knownSessions = [];
    nextOrdinal = 1;
  }

  const fixedEnd = (s, now) => (s.sessionExpiresIn === null || s.sessionExpiresIn === undefined ? null : now + s.sessionExpiresIn);

  function sameSession(entry, s, now) {
    const k = entry.session;
    if (k.id !== s.id || k.realm !== s.realm || k.clientId !== s.clientId || k.tenant !== s.tenant || k.accountId !== s.accountId) return false;
    if (s.generation < k.generation || (k.revoked && !s.revoked)) return false; // generations only grow, revocation sticks
    const end = fixedEnd(s, now);
    return entry.sessionEndsAt === null || end === null || Math.abs(entry.sessionEndsAt - end) <= 2; // the fixed cap never moves
  }

  function renderSessions(sessions, served, now) {
    if (served < lastServed) forgetSessions(); // someone reset the mock
    lastServed = served;
    const alive = knownSessions.filter((e) => !e.gone);
    let next = 0;
    for (const s of sessions) {
      let k = next;
      while (k < alive.length && !sameSession(alive[k], s, now)) k++;
      let entry;
      if (k < alive.length) {
        for (let skipped = next; skipped < k; skipped++) alive[skipped].gone = true;
        entry = alive[k];
        next = k + 1;
      } else {
        entry = { ordinal: nextOrdinal++ };
        knownSessions.push(entry);
      }
      Object.assign(entry, { session: s, gone: false, refreshEndsAt: now + s.refreshExpiresIn, sessionEndsAt: fixedEnd(s, now) });
    }
    for (let left = next; left < alive.length; left++) alive[left].gone = true;
    while (knownSessions.length > KNOWN_SESSIONS_MAX) { // forget the oldest ended session first
      const oldestEnded = knownSessions.findIndex((e) => e.gone);
      knownSessions.splice(oldestEnded >= 0 ? oldestEnded : 0, 1);
    }

    const display = clockNow();
    const rows = [...knownSessions].reverse().map(({ ordinal, session: s, gone, refreshEndsAt, sessionEndsAt }) => {
      const live = !gone && s.live;
      const state = gone ? 'evicted'
        : s.revoked ? `revoked${s.revokedBecause ? `: ${s.revokedBecause}` : ''}`
          : s.live ? 'live' : 'expired';
      return el('tr', { testid: 'session-row', class: live ? 'live' : 'ended', 'data-session': ordinal, 'data-live': String(live) },
        el('td', { testid: 'session-id', title: `${s.id} · account ${s.accountId}` },
          el('b', { text: `#${ordinal} ` }), el('span', { class: 'mono muted', text: s.id.split('…')[0] + '…' })),
        el('td', { class: 'wrap' }, el('div', { text: s.clientId }), el('div', { class: 'muted', text: `${s.realm} · ${s.tenant}` })),
        el('td', { text: String(s.generation) }),
        el('td', { text: relative(refreshEndsAt - display), title: utc(refreshEndsAt) }),
        el('td', { text: sessionEndsAt === null ? '—' : relative(sessionEndsAt - display), title: sessionEndsAt === null ? 'no fixed cap' : utc(sessionEndsAt) }),
        el('td', { class: 'state', testid: 'session-state', title: gone ? 'gone from /__harness/sessions: its refresh lifetime or session cap ran out and the mock evicted it' : null }, el('span', { class: `pill tag ${live ? 'live' : 'dead'}`, text: live ? 'live' : 'not live' }), ' ', live ? '' : state));
    });
    byTestId('sessions-rows').replaceChildren(...rows);
    byTestId('sessions-empty').hidden = rows.length > 0;
    const liveCount = knownSessions.filter((e) => !e.gone && e.session.live).length;
    byTestId('sessions-summary').textContent = `${liveCount} live · ${rows.length - liveCount} not live`;
  }

  // ---- journal ------------------------------------------------------------------------------------------
  const openEntries = new Set();
  let journalSignature = '';
  let newestSeen = 0;

  function pretty(text) {
    if (!text) return '(empty)';
    try { return maskJwts(JSON.stringify(JSON.parse(text), null, 2)); } catch { return maskJwts(text); }
  }

  // Headers a client chose come first (credentials, custom x-*, content type), the browser's own noise last.
  function headerRank(name) {
    const n = name.toLowerCase();
    if (n === 'authorization' || n === 'cookie') return 0;
    if (n.startsWith('x-') || n.startsWith('nv-')) return 1;
    if (n === 'content-type' || n === 'origin') return 2;
    if (n === 'host' || n === 'user-agent' || n.startsWith('accept') || n.startsWith('sec-') || n === 'connection'
      || n === 'referer' || n === 'cache-control' || n === 'pragma' || n === 'content-length') return 4;
    return 3;
  }

  function renderJournal(entries) {
    const signature = entries.length ? `${entries[0].sequence}:${entries.length}:${entries[entries.length - 1].sequence}` : 'empty';
    if (signature === journalSignature) return;
    journalSignature = signature;
    const previousNewest = newestSeen;
    newestSeen = entries.length ? entries[0].sequence : 0;
    const rows = entries.map((e) => {
      const headers = Object.entries(e.requestHeaders || {}).sort(([a], [b]) => headerRank(a) - headerRank(b)).map(([k, v]) => `${k}: ${v}`).join('\n');
      const why = el('span', { class: 'why', testid: 'journal-why', title: [e.operation || 'no operation', e.condition, e.forced].filter(Boolean).join(' · ') },
        e.outsideContract ? el('span', { class: 'pill tag outside-contract', testid: 'journal-outside-contract', title: 'a run-time override answered a status the contract does not document', text: 'OUTSIDE CONTRACT' }) : '',
        e.outsideContract ? ' ' : '', e.condition || '', e.forced ? el('span', { class: 'forced', testid: 'journal-forced', text: ` · ${e.forced}` }) : '');
      // What answered, when not the contract (on the WireMock.Net host: a user's stub, the proxy, nothing, a bad mapping file).
      if (e.source && e.source !== 'contract') why.prepend(el('span', { class: 'pill tag source', testid: 'journal-source', text: e.source }));
      const details = el('details', {
        testid: 'journal-row', 'data-seq': e.sequence, 'data-status': e.status, 'data-method': e.method, 'data-path': e.path,
        class: [previousNewest && e.sequence > previousNewest ? 'fresh' : '', e.outsideContract ? 'outside' : ''].join(' ').trim() || null,
        'data-outside-contract': String(Boolean(e.outsideContract)),
        open: openEntries.has(e.sequence),
        'data-source': e.source || 'contract',
        ontoggle: (event) => (event.currentTarget.open ? openEntries.add(e.sequence) : openEntries.delete(e.sequence)),
      },
      el('summary', {},
        el('span', { class: 'seq', text: `#${e.sequence}` }),
        el('span', { class: 'at', text: String(e.at).slice(11, 19), title: `${e.at} (virtual clock)` }),
        el('span', { class: 'method', text: e.method }),
        el('span', { class: 'path', testid: 'journal-path', text: maskJwts(e.path), title: maskJwts(e.path) }),
        el('span', { class: statusClass(e.status), testid: 'journal-status', text: String(e.status) }),
        why,
        el('span', { class: 'ms', text: `${Math.round(e.durationMs)} ms` })),
      el('div', { class: 'entry-body' },
        el('h4', { text: 'request headers' }), el('pre', { testid: 'journal-request-headers', text: maskJwts(headers) || '(none)' }),
        el('h4', { text: 'request body' }), el('pre', { testid: 'journal-request-body', text: pretty(e.requestBody) }),
        el('h4', { text: 'response body' }), el('pre', { testid: 'journal-response-body', text: pretty(e.responseBody) })));
      return details;
    });
    byTestId('journal-rows').replaceChildren(...rows);
    byTestId('journal-empty').hidden = rows.length > 0;
  }

  // ---- users' stubs (WireMock.Net host) -------------------------------------------------------------------
  // /__harness/user-stubs (WireMock.Net host only) gives the file each stub came from and the files not loaded;
  // WireMock.Net's own admin API (/__admin/mappings, same origin) lists every mapping, the harness's with titles that
  // start with "refresh-harness:". The Kestrel host has neither: the panel says so, and asks nothing outside
  // /__harness, where an unknown path would be journalled as a request to the contract.
  const HARNESS_TITLE = 'refresh-harness:';
  const PROXY_TITLE = 'refresh-harness:proxy';
  const field = (o, name) => (o ? o[name] ?? o[name.charAt(0).toLowerCase() + name.slice(1)] : undefined);

  /** A path matcher of WireMock.Net's mapping model, as text: a string, or its matchers' patterns. */
  function matcherText(m) {
    if (m === undefined || m === null) return '';
    if (typeof m === 'string') return m;
    const matchers = field(m, 'Matchers') || [];
    return matchers.map((x) => [].concat(field(x, 'Pattern') ?? field(x, 'Patterns') ?? []).join(' | ')).join(' & ');
  }

  let userStubsSignature = '';
  async function refreshUserStubs() {
    let status = null;
    let mappings = null;
    try {
      status = await call('GET', '/user-stubs');
      const response = await fetch('/__admin/mappings', { cache: 'no-store', headers: { Accept: 'application/json' } });
      mappings = response.ok ? await response.json() : null;
    } catch { mappings = null; }
    if (!status || !Array.isArray(mappings)) {
      byTestId('user-stubs-summary').textContent = "users' stubs: WireMock.Net host only (dotnet run --project mock-server, with --mappings DIR or POST /__admin/mappings)";
      byTestId('user-stubs').dataset.host = 'kestrel';
      return;
    }
    byTestId('user-stubs').dataset.host = 'wiremock';
    const fileOf = new Map((status.mappings || []).map((m) => [String(m.guid).toLowerCase(), m.file]));
    const ours = mappings.filter((m) => !String(field(m, 'Title') ?? '').startsWith(HARNESS_TITLE))
      .sort((a, b) => (field(a, 'Priority') ?? 0) - (field(b, 'Priority') ?? 0));
    const proxy = mappings.find((m) => field(m, 'Title') === PROXY_TITLE);
    const signature = JSON.stringify([ours, status.problems, status.proxy]);
    if (signature === userStubsSignature) return;
    userStubsSignature = signature;
    const rows = ours.map((m) => {
      const request = field(m, 'Request') || {};
      const guid = String(field(m, 'Guid') ?? '');
      const file = fileOf.get(guid.toLowerCase());
      return el('tr', { testid: 'user-stub-row', 'data-guid': guid },
        el('td', { class: 'mono', text: String(field(m, 'Priority') ?? 0) }),
        el('td', { class: 'method', text: (field(request, 'Methods') || ['any']).join(' ') }),
        el('td', { class: 'mono wrap', text: matcherText(field(request, 'Path')) || matcherText(field(request, 'Url')) || '(any)' }),
        el('td', { class: 'wrap', text: field(m, 'Title') || guid }),
        el('td', { class: 'mono', testid: 'user-stub-source', text: file || 'POST /__admin/mappings' }));
    });
    byTestId('user-stubs-rows').replaceChildren(...rows);
    byTestId('user-stubs-table').hidden = rows.length === 0;
    byTestId('user-stubs-problems').replaceChildren(...(status.problems || []).map((p) =>
      el('li', { testid: 'user-stubs-problem', text: `not loaded: ${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.reason}` })));
    const parts = [`${ours.length} stub(s) beside the contract`];
    if (status.mappingsFolder) parts.push(`from ${status.mappingsFolder}`);
    if ((status.problems || []).length) parts.push(`${status.problems.length} file(s) not loaded`);
    parts.push(proxy ? `unmatched requests proxied to ${status.proxy || field(proxy, 'Description')}` : 'unmatched requests get the harness 404');
    byTestId('user-stubs-summary').textContent = parts.join(' · ');
  }
  refreshUserStubs();
  setInterval(refreshUserStubs, 5 * POLL_MS);

  // ---- run-time overrides -------------------------------------------------------------------------------
  let lastOverrides = [];
  let overridesSignature = '';

  function renderOverrides(overrides) {
    lastOverrides = overrides;
    const signature = JSON.stringify(overrides);
    if (signature === overridesSignature) return;
    overridesSignature = signature;
    const rows = overrides.map((o) => el('div', {
      class: `override-row${o.outsideContract ? ' outside' : ''}`, testid: 'override-row',
      'data-id': o.id, 'data-kind': o.kind, 'data-outside-contract': String(o.outsideContract),
    },
    el('b', { text: `#${o.id}` }),
    el('span', { class: 'pill tag', text: o.kind }),
    o.outsideContract ? el('span', { class: 'pill tag outside-contract', testid: 'override-outside-contract', text: 'OUTSIDE CONTRACT' }) : '',
    el('span', { class: 'description', testid: 'override-description', text: `${o.operation ? `${o.operation}: ` : ''}${o.description}`, title: o.description }),
    el('span', { class: 'muted', testid: 'override-remaining', text: `×${o.remaining ?? '∞'} · applied ${o.applied}` }),
    el('button', { class: 'small', testid: `override-clear-${o.id}`, title: `POST /__harness/overrides/clear {"id": ${o.id}}`,
      onclick: () => act(() => call('POST', '/overrides/clear', { id: o.id }), () => `override #${o.id} cleared`) }, 'Clear')));
    byTestId('overrides-rows').replaceChildren(...rows);
    byTestId('overrides-empty').hidden = rows.length > 0;
    byTestId('overrides-summary').textContent = overrides.length ? `${overrides.length} in force` : '';
    if (lastState) renderActive(lastState);
  }

  function showOverrideKind() {
    const kind = byTestId('override-kind').value;
    for (const part of byTestId('override-form').querySelectorAll('[data-kind]')) part.hidden = part.dataset.kind !== kind;
    byTestId('override-operation').hidden = kind === 'claims';
  }

  /** The JSON the form stands for; a value that is not JSON is taken as text. */
  function overrideBody(kind) {
    const value = (id) => byTestId(id).value.trim();
    const json = (text, what) => {
      try { return JSON.parse(text); } catch { if (what) throw new Error(`${what} must be JSON, e.g. {"roles": ["admin"]}`); return text; }
    };
    const body = kind === 'claims' ? { claims: json(value('override-claims') || '{}', 'claims') } : { operation: byTestId('override-operation').value };
    if (kind === 'claims' && value('override-user')) body.user = value('override-user');
    if (kind === 'body') {
      body.field = value('override-field');
      if (value('override-value')) body.value = json(value('override-value'));
      else body.remove = true;
    }
    if (kind === 'header') Object.assign(body, { name: value('override-header-name'), value: byTestId('override-header-value').value });
    if (kind === 'status') body.status = Number(value('override-status'));
    if (value('override-count')) body.count = Math.max(1, parseInt(value('override-count'), 10) || 1);
    return body;
  }

  // ---- polling ------------------------------------------------------------------------------------------
  let busy = false;
  let again = false;

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const withJournal = byTestId('journal-auto').checked;
      const [state, sessions, journal, overrides] = await Promise.all([
        call('GET', '/state'), call('GET', '/sessions'), withJournal ? call('GET', `/journal?limit=${JOURNAL_LIMIT}`) : null, call('GET', '/overrides')]);
      renderOverrides(overrides);
      renderState(state);
      renderSessions(sessions, state.served, state.clock.unixSeconds);
      if (journal) renderJournal(journal);
      document.body.dataset.connected = 'true';
    } catch (error) {
      document.body.dataset.connected = 'false';
      toast(`mock unreachable: ${error.message || error}`, true);
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  function refreshSoon() { refresh(); }

  // ---- contracts: a change to the scenario files refused (its problems at file:line:column), or served -----
  let contractsVersion = null;

  async function refreshContracts() {
    try {
      const status = await call('GET', '/contracts/status');
      const banner = byTestId('contracts-banner');
      if (status.refused) {
        banner.replaceChildren(
          el('strong', { text: `The scenario files changed with ${status.problems.length} problem(s): still serving version ${status.version}, the last valid one. Fix them and save to reload.` }),
          el('ul', {}, ...status.problems.map((problem) => el('li', { class: 'mono', text: problem }))));
      }
      banner.hidden = !status.refused;
      if (contractsVersion !== null && status.version !== contractsVersion) {
        toast(`contracts reloaded from ${status.source}: version ${status.version}; sessions, forced answers and faults cleared`);
        loadApis();
      }
      contractsVersion = status.version;
    } catch {
      // The state poll already says when the mock is unreachable.
    }
  }

  async function loadApis() {
    try {
      renderApis(await call('GET', '/apis'));
    } catch (error) {
      byTestId('apis').replaceChildren(el('div', { class: 'empty', text: `could not load /__harness/apis: ${error.message}` }));
    }
  }

  // ---- wiring -------------------------------------------------------------------------------------------
  for (const button of document.querySelectorAll('[data-seconds]')) {
    button.addEventListener('click', () => advance(Number(button.dataset.seconds)));
  }
  byTestId('clock-custom').addEventListener('submit', (event) => {
    event.preventDefault();
    const seconds = Number(byTestId('clock-custom-seconds').value);
    if (!(seconds > 0)) { toast('give a positive number of seconds', true); return; }
    advance(seconds);
  });
  byTestId('reset').addEventListener('click', () => act(async () => {
    const result = await call('POST', '/reset');
    forgetSessions();
    openEntries.clear();
    return result;
  }, () => 'mock reset: no sessions, empty journal, no forced answers, faults or overrides, real time'));
  byTestId('journal-auto').addEventListener('change', refreshSoon);
  byTestId('override-kind').addEventListener('change', showOverrideKind);
  byTestId('override-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const kind = byTestId('override-kind').value;
    act(() => call('POST', `/overrides/${kind}`, overrideBody(kind)),
      (o) => `override #${o.id}: ${o.description}${o.outsideContract ? ' — OUTSIDE THE CONTRACT' : ''}`);
  });
  byTestId('overrides-clear-all').addEventListener('click', () => act(() => call('DELETE', '/overrides'), (r) => `${r.cleared} override(s) cleared`));

  setInterval(renderClock, 1000);
  setInterval(refresh, POLL_MS);
  setInterval(refreshContracts, POLL_MS);
  loadApis();
  refresh();
  refreshContracts();
})();
