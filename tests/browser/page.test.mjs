// Browser test of the static page in site/ (run: node --test tests/browser/).
//
// Serves site/ with scripts/serve.mjs, drives headless Chromium (/usr/bin/chromium) with
// playwright-core and checks that
//   - the page loads with no console errors, page errors, CSP violations, failed requests or
//     requests to any other origin;
//   - for every function in the page's <select>, the data held by the uPlot chart equals,
//     bit for bit as float32, what the module computes in Node (dist/node.js) for the same z;
//   - changing leaky_relu's alpha and the z range replot with the module's values;
//   - invalid input (alpha out of range, z min >= z max) shows a message and keeps the chart;
//   - the page fits a 360 px wide viewport without horizontal scrolling;
//   - a failing wasm download is reported in the page.
// Screenshots go to test-output/ (page-default.png, page-360.png, page-dark.png).
//
// ACTIVATIONS_SITE=/some/dir serves another folder instead of <repo>/site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const siteRoot = path.resolve(process.env.ACTIVATIONS_SITE ?? path.join(repo, 'site'));
const nodeEntry = path.join(repo, 'dist', 'node.js');
const outDir = path.join(repo, 'test-output');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
const POINTS = 1001;
const STEP_TIMEOUT = 10_000;

let server;
let browser;
let context;
let page;
let act; // the module in Node
let origin;
const problems = []; // everything that must not happen on the main page
const foreignRequests = [];

async function mustExist(file, hint) {
  try {
    await access(file);
  } catch {
    throw new Error(`${file} is missing - ${hint}`);
  }
}

/** Record console errors, page errors, failed and foreign requests of a page into `sink`. */
function watch(p, sink) {
  p.on('console', (msg) => {
    if (msg.type() === 'error') sink.push(`console error: ${msg.text()}`);
  });
  p.on('pageerror', (err) => sink.push(`page error: ${err.message}`));
  p.on('requestfailed', (req) => sink.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
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

async function plotted(p = page) {
  return p.evaluate(() => window.activationsPage.plotted());
}

async function waitForPlot(predicate, arg, p = page) {
  await p.waitForFunction(predicate, arg, { timeout: STEP_TIMEOUT });
  return plotted(p);
}

function describeFloat(v) {
  if (v === null) return 'null';
  const bits = new Uint32Array(Float32Array.of(v).buffer)[0];
  return `${Object.is(v, -0) ? '-0' : v} (0x${bits.toString(16).padStart(8, '0')})`;
}

/** Exact, bitwise float32 equality of the page's numbers (JSON doubles) with the module's output. */
function assertSameFloat32(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const v = actual[i];
    if (v === null) assert.fail(`${what}[${i}]: page plotted a gap (null), module gives ${describeFloat(expected[i])}`);
    if (!(Number.isNaN(v) || Object.is(Math.fround(v), v))) {
      assert.fail(`${what}[${i}] = ${v} is not a float32 value`);
    }
  }
  const a = new Uint32Array(Float32Array.from(actual).buffer);
  const e = new Uint32Array(Float32Array.from(expected).buffer);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== e[i]) {
      assert.fail(`${what}[${i}]: page ${describeFloat(actual[i])} != module ${describeFloat(expected[i])}`);
    }
  }
}

function assertGrid(z, lo, hi, what) {
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

/** The plotted g and g' must be exactly the module's values for the plotted z and params. */
function assertMatchesModule(p, what) {
  const fn = act.get(p.id, p.params);
  const z = Float32Array.from(p.z);
  assertSameFloat32(p.g, fn.forward(z), `${what}: g`);
  assertSameFloat32(p.dg, fn.derivative(z), `${what}: g'`);
}

async function setNumber(locator, value) {
  await locator.fill(String(value));
  await locator.dispatchEvent('input');
  await locator.dispatchEvent('change');
}

before(async () => {
  await mustExist(path.join(siteRoot, 'index.html'), 'run npm run build first');
  await mustExist(path.join(siteRoot, 'pkg', 'browser.js'), 'run npm run build first');
  await mustExist(nodeEntry, 'run npm run build first');
  await mustExist(CHROMIUM, 'install chromium (apt-get install -y chromium)');
  await mkdir(outDir, { recursive: true });

  ({ loadActivations: act } = await import(pathToFileURL(nodeEntry).href));
  act = await act();

  server = await serve({ root: siteRoot, port: 0 });
  origin = new URL(server.url).origin;

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
  await context.addInitScript(recordCspViolations);
  // Only our own origin may be contacted; anything else is recorded and blocked.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    foreignRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  watch(page, problems);
}, { timeout: 30_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('page loads, draws the first function and renders its formulas', { timeout: 20_000 }, async () => {
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.activationsPage, null, { timeout: STEP_TIMEOUT });
  await page.evaluate(() => window.activationsPage.ready);

  // The select lists the registry, in registry order, labelled with the registry names.
  const options = await page.$$eval('#fn option', (os) => os.map((o) => ({ id: o.value, label: o.textContent })));
  assert.deepEqual(
    options,
    act.names.map((id) => ({ id, label: act.info(id).name })),
  );

  const p = await plotted();
  assert.equal(p.id, act.names[0]);
  assertGrid(p.z, -6, 6, 'default range');
  assertMatchesModule(p, `default ${p.id}`);

  // Both formulas rendered by KaTeX (HTML + MathML), without parse errors.
  for (const sel of ['#tex-value', '#tex-derivative']) {
    assert.equal(await page.locator(`${sel} .katex`).count(), 1, `${sel} has KaTeX output`);
    assert.equal(await page.locator(`${sel} math`).count(), 1, `${sel} has MathML`);
    assert.equal(await page.locator(`${sel} .katex-error`).count(), 0, `${sel} has no KaTeX error`);
  }
  // The chart is labelled for assistive technology and has a legend with both series.
  const label = await page.locator('#chart [role="img"]').getAttribute('aria-label');
  assert.match(label ?? '', /g\(z\).*g′\(z\)/s);
  const legend = await page.locator('#chart .u-legend').innerText();
  assert.match(legend, /g\(z\)/);
  assert.match(legend, /g′\(z\)/);
  assert.equal(await page.locator('#load-error').isVisible(), false);

  await page.screenshot({ path: path.join(outDir, 'page-default.png'), fullPage: true });
});

test('every function plots exactly the module values with its default parameters', { timeout: 30_000 }, async () => {
  const ids = await page.$$eval('#fn option', (os) => os.map((o) => o.value));
  for (const id of ids) {
    await page.selectOption('#fn', id);
    const p = await waitForPlot((want) => window.activationsPage.plotted()?.id === want, id);
    const defaults = Object.fromEntries(act.info(id).params.map((q) => [q.name, q.default]));
    assert.deepEqual(p.params, defaults, `${id}: plotted with the registry defaults`);
    assertGrid(p.z, -6, 6, id);
    assertMatchesModule(p, id);
    // One control pair per parameter, and formulas without KaTeX errors.
    assert.equal(await page.locator('#param-list input[type="number"]').count(), act.info(id).params.length);
    assert.equal(await page.locator('#param-list input[type="range"]').count(), act.info(id).params.length);
    assert.equal(await page.locator('.formulas .katex-error').count(), 0, `${id}: KaTeX errors`);
  }
});

test("changing leaky_relu's alpha replots with the module's values for that alpha", { timeout: 20_000 }, async () => {
  await page.selectOption('#fn', 'leaky_relu');
  await waitForPlot(() => window.activationsPage.plotted()?.id === 'leaky_relu');
  const alpha = page.locator('#param-list input[type="number"][data-param="alpha"]');
  await setNumber(alpha, 0.2);
  const p = await waitForPlot(() => window.activationsPage.plotted()?.params.alpha === 0.2);
  assert.equal(p.id, 'leaky_relu');
  assertMatchesModule(p, 'leaky_relu alpha=0.2');
  const expected = act.get('leaky_relu', { alpha: 0.2 });
  assertSameFloat32(p.g, expected.forward(Float32Array.from(p.z)), 'leaky_relu alpha=0.2 g (explicit)');
  assert.equal(await page.locator('#param-list input[type="range"][data-param-range="alpha"]').inputValue(), '0.2');

  // Out of range: a visible message, the chart keeps alpha = 0.2, nothing crashes.
  await setNumber(alpha, 1.5);
  const err = page.locator('#param-list .error:not([hidden])');
  await err.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await err.innerText(), /at most/);
  assert.equal((await plotted()).params.alpha, 0.2);

  await setNumber(alpha, 0.2);
  await err.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
});

test('changing the z range replots over that range; min >= max is rejected visibly', { timeout: 20_000 }, async () => {
  await setNumber(page.locator('#z-min'), -3);
  await setNumber(page.locator('#z-max'), 3);
  let p = await waitForPlot(() => {
    const q = window.activationsPage.plotted();
    return q.z[0] === -3 && q.z[q.z.length - 1] === 3;
  });
  assertGrid(p.z, -3, 3, 'range -3..3');
  assertMatchesModule(p, `${p.id} on -3..3`);
  const xScale = await page.evaluate(() => {
    const d = window.activationsPage.plotted();
    return [d.z[0], d.z[d.z.length - 1]];
  });
  assert.deepEqual(xScale, [-3, 3]);

  // Another function on the new range.
  await page.selectOption('#fn', act.names[0]);
  p = await waitForPlot((want) => window.activationsPage.plotted()?.id === want, act.names[0]);
  assertGrid(p.z, -3, 3, `${p.id} on -3..3`);
  assertMatchesModule(p, `${p.id} on -3..3`);

  // z min >= z max: message shown, chart unchanged.
  await setNumber(page.locator('#z-min'), 5);
  const rangeError = page.locator('#range-error');
  await rangeError.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await rangeError.innerText(), /less than/);
  assert.equal(await page.locator('#z-min').getAttribute('aria-invalid'), 'true');
  p = await plotted();
  assert.equal(p.z[0], -3);
  assert.equal(p.z[POINTS - 1], 3);

  await setNumber(page.locator('#z-min'), -6);
  await setNumber(page.locator('#z-max'), 6);
  await rangeError.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  p = await waitForPlot(() => window.activationsPage.plotted().z[0] === -6);
  assertGrid(p.z, -6, 6, 'range restored');
});

test('fits a 360 px wide screen without horizontal scrolling; dark scheme', { timeout: 20_000 }, async () => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForFunction(
    () => {
      const root = document.querySelector('#chart .uplot');
      return root && root.getBoundingClientRect().right <= document.documentElement.clientWidth;
    },
    null,
    { timeout: STEP_TIMEOUT },
  );
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((e) => !e.closest('.tex')) // formulas scroll inside their own box
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
  }));
  assert.ok(overflow.scrollWidth <= overflow.clientWidth, `horizontal overflow at 360 px: ${JSON.stringify(overflow)}`);
  assert.deepEqual(overflow.wide, [], 'elements wider than the viewport');
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'page-360.png'), fullPage: true });

  await page.setViewportSize({ width: 1100, height: 900 });
  await page.selectOption('#fn', 'leaky_relu');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
  const p = await plotted();
  assertMatchesModule(p, 'after theme change');
  await page.screenshot({ path: path.join(outDir, 'page-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  const cspViolations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(
    { cspViolations, foreignRequests, problems },
    { cspViolations: [], foreignRequests: [], problems: [] },
  );
});

test('a wasm download failure is shown in the page', { timeout: 20_000 }, async () => {
  const p = await context.newPage();
  const expectedProblems = [];
  watch(p, expectedProblems);
  await p.route('**/pkg/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
  await p.goto(server.url, { waitUntil: 'load' });
  await p.waitForFunction(() => window.activationsPage, null, { timeout: STEP_TIMEOUT });
  const outcome = await p.evaluate(() =>
    window.activationsPage.ready.then(
      () => 'resolved',
      (e) => `rejected: ${e?.message ?? e}`,
    ),
  );
  assert.match(outcome, /^rejected/);
  const box = p.locator('#load-error');
  await box.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await box.innerText(), /WebAssembly/);
  await p.close();
});
