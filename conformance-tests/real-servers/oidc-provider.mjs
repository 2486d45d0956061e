// Real-server target: panva/oidc-provider 9.x (authorization_code + refresh_token, rotating refresh tokens).
//
//   PORT=43101 node oidc-provider.mjs
//
// Prints exactly one line `READY http://127.0.0.1:PORT` on stdout once it accepts connections;
// everything else (oidc-provider's own NOTICE/WARNING lines, request errors) goes to stderr.
// Exits 0 on SIGTERM / SIGINT.
//
// Environment:
//   PORT                    required, 1..65535 (0 is refused: the harness must know the port up front)
//   OIDC_CLIENT_SECRET      secret of `harness-client`   (default harness-secret)
//   OIDC_CLIENT_2_SECRET    secret of `harness-client-2` (default harness-secret-2)
//   OIDC_ACCESS_TOKEN_TTL   access token lifetime, seconds (default 3600)
//   OIDC_REFRESH_TOKEN_TTL  refresh token lifetime, seconds (default 1209600 = 14 days)

// oidc-provider prints its NOTICE lines with console.info (stdout). Keep stdout for the READY line only.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const { default: Provider } = await import('oidc-provider');

function requirePort() {
  const raw = process.env.PORT;
  const port = Number.parseInt(raw ?? '', 10);
  if (!raw || !Number.isInteger(port) || String(port) !== raw.trim() || port < 1 || port > 65535) {
    process.stderr.write(`oidc-provider.mjs: PORT must be set to a port number 1..65535 (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return port;
}

function intEnv(name, dflt) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number.parseInt(raw, 10);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`oidc-provider.mjs: ${name} must be a positive integer (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return n;
}

const PORT = requirePort();
const HOST = '127.0.0.1';
const ISSUER = `http://${HOST}:${PORT}`;
const ACCESS_TOKEN_TTL = intEnv('OIDC_ACCESS_TOKEN_TTL', 60 * 60);
const REFRESH_TOKEN_TTL = intEnv('OIDC_REFRESH_TOKEN_TTL', 14 * 24 * 60 * 60);

const commonClient = {
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/cb'],
  scope: 'openid offline_access profile email',
};

const configuration = {
  clients: [
    {
      ...commonClient,
      client_id: 'harness-client',
      client_secret: process.env.OIDC_CLIENT_SECRET || 'harness-secret',
    },
    {
      ...commonClient,
      client_id: 'harness-client-2',
      client_secret: process.env.OIDC_CLIENT_2_SECRET || 'harness-secret-2',
    },
  ],
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email', 'email_verified'],
  },
  // The dev interactions accept any login name; the account is whatever was typed.
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, name: sub, email: `${sub}@example.test`, email_verified: true };
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  // Refresh tokens only when offline_access was granted (this is also the library default, stated explicitly).
  async issueRefreshToken(ctx, client, code) {
    return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
  },
  // Always rotate: every refresh_token grant consumes the presented token and issues a new one.
  // Presenting a consumed token revokes the whole grant (oidc-provider's built-in reuse detection).
  rotateRefreshToken: true,
  ttl: {
    AccessToken: ACCESS_TOKEN_TTL,
    AuthorizationCode: 60,
    IdToken: 60 * 60,
    RefreshToken: REFRESH_TOKEN_TTL,
    Interaction: 60 * 60,
    Session: 14 * 24 * 60 * 60,
    Grant: 14 * 24 * 60 * 60,
  },
  cookies: { keys: ['harness-cookie-key-not-secret'] },
};

const provider = new Provider(ISSUER, configuration);
provider.on('server_error', (ctx, err) => {
  process.stderr.write(`oidc-provider server_error: ${err?.stack ?? err}\n`);
});

const server = provider.listen(PORT, HOST, () => {
  process.stdout.write(`READY ${ISSUER}\n`);
});
server.on('error', (err) => {
  process.stderr.write(`oidc-provider.mjs: cannot listen on ${HOST}:${PORT}: ${err.message}\n`);
  process.exit(1);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
