// Real-server target: axa-group/oauth2-mock-server, default configuration (issues tokens for anything).
//
//   PORT=43103 node oauth2-mock-server.mjs
//
// Token endpoint: POST /token. One random RS256 signing key is generated at start (as the package's
// own CLI does). Prints exactly one line `READY http://127.0.0.1:PORT` on stdout once it accepts
// connections. Exits 0 on SIGTERM / SIGINT.
//
// Environment:
//   PORT   required, 1..65535

import { OAuth2Server } from 'oauth2-mock-server';

function requirePort() {
  const raw = process.env.PORT;
  const port = Number.parseInt(raw ?? '', 10);
  if (!raw || !Number.isInteger(port) || String(port) !== raw.trim() || port < 1 || port > 65535) {
    process.stderr.write(`oauth2-mock-server.mjs: PORT must be set to a port number 1..65535 (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return port;
}

const PORT = requirePort();
const HOST = '127.0.0.1';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
try {
  await server.start(PORT, HOST);
} catch (err) {
  process.stderr.write(`oauth2-mock-server.mjs: cannot listen on ${HOST}:${PORT}: ${err.message}\n`);
  process.exit(1);
}
process.stdout.write(`READY http://${HOST}:${PORT}\n`);

function shutdown() {
  setTimeout(() => process.exit(0), 2000).unref();
  server.stop().then(() => process.exit(0), () => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
