// The browser benchmark: ours vs plain JS vs TF.js-wasm in headless Chromium,
// side by side in one page (scripts/bench/page.html + page.js running the
// shared suite). Prints the same table and goals as scripts/bench.mjs (without
// the native column) and writes bench-results/browser.json.
//   node scripts/bench-browser.mjs [--quick] [--only id,id] [--tf-threads] [--serve]
// --tf-threads lets TF.js use its threaded wasm build (the page is served
// cross-origin isolated, so it can); by default it runs single-threaded, as in
// Node. --serve only serves the page (open the printed URL in any browser).
// Needs `npm run build` (dist/), `npm install` (TF.js, playwright-core) and
// Chromium at /usr/bin/chromium (apt-get install -y chromium), launched by
// scripts/chromium.mjs.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goals, printGoals, printTable } from './bench/report.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const KNOWN = new Set(['--quick', '--only', '--tf-threads', '--serve']);
for (const [i, arg] of args.entries()) {
  if (!KNOWN.has(arg) && args[i - 1] !== '--only') usage(`unknown argument: ${arg}`);
}
const quick = args.includes('--quick');
const serveOnly = args.includes('--serve');
const tfThreads = args.includes('--tf-threads');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !only) usage('--only needs a comma-separated list of function ids');

// On top of scripts/chromium.mjs's flags: no throttling of the benchmark's timers.
const EXTRA_CHROMIUM_ARGS = ['--disable-background-timer-throttling', '--disable-renderer-backgrounding'];
// No step (one function at one size) should take minutes; a full run takes a few.
const STALL_MS = 3 * 60_000;
const TOTAL_MS = (quick ? 10 : 60) * 60_000;

function usage(message) {
  console.error(`bench-browser: ${message}\nusage: node scripts/bench-browser.mjs [--quick] [--only id,id] [--tf-threads] [--serve]`);
  process.exit(2);
}

// ---- What the page may load: an explicit URL -> file table, nothing else. ----

const require = createRequire(import.meta.url);
function packageDist(name) {
  try {
    return path.join(path.dirname(require.resolve(`${name}/package.json`)), 'dist');
  } catch {
    return path.join(root, 'node_modules', name, 'dist');
  }
}

async function fileTable() {
  const files = new Map();
  const bench = path.join(root, 'scripts', 'bench');
  files.set('/', path.join(bench, 'page.html'));
  for (const f of ['page.js', 'suite.js', 'report.js', 'calls.js', 'textbook.js']) files.set(`/${f}`, path.join(bench, f));
  const dist = path.join(root, 'dist');
  for (const f of await readdir(dist).catch(() => [])) {
    if (/\.(m?js|wasm|map)$/.test(f)) files.set(`/pkg/${f}`, path.join(dist, f));
  }
  const tfjs = packageDist('@tensorflow/tfjs');
  const wasm = packageDist('@tensorflow/tfjs-backend-wasm');
  files.set('/tf/tf.fesm.js', path.join(tfjs, 'tf.fesm.js'));
  files.set('/tf/tf.fesm.js.map', path.join(tfjs, 'tf.fesm.js.map'));
  files.set('/tf/tf-backend-wasm.fesm.js', path.join(wasm, 'tf-backend-wasm.fesm.js'));
  files.set('/tf/tf-backend-wasm.fesm.js.map', path.join(wasm, 'tf-backend-wasm.fesm.js.map'));
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    files.set(`/tf/${f}`, path.join(wasm, f));
  }
  const required = [
    ['/pkg/browser.js', 'run npm run build first'],
    ['/pkg/activations-simd.wasm', 'run npm run build first'],
    ['/pkg/activations-baseline.wasm', 'run npm run build first'],
    ['/tf/tf.fesm.js', 'run npm install (@tensorflow/tfjs 4.22)'],
    ['/tf/tf-backend-wasm.fesm.js', 'run npm install (@tensorflow/tfjs-backend-wasm 4.22)'],
    ['/tf/tfjs-backend-wasm-simd.wasm', 'run npm install (@tensorflow/tfjs-backend-wasm 4.22)'],
    ['/', 'scripts/bench/page.html is missing'],
  ];
  for (const [url, hint] of required) {
    const info = files.has(url) ? await stat(files.get(url)).catch(() => null) : null;
    if (!info?.isFile()) throw new Error(`${files.get(url) ?? url} is missing: ${hint}`);
  }
  return files;
}

// The wasm backend's ES module imports Node built-ins it only touches in Node.
const NODE_BUILTIN_STUB = 'export default {};\n';
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json; charset=utf-8' };
// Cross-origin isolation: finer performance.now() (5 µs rather than 100 µs) and SharedArrayBuffer.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

function startServer(files) {
  const server = createServer(async (req, res) => {
    const pathname = (req.url ?? '/').replace(/[?#].*$/s, '');
    const headers = { ...ISOLATION, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === '/tf/node-builtin-stub.js') {
      res.writeHead(200, { ...headers, 'Content-Type': MIME['.js'] }).end(req.method === 'HEAD' ? undefined : NODE_BUILTIN_STUB);
      return;
    }
    const file = files.get(pathname);
    const info = file && (await stat(file).catch(() => null));
    if (!info?.isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}

// ---- Run ----

const files = await fileTable().catch((err) => {
  console.error(`bench-browser: ${err.message}`);
  process.exit(1);
});
const server = await startServer(files);
const query = new URLSearchParams();
if (quick) query.set('quick', '1');
if (only) query.set('only', only);
if (tfThreads) query.set('tfThreads', '1');
const pageUrl = `${server.url}${query.size ? `?${query}` : ''}`;

if (serveOnly) {
  console.log(`browser benchmark page: ${pageUrl}\n(Ctrl-C to stop)`);
  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  process.exitCode = await runInChromium().catch((err) => {
    console.error(`\nbench-browser: ${err.message}`);
    return 1;
  }).finally(() => server.close());
}

async function runInChromium() {
  const { CHROMIUM_PATH, CHROMIUM_ARGS, launchChromium } = await import('./chromium.mjs');
  if (!(await stat(CHROMIUM_PATH).catch(() => null))) throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium`);
  const started = Date.now();
  const browser = await launchChromium({ args: [...CHROMIUM_ARGS, ...EXTRA_CHROMIUM_ARGS] });
  try {
    const origin = new URL(server.url).origin;
    const context = await browser.newContext();
    const problems = [];
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    failed.catch(() => {});
    const problem = (text) => {
      problems.push(text);
      fail(new Error(`page problem: ${text}`));
    };
    // Only our own origin may be contacted.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      problem(`request to another origin blocked: ${url.href}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => problem(`page error: ${err.stack ?? err.message}`));
    page.on('crash', () => problem('the page crashed'));
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error') problem(`console error: ${text}`);
      else if (msg.type() === 'warning') process.stderr.write(`  [page warning] ${text}\n`);
      else process.stderr.write(`  [page ${msg.type()}] ${text}\n`);
    });
    page.on('requestfailed', (req) => problem(`request failed: ${req.url()} (${req.failure()?.errorText})`));
    page.on('response', (res) => { if (res.status() >= 400) problem(`HTTP ${res.status()} for ${res.url()}`); });

    // Progress from the page, and a watchdog for a stalled or endless run.
    let lastProgress = Date.now();
    await page.exposeFunction('benchProgress', ({ done, total, label }) => {
      lastProgress = Date.now();
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${done}/${total} ${label}`);
      else if (done < total) process.stderr.write(`  ${done + 1}/${total} ${label}\n`);
    });
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > STALL_MS) fail(new Error(`no progress for ${STALL_MS / 60_000} minutes`));
      if (Date.now() - started > TOTAL_MS) fail(new Error(`not done after ${TOTAL_MS / 60_000} minutes`));
    }, 1000);

    try {
      await Promise.race([page.goto(pageUrl, { waitUntil: 'load' }), failed]);
      await Promise.race([page.waitForFunction(() => window.bench, null, { timeout: 60_000 }), failed]);
      const { env, rows } = await Promise.race([page.evaluate(() => window.bench.done), failed]);
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      // Anything reported while the result travelled back still counts.
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (problems.length) throw new Error(`page problem: ${problems[0]}`);
      await report(env, rows, await browser.version(), (Date.now() - started) / 1000);
      return 0;
    } finally {
      clearInterval(watchdog);
    }
  } finally {
    await browser.close();
  }
}

async function report(env, rows, chromiumVersion, seconds) {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    runtime: `Chromium ${chromiumVersion} (headless)`,
    userAgent: env.userAgent,
    tfjs: env.tfjs,
    crossOriginIsolated: env.crossOriginIsolated,
    timerResolutionMs: env.timerResolutionMs,
    mode: env.quick ? 'quick' : 'full',
    date: new Date().toISOString().slice(0, 10),
  };
  console.log(`activations-wasm browser benchmark — ${machine.cpu} (${machine.cores} cores), ${machine.runtime}, ${machine.date}`);
  console.log(`${machine.tfjs}; page ${env.crossOriginIsolated ? '' : 'not '}cross-origin isolated, performance.now() steps ${Number((env.timerResolutionMs * 1000).toFixed(1))} µs; ${machine.mode} run, ${seconds.toFixed(0)} s`);
  printTable(rows, console.log);
  const verdicts = goals(rows);
  printGoals(verdicts, console.log);
  await mkdir(path.join(root, 'bench-results'), { recursive: true });
  await writeFile(path.join(root, 'bench-results', 'browser.json'), JSON.stringify({ machine, rows, goals: verdicts }, null, 1));
  console.log('\nwrote bench-results/browser.json');
}
