// Obtains a fresh token response (with a refresh token) from the oidc-provider.mjs server by scripting
// its devInteractions login + consent pages with plain fetch, then exchanging the authorization code
// at the token endpoint with client_secret_basic.
//
//   node get-oidc-refresh-token.mjs http://127.0.0.1:43101
//   ISSUER=http://127.0.0.1:43101 node get-oidc-refresh-token.mjs
//   node get-oidc-refresh-token.mjs http://127.0.0.1:43101 --client-id harness-client-2 --scope "openid offline_access"
//
// Prints the token endpoint's JSON response on stdout as one line; exits non-zero with a message on
// stderr on any failure (including a response without refresh_token).
//
// Options (argv) / environment:
//   ISSUER            argv[2] or env ISSUER (required)
//   --client-id       env OIDC_CLIENT_ID      default harness-client
//   --client-secret   env OIDC_CLIENT_SECRET  default harness-secret (harness-secret-2 for harness-client-2,
//                     env OIDC_CLIENT_2_SECRET)
//   --scope           env OIDC_SCOPE          default "openid offline_access profile email"
//   --login           env OIDC_LOGIN          default alice (dev interactions accept any login)
//   --redirect-uri    env OIDC_REDIRECT_URI   default http://127.0.0.1/cb

import { randomBytes } from 'node:crypto';

function fail(msg) {
  process.stderr.write(`get-oidc-refresh-token: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const out = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        out[a.slice(2, eq)] = a.slice(eq + 1);
      } else {
        if (i + 1 >= argv.length) fail(`option ${a} needs a value`);
        out[a.slice(2)] = argv[++i];
      }
    } else {
      out.positional.push(a);
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const issuerRaw = args.positional[0] ?? args.issuer ?? process.env.ISSUER;
if (!issuerRaw) fail('usage: node get-oidc-refresh-token.mjs ISSUER_URL  (or set env ISSUER)');
let issuer;
try {
  issuer = new URL(issuerRaw.replace(/\/+$/, '') + '/');
} catch {
  fail(`invalid issuer URL ${JSON.stringify(issuerRaw)}`);
}

const clientId = args['client-id'] ?? process.env.OIDC_CLIENT_ID ?? 'harness-client';
const clientSecret = args['client-secret'] ?? (clientId === 'harness-client-2'
  ? (process.env.OIDC_CLIENT_2_SECRET || 'harness-secret-2')
  : (process.env.OIDC_CLIENT_SECRET || 'harness-secret'));
const scope = args.scope ?? process.env.OIDC_SCOPE ?? 'openid offline_access profile email';
const login = args.login ?? process.env.OIDC_LOGIN ?? 'alice';
const redirectUri = args['redirect-uri'] ?? process.env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1/cb';
const TIMEOUT_MS = 5000;

// Minimal cookie jar: name -> value, sent to every request on the issuer's origin (paths ignored;
// oidc-provider scopes its interaction cookies by path, and sending them more widely is harmless).
const jar = new Map();
function storeCookies(res) {
  for (const sc of res.headers.getSetCookie()) {
    const [pair, ...attrs] = sc.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v = ''] = a.trim().split('=');
      if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
      return false;
    });
    if (expired || value === '') jar.delete(name); else jar.set(name, value);
  }
}
function cookieHeader() {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function request(url, init = {}) {
  const u = new URL(url, issuer);
  if (u.origin !== issuer.origin) fail(`refusing to follow request to foreign origin ${u.href}`);
  const headers = new Headers(init.headers ?? {});
  if (jar.size) headers.set('cookie', cookieHeader());
  let res;
  try {
    res = await fetch(u, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    fail(`${init.method ?? 'GET'} ${u.href} failed: ${err?.cause?.message ?? err.message}`);
  }
  storeCookies(res);
  return res;
}

function formFrom(html, pageUrl) {
  const form = /<form[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = {};
  for (const m of form[2].matchAll(/<input[^>]*>/gi)) {
    const tag = m[0];
    const name = /\bname="([^"]*)"/i.exec(tag)?.[1];
    const type = (/\btype="([^"]*)"/i.exec(tag)?.[1] ?? 'text').toLowerCase();
    const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name && type === 'hidden') fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return { action: new URL(form[1].replace(/&amp;/g, '&'), pageUrl).href, fields };
}

const state = randomBytes(12).toString('base64url');
const authUrl = new URL('auth', issuer);
authUrl.search = new URLSearchParams({
  client_id: clientId,
  response_type: 'code',
  scope,
  redirect_uri: redirectUri,
  state,
  prompt: 'consent',
}).toString();

let next = authUrl.href;
let code;
for (let step = 0; step < 20 && !code; step++) {
  const res = await request(next);
  if (res.status >= 300 && res.status < 400) {
    const loc = res.headers.get('location');
    if (!loc) fail(`redirect without Location from ${next}`);
    await res.arrayBuffer();
    const target = new URL(loc, next);
    if (target.href.startsWith(redirectUri)) {
      const p = target.searchParams;
      if (p.get('error')) fail(`authorization error: ${p.get('error')} ${p.get('error_description') ?? ''}`);
      if (p.get('state') !== state) fail(`state mismatch in redirect ${target.href}`);
      code = p.get('code');
      if (!code) fail(`no code in redirect ${target.href}`);
      break;
    }
    next = target.href;
    continue;
  }
  const body = await res.text();
  if (res.status !== 200) fail(`GET ${next} -> HTTP ${res.status}: ${body.slice(0, 300)}`);
  const form = formFrom(body, next);
  if (!form) fail(`no form on interaction page ${next}: ${body.slice(0, 300)}`);
  const data = new URLSearchParams(form.fields);
  if (form.fields.prompt === 'login') {
    data.set('login', login);
    data.set('password', 'any-password');
  } else if (form.fields.prompt !== 'consent') {
    fail(`unexpected interaction prompt ${JSON.stringify(form.fields.prompt)} at ${next}`);
  }
  const post = await request(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: data.toString(),
  });
  const loc = post.headers.get('location');
  const postBody = await post.text();
  if (post.status < 300 || post.status >= 400 || !loc) {
    fail(`POST ${form.action} (prompt=${form.fields.prompt}) -> HTTP ${post.status}: ${postBody.slice(0, 300)}`);
  }
  next = new URL(loc, form.action).href;
}
if (!code) fail('too many redirects / interactions without reaching the redirect_uri');

// RFC 6749 §2.3.1: client_id and secret are form-urlencoded before Basic encoding.
const enc = (s) => encodeURIComponent(s).replace(/%20/g, '+');
const basic = Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64');
const tokenRes = await request(new URL('token', issuer).href, {
  method: 'POST',
  headers: {
    authorization: `Basic ${basic}`,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  },
  body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
});
const text = await tokenRes.text();
if (tokenRes.status !== 200) fail(`token endpoint -> HTTP ${tokenRes.status}: ${text}`);
let json;
try {
  json = JSON.parse(text);
} catch {
  fail(`token endpoint returned non-JSON: ${text.slice(0, 300)}`);
}
if (!json.refresh_token) fail(`token response has no refresh_token (was offline_access granted?): ${text}`);
process.stdout.write(`${JSON.stringify(json)}\n`);
