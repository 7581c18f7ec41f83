// Shared set-up for the browser tests: serve site/ with scripts/serve.mjs, drive
// Debian's Chromium headless with playwright-core, load the module in Node (the
// reference every page value is compared with), and record everything that must
// not happen: console errors, page errors, CSP violations, failed requests and
// requests to any other origin.
//
// ACTIVATIONS_SITE=/some/dir serves another folder instead of <repo>/site.

import assert from 'node:assert/strict';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.mjs';
import { serve } from '../../scripts/serve.mjs';
import { PAGE_PRECISION } from '../../web/page-precision.js';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const siteRoot = path.resolve(process.env.ACTIVATIONS_SITE ?? path.join(repo, 'site'));
export const outDir = path.join(repo, 'test-output');
export const POINTS = 2048;
export const STEP_TIMEOUT = 10_000;

/** The page's own helpers, for formatting expected text exactly as the page does. */
export const webModule = (name) => import(pathToFileURL(path.join(siteRoot, name)).href);

async function mustExist(file, hint) {
  try {
    await access(file);
  } catch {
    throw new Error(`${file} is missing - ${hint}`);
  }
}

/** Record console errors, page errors, failed and foreign requests of a page into `sink`. */
export function watch(p, sink) {
  p.on('console', (msg) => {
    if (msg.type() === 'error') sink.push(`console error: ${msg.text()}`);
  });
  p.on('pageerror', (err) => sink.push(`page error: ${err.message}`));
  p.on('requestfailed', (req) => {
    // Chromium itself refetches the favicon when the URL hash changes, and
    // aborts that fetch when a test navigates away: not a request of the page's.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && new URL(req.url()).pathname.endsWith('/favicon.svg')) return;
    sink.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  p.on('response', (res) => {
    if (res.status() >= 400) sink.push(`HTTP ${res.status()}: ${res.url()}`);
  });
}

/** Collect CSP violations inside the page (installed before any page script runs). */
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
}

/**
 * Start everything a test file needs. Service workers are blocked in this
 * context so that caching can never make a test see an older build; the
 * offline test uses a context of its own.
 */
export async function setUp({ viewport = { width: 1200, height: 900 }, colorScheme = 'light' } = {}) {
  await mustExist(path.join(siteRoot, 'index.html'), 'run npm run build first');
  await mustExist(path.join(siteRoot, 'pkg', 'browser.js'), 'run npm run build first');
  await mustExist(path.join(repo, 'dist', 'node.js'), 'run npm run build first');
  await mustExist(CHROMIUM_PATH, 'install chromium (apt-get install -y chromium)');
  await mkdir(outDir, { recursive: true });

  const { loadActivations } = await import(pathToFileURL(path.join(repo, 'dist', 'node.js')).href);
  const act = await loadActivations({ precision: PAGE_PRECISION }); // the page's tier, to compare its values with
  const server = await serve({ root: siteRoot, port: 0, csp: true });
  const origin = new URL(server.url).origin;
  const browser = await launchChromium();
  const problems = [];
  const foreignRequests = [];

  async function newContext(options = {}) {
    const context = await browser.newContext({ viewport, colorScheme, serviceWorkers: 'block', acceptDownloads: true, ...options });
    await context.addInitScript(recordCspViolations);
    // Only our own origin may be contacted; anything else is recorded and blocked.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      foreignRequests.push(url.href);
      return route.abort('blockedbyclient');
    });
    return context;
  }

  const context = await newContext();
  const page = await context.newPage();
  watch(page, problems);

  return {
    act,
    server,
    origin,
    browser,
    context,
    page,
    problems,
    foreignRequests,
    newContext,
    /** Load the page (with an optional hash) and wait until it has drawn. */
    async open(hash = '', p = page) {
      // A goto that changes only the hash would not load the page again (the old state and
      // training worker would stay, the new hash applied a task later): always a fresh load.
      // Before leaving, let the training worker finish loading: a navigation would abort its requests.
      if (p.url().startsWith(server.url)) {
        await p.evaluate(() => window.activationsPage?.train()).catch(() => {});
        await p.goto('about:blank');
      }
      await p.goto(server.url + hash, { waitUntil: 'load' });
      await p.waitForFunction(() => window.activationsPage, null, { timeout: STEP_TIMEOUT });
      await p.evaluate(() => window.activationsPage.ready);
      return p;
    },
    /** Everything recorded so far that must not have happened. */
    async assertClean(p = page) {
      const cspViolations = await p.evaluate(() => window.__cspViolations);
      assert.deepEqual(
        { cspViolations, foreignRequests, problems },
        { cspViolations: [], foreignRequests: [], problems: [] },
      );
    },
    async tearDown() {
      await browser?.close();
      await server?.close();
    },
  };
}

export async function plotted(p) {
  return p.evaluate(() => window.activationsPage.plotted());
}

export async function waitForPlot(p, predicate, arg) {
  await p.waitForFunction(predicate, arg, { timeout: STEP_TIMEOUT });
  return plotted(p);
}

export function describeFloat(v) {
  if (v === null) return 'null';
  const bits = new Uint32Array(Float32Array.of(v).buffer)[0];
  return `${Object.is(v, -0) ? '-0' : v} (0x${bits.toString(16).padStart(8, '0')})`;
}

/** Exact, bitwise float32 equality of the page's numbers (JSON doubles) with the module's output. */
export function assertSameFloat32(actual, expected, what) {
  assert.ok(actual, `${what}: nothing plotted`);
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const v = actual[i];
    if (v === null) assert.fail(`${what}[${i}]: page plotted a gap (null), module gives ${describeFloat(expected[i])}`);
    if (!(Number.isNaN(v) || Object.is(Math.fround(v), v))) assert.fail(`${what}[${i}] = ${v} is not a float32 value`);
  }
  const a = new Uint32Array(Float32Array.from(actual).buffer);
  const e = new Uint32Array(Float32Array.from(expected).buffer);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== e[i]) assert.fail(`${what}[${i}]: page ${describeFloat(actual[i])} != module ${describeFloat(expected[i])}`);
  }
}

/** z must be the page's evenly spaced float32 grid over [lo, hi]. */
export function assertGrid(z, lo, hi, what) {
  assert.equal(z.length, POINTS, `${what}: ${POINTS} points`);
  assert.equal(z[0], Math.fround(lo), `${what}: first z`);
  assert.equal(z[POINTS - 1], Math.fround(hi), `${what}: last z`);
  const tol = 2 ** -20 * Math.max(Math.abs(lo), Math.abs(hi));
  for (let i = 0; i < POINTS; i++) {
    const ideal = lo + ((hi - lo) * i) / (POINTS - 1);
    if (Math.abs(z[i] - ideal) > tol) assert.fail(`${what}: z[${i}] = ${z[i]} is not evenly spaced (expected ~${ideal})`);
    if (i > 0 && !(z[i] > z[i - 1])) assert.fail(`${what}: z not increasing at ${i}`);
  }
}

/** Every plotted series (g, g′, g″ where shown, every compared function) equals the module's values. */
export function assertMatchesModule(act, p, what) {
  const z = Float32Array.from(p.z);
  for (const s of p.series) {
    const fn = act.get(s.id, s.params);
    if (s.g) assertSameFloat32(s.g, fn.forward(z), `${what}: ${s.id} g`);
    if (s.dg) assertSameFloat32(s.dg, fn.derivative(z), `${what}: ${s.id} g'`);
    if (s.d2g) assertSameFloat32(s.d2g, fn.derivative(z, { order: 2 }), `${what}: ${s.id} g''`);
  }
}

export async function setNumber(locator, value) {
  await locator.fill(String(value));
  await locator.dispatchEvent('input');
  await locator.dispatchEvent('change');
}

/**
 * Elements of `selector` that reach past the viewport's sides, and the document's scroll
 * width: what scrolls sideways on a phone. KaTeX's MathML copy is for screen readers,
 * clipped to nothing on screen; a display formula longer than the screen scrolls inside its
 * own box (.tex), the page does not.
 */
export async function sideways(p, width, selector = 'body *') {
  return p.evaluate(
    ({ width, selector }) => {
      const wide = [...document.querySelectorAll(selector)]
        .filter((e) => !e.closest('.katex-mathml, .tex'))
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > width + 0.5 || r.width > width + 0.5 || r.left < -0.5);
        })
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}`);
      return { scrollWidth: document.scrollingElement.scrollWidth, wide };
    },
    { width, selector },
  );
}
