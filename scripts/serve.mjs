// Static file server for the activations-wasm page (Node >= 20, no dependencies).
//
//   import { serve } from './scripts/serve.mjs';
//   const { url, close } = await serve({ root: 'site', port: 0, csp: true });
//
// Run directly:  node scripts/serve.mjs [--port N] [--host H] [--root DIR]
// (root defaults to <repo>/site; the page's Content-Security-Policy header is sent).

import { createServer } from 'node:http';
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const PORT_ATTEMPTS = 21; // the requested port and the next 20

// The page's own policy (its <meta> tag) plus what only a header can say:
// frame-ancestors (no framing). Sent with HTML when serve() is asked to (the
// page's server does; other pages served by this module keep their own rules).
export const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** MIME type for a file name (application/octet-stream when unknown). */
export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function sendText(req, res, status, text, extraHeaders = {}) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Map a request path to a file under root, or null if it would escape root
 * or is malformed. Purely lexical: `..` segments, encoded slashes/backslashes
 * and NUL bytes cannot leave the root.
 */
function resolveInside(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

function makeHandler(root, csp) {
  return async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
        return;
      }
      // Take the path verbatim (new URL() would read '//x/y' as a host name).
      const rawUrl = req.url ?? '';
      const queryAt = rawUrl.search(/[?#]/);
      const pathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
      const search = queryAt < 0 ? '' : rawUrl.slice(queryAt);
      if (!pathname.startsWith('/')) {
        sendText(req, res, 400, 'Bad request');
        return;
      }
      let file = resolveInside(root, pathname);
      if (file === null) {
        sendText(req, res, 403, 'Forbidden');
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          // Relative redirect: keeps the client on this origin whatever the path looks like.
          const base = pathname.slice(pathname.lastIndexOf('/') + 1);
          sendText(req, res, 301, 'Moved', { Location: base + '/' + search });
          return;
        }
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        sendText(req, res, 404, `Not found: ${pathname}`);
        return;
      }
      const type = mimeType(file);
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': info.size,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...(csp && type.startsWith('text/html') ? { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' } : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) sendText(req, res, 500, 'Internal server error');
      else res.destroy(err);
    }
  };
}

function listenOnce(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serve the static files under `root`.
 * If `port` is busy, the next ports (up to port + 20) are tried; port 0 picks any free port.
 * `csp`: true sends PAGE_CSP with every HTML response, a string sends that policy.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serve({ root, port = 8080, host = '127.0.0.1', csp = false } = {}) {
  if (!root) throw new TypeError('serve: root is required');
  let absRoot = path.resolve(root);
  try {
    absRoot = realpathSync(absRoot);
  } catch {
    // a missing root still serves (404s); keep the lexical path
  }
  const server = createServer(makeHandler(absRoot, csp === true ? PAGE_CSP : csp || null));
  const attempts = port === 0 ? 1 : PORT_ATTEMPTS;
  let lastError;
  for (let i = 0; i < attempts; i++) {
    const candidate = port === 0 ? 0 : port + i;
    if (candidate > 65535) break;
    try {
      await listenOnce(server, candidate, host);
      lastError = undefined;
      break;
    } catch (err) {
      lastError = err;
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw err;
    }
  }
  if (lastError || !server.listening) {
    const err = new Error(
      `serve: no free port in ${port}..${port + attempts - 1} on ${host}` +
        (lastError ? ` (${lastError.code ?? lastError.message})` : ''),
    );
    err.cause = lastError;
    throw err;
  }
  const actualPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}/`;
  let closing;
  const close = () => {
    closing ??= new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, port: actualPort, close };
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`missing value for ${key}`);
      return v;
    };
    switch (key) {
      case '--port':
      case '-p': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${v}`);
        opts.port = n;
        break;
      }
      case '--host':
        opts.host = value();
        break;
      case '--root':
        opts.root = value();
        break;
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve.mjs: ${err.message}\nusage: node scripts/serve.mjs [--port N] [--host H] [--root DIR]`);
    process.exit(2);
  }
  if (opts.help) {
    console.log('usage: node scripts/serve.mjs [--port N] [--host H] [--root DIR]');
    return;
  }
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = path.resolve(opts.root ?? path.join(repo, 'site'));
  const index = await stat(path.join(root, 'index.html')).catch(() => null);
  if (!index?.isFile()) {
    console.error(`serve.mjs: ${path.join(root, 'index.html')} is missing - run npm run build first.`);
    process.exit(1);
  }
  let server;
  try {
    server = await serve({ root, port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1', csp: true });
  } catch (err) {
    console.error(`serve.mjs: ${err.message}`);
    process.exit(1);
  }
  console.log(`activations-wasm page: ${server.url}`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) await main();
