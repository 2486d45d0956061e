// Real-server target: @node-oauth/oauth2-server 5.x behind a plain node:http server.
//
//   PORT=43102 node node-oauth2-server.mjs
//
// Token endpoint: POST /token (every other path: 404). Grants: password, refresh_token.
// Prints exactly one line `READY http://127.0.0.1:PORT` on stdout once it accepts connections.
// Exits 0 on SIGTERM / SIGINT.
//
// Environment:
//   PORT                            required, 1..65535
//   OAUTH2_CLIENT_SECRET            secret of `harness-client`   (default harness-secret)
//   OAUTH2_CLIENT_2_SECRET          secret of `harness-client-2` (default harness-secret-2)
//   OAUTH2_USERNAME / OAUTH2_PASSWORD   the one resource owner    (default alice / alice-password)
//   OAUTH2_ACCESS_TOKEN_LIFETIME    seconds (default 3600, the library default)
//   OAUTH2_REFRESH_TOKEN_LIFETIME   seconds (default 1209600, the library default)
//
// The HTTP glue mirrors the official express wrapper (@node-oauth/express-oauth-server): the body is
// parsed only when it is application/x-www-form-urlencoded (body-parser `extended: false`, i.e.
// node:querystring), the library's Response headers/status/body are copied verbatim, and errors are
// sent as {"error": e.name, "error_description": e.message} with status e.code. Everything RFC-relevant
// (method and content-type checks, client authentication, rotation, scope checks) is the library's own.

import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

import OAuth2Server from '@node-oauth/oauth2-server';

const { Request, Response, OAuthError, UnauthorizedRequestError } = OAuth2Server;

function requirePort() {
  const raw = process.env.PORT;
  const port = Number.parseInt(raw ?? '', 10);
  if (!raw || !Number.isInteger(port) || String(port) !== raw.trim() || port < 1 || port > 65535) {
    process.stderr.write(`node-oauth2-server.mjs: PORT must be set to a port number 1..65535 (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return port;
}

function intEnv(name, dflt) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number.parseInt(raw, 10);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`node-oauth2-server.mjs: ${name} must be a positive integer (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return n;
}

const PORT = requirePort();
const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// In-memory model (model spec of @node-oauth/oauth2-server 5.x; see index.d.ts in the package).
// ---------------------------------------------------------------------------------------------

const VALID_SCOPES = ['read', 'write'];

const clients = new Map([
  ['harness-client', {
    id: 'harness-client',
    secret: process.env.OAUTH2_CLIENT_SECRET || 'harness-secret',
    grants: ['password', 'refresh_token'],
    redirectUris: [],
  }],
  ['harness-client-2', {
    id: 'harness-client-2',
    secret: process.env.OAUTH2_CLIENT_2_SECRET || 'harness-secret-2',
    grants: ['password', 'refresh_token'],
    redirectUris: [],
  }],
]);

const users = new Map([
  [process.env.OAUTH2_USERNAME || 'alice', {
    id: process.env.OAUTH2_USERNAME || 'alice',
    username: process.env.OAUTH2_USERNAME || 'alice',
    password: process.env.OAUTH2_PASSWORD || 'alice-password',
  }],
]);

const accessTokens = new Map(); // accessToken -> token record
const refreshTokens = new Map(); // refreshToken -> token record

function secretEquals(a, b) {
  const ha = createHash('sha256').update(String(a)).digest();
  const hb = createHash('sha256').update(String(b)).digest();
  return timingSafeEqual(ha, hb);
}

// What the model hands back to the library: never the stored secret / password.
const publicClient = (c) => ({ id: c.id, grants: c.grants, redirectUris: c.redirectUris });
const publicUser = (u) => ({ id: u.id, username: u.username });

const model = {
  // clientSecret is null/undefined only for grants that do not require client authentication
  // (none here: requireClientAuthentication is left at its default, true for every grant).
  async getClient(clientId, clientSecret) {
    const client = clients.get(clientId);
    if (!client) return false;
    if (clientSecret != null && !secretEquals(clientSecret, client.secret)) return false;
    return publicClient(client);
  },

  async getUser(username, password) {
    const user = users.get(username);
    if (!user || !secretEquals(password, user.password)) return false;
    return publicUser(user);
  },

  // Requested scope must be a subset of VALID_SCOPES; no scope requested -> all of them
  // (RFC 6749 §3.3 "pre-defined default value"). Only called for the password grant: the
  // refresh_token grant checks the requested scope against the original itself.
  async validateScope(user, client, scope) {
    if (!scope || scope.length === 0) return [...VALID_SCOPES];
    return scope.every((s) => VALID_SCOPES.includes(s)) ? scope : false;
  },

  async saveToken(token, client, user) {
    const record = {
      accessToken: token.accessToken,
      accessTokenExpiresAt: token.accessTokenExpiresAt,
      refreshToken: token.refreshToken,
      refreshTokenExpiresAt: token.refreshTokenExpiresAt,
      scope: token.scope,
      client: { id: client.id },
      user: { ...user },
    };
    accessTokens.set(record.accessToken, record);
    if (record.refreshToken) refreshTokens.set(record.refreshToken, record);
    return { ...record, client, user };
  },

  async getAccessToken(accessToken) {
    const record = accessTokens.get(accessToken);
    if (!record) return false;
    return { ...record, client: publicClient(clients.get(record.client.id)) };
  },

  async getRefreshToken(refreshToken) {
    const record = refreshTokens.get(refreshToken);
    if (!record) return false;
    return {
      refreshToken: record.refreshToken,
      refreshTokenExpiresAt: record.refreshTokenExpiresAt,
      scope: record.scope,
      client: publicClient(clients.get(record.client.id)),
      user: record.user,
    };
  },

  // Called by the refresh_token grant (alwaysIssueNewRefreshToken defaults to true) to rotate:
  // the presented refresh token is removed; returning false makes the library answer invalid_grant.
  async revokeToken(token) {
    return refreshTokens.delete(token.refreshToken);
  },
};

const oauth = new OAuth2Server({
  model,
  accessTokenLifetime: intEnv('OAUTH2_ACCESS_TOKEN_LIFETIME', 3600),
  refreshTokenLifetime: intEnv('OAUTH2_REFRESH_TOKEN_LIFETIME', 1209600),
});

// ---------------------------------------------------------------------------------------------
// HTTP glue
// ---------------------------------------------------------------------------------------------

const MAX_BODY = 64 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res, status, headers, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
  if (payload) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}

async function handleToken(req, res, url) {
  const raw = await readBody(req);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const body = contentType === 'application/x-www-form-urlencoded'
    ? { ...parseQueryString(raw.toString('utf8')) }
    : {};
  const request = new Request({
    headers: req.headers,
    method: req.method,
    query: Object.fromEntries(url.searchParams),
    body,
  });
  const response = new Response({});
  try {
    await oauth.token(request, response);
    send(res, response.status, response.headers, response.body);
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    if (e instanceof UnauthorizedRequestError) {
      send(res, e.code, response.headers, undefined);
      return;
    }
    send(res, e.code, response.headers, { error: e.name, error_description: e.message });
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${HOST}:${PORT}`);
  try {
    if (url.pathname === '/token') {
      await handleToken(req, res, url);
    } else {
      send(res, 404, {}, { error: 'not_found' });
    }
  } catch (err) {
    process.stderr.write(`node-oauth2-server.mjs: ${err?.stack ?? err}\n`);
    if (!res.headersSent) send(res, err?.status ?? 500, {}, { error: 'server_error' });
    else res.destroy();
  }
});

server.on('error', (err) => {
  process.stderr.write(`node-oauth2-server.mjs: cannot listen on ${HOST}:${PORT}: ${err.message}\n`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  process.stdout.write(`READY http://${HOST}:${PORT}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
