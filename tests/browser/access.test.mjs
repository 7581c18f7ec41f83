// Browser test of accessibility, safety and robustness.
//
//   - Content-Security-Policy (meta and HTTP header): script-src 'self' 'wasm-unsafe-eval', no
//     'unsafe-eval' and no 'unsafe-inline' anywhere; eval is really blocked in the page;
//   - Tab reaches every control, each with a visible focus outline, and the keyboard operates
//     them (slider, checkbox, button, select);
//   - charts have accessible names and descriptions; formulas keep KaTeX's MathML;
//   - at 360 px wide the document is not wider than the viewport (default and compare mode,
//     tables open); the dark scheme recolours page and charts;
//   - offline: after one visit the service worker serves the page with the server gone;
//   - a failing wasm download is reported in the page.
// Screenshots: test-output/page-360.png, page-dark.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { STEP_TIMEOUT, assertMatchesModule, outDir, plotted, setUp, siteRoot, waitForPlot, watch } from './harness.mjs';

let h;
let page;
let act;

before(async () => {
  h = await setUp();
  ({ page, act } = h);
}, { timeout: 30_000 });

after(async () => {
  await h?.tearDown();
});

function assertStrictPolicy(policy, where) {
  assert.ok(policy, `${where}: a Content-Security-Policy is present`);
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], `${where}: script-src`);
  assert.deepEqual(directives['default-src'], ["'self'"], `${where}: default-src`);
  assert.deepEqual(directives['style-src'], ["'self'"], `${where}: style-src`);
  assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'|'unsafe-hashes'|\*/, `${where}: nothing unsafe, no wildcard`);
}

test('Content-Security-Policy without unsafe-eval, in the page and in the HTTP header; eval is blocked', { timeout: 20_000 }, async () => {
  const response = await page.goto(h.server.url, { waitUntil: 'load' });
  await page.evaluate(() => window.activationsPage.ready);
  assertStrictPolicy(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), 'meta');
  assertStrictPolicy(response.headers()['content-security-policy'], 'header');
  assert.match(response.headers()['content-security-policy'], /frame-ancestors 'none'/);

  // In a page of its own (its violations are expected): code from strings and inline scripts
  // are refused. (Code that the test itself evaluates runs with DevTools' rights, so the page's
  // own timer and DOM are used to ask for string code.)
  const probe = await h.context.newPage();
  await h.open('', probe);
  await probe.evaluate(() => {
    setTimeout('window.__stringCodeRan = true', 0);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
  });
  await probe.waitForFunction(() => window.__cspViolations.length >= 2);
  const result = await probe.evaluate(() => ({ stringCode: window.__stringCodeRan, inline: window.__inlineRan, violations: window.__cspViolations }));
  assert.equal(result.stringCode, undefined, 'setTimeout(string) did not run');
  assert.equal(result.inline, undefined, 'an inline script did not run');
  assert.ok(result.violations.some((v) => /script-src.* blocked eval/.test(v)), result.violations.join('\n'));
  assert.ok(result.violations.some((v) => /script-src.* blocked inline/.test(v)), result.violations.join('\n'));
  await probe.close();
});

test('Tab reaches every control with a visible focus outline', { timeout: 30_000 }, async () => {
  await h.open('#f=sigmoid,leaky_relu&a=1&show=g,d1&table=1');
  await page.evaluate(() => document.activeElement?.blur());
  const expected = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], button, input, select, [tabindex="0"]')]
      // (The content of a closed <details> keeps an offsetParent in Chromium, but is not shown.)
      .filter((e) => !e.disabled && e.offsetParent !== null && !e.closest('details:not([open])') && !(e.type === 'radio' && !e.checked))
      .map((e) => e.id || e.getAttribute('data-try') || e.textContent.trim().slice(0, 30)),
  );
  const reached = new Map();
  for (let i = 0; i < 160; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      return {
        key: e.id || e.getAttribute('data-try') || e.textContent.trim().slice(0, 30),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
      };
    });
    if (!info) continue;
    if (reached.has(info.key) && i > expected.length + 20) break;
    reached.set(info.key, info.outline);
  }
  for (const key of expected) {
    assert.ok(reached.has(key), `Tab never reached ${key}`);
    assert.equal(reached.get(key), true, `${key} has no visible focus outline`);
  }
  for (const key of ['fn', 'param-alpha', 'param-alpha-range', 'slot-1', 'add-slot', 'show-d2', 'z-min', 'zoom-in', 'shade', 'eps', 'chart', 'export-png', 'export-csv', 'table-toggle', 'copy-link', 'cursor-z', 'depth-mean-range', 'depth-spread', 'depth-resample', 'depth-table-toggle']) {
    assert.ok(reached.has(key), `Tab reaches #${key}`);
  }
});

test('the keyboard operates the controls', { timeout: 20_000 }, async () => {
  await h.open('#f=leaky_relu(alpha=0.1)&show=g,d1');
  // Slider: arrow keys step the parameter, and the chart follows.
  await page.focus('#param-alpha-range');
  await page.keyboard.press('ArrowRight');
  let p = await waitForPlot(page, () => window.activationsPage.plotted().params.alpha === 0.11);
  assertMatchesModule(act, p, 'alpha stepped by keyboard');
  // Checkbox: Space shows g″.
  await page.focus('#show-d2');
  await page.keyboard.press('Space');
  p = await waitForPlot(page, () => window.activationsPage.plotted().d2g !== null);
  assertMatchesModule(act, p, 'g″ shown by keyboard');
  // Button: Enter adds a function to compare and moves focus to the function menu.
  await page.focus('#add-slot');
  await page.keyboard.press('Enter');
  await waitForPlot(page, () => window.activationsPage.plotted().series.length === 2);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fn');
  // Select: the keyboard picks another function for the edited slot.
  await page.keyboard.press('ArrowDown');
  p = await waitForPlot(page, () => window.activationsPage.plotted().series[1].id !== 'relu');
  assertMatchesModule(act, p, 'function changed by keyboard');
  // Radio group: arrow keys choose which function is edited.
  await page.focus('#slot-1');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => window.activationsPage.state().active === 0);
  assert.equal(await page.locator('#fn').inputValue(), 'leaky_relu');
});

test('charts have accessible names and descriptions; formulas keep MathML', { timeout: 20_000 }, async () => {
  await h.open();
  await page.waitForFunction(() => window.activationsPage.depth());
  const names = await page.evaluate(() => {
    const name = (e) => {
      const by = e.getAttribute('aria-labelledby');
      return by ? by.split(' ').map((id) => document.getElementById(id).textContent).join(' ') : e.getAttribute('aria-label');
    };
    const desc = (e) => (e.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    return ['#chart-figure', '#chart', '#depth-mag', '#depth-dead'].map((sel) => {
      const e = document.querySelector(sel);
      return { sel, name: name(e), description: desc(e) };
    });
  });
  for (const { sel, name, description } of names) {
    assert.ok(name && name.length > 10, `${sel} has an accessible name: ${name}`);
    assert.ok(description.length > 20, `${sel} has a description`);
  }
  assert.match(names[2].name, /median/);
  assert.ok((await page.locator('#explain math').count()) >= 3, 'MathML present');
  // KaTeX hides its visual HTML from screen readers and leaves the MathML readable.
  assert.equal(await page.locator('#tex-value .katex-html').getAttribute('aria-hidden'), 'true');
});

async function assertNoHorizontalScroll(what) {
  await page.waitForFunction(() => {
    const root = document.querySelector('#chart .uplot');
    return root && root.getBoundingClientRect().right <= document.documentElement.clientWidth;
  }, null, { timeout: STEP_TIMEOUT });
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((e) => !e.closest('.tex, .table-scroll, .table-wrap, .sr-only, .katex-mathml')) // scroll inside their own box, or clipped to 1 px
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
  }));
  assert.ok(overflow.scrollWidth <= overflow.clientWidth, `${what}: horizontal overflow at 360 px: ${JSON.stringify(overflow)}`);
  assert.deepEqual(overflow.wide, [], `${what}: elements wider than the viewport`);
}

test('fits a 360 px wide screen without horizontal scrolling', { timeout: 20_000 }, async () => {
  await page.setViewportSize({ width: 360, height: 780 });
  await h.open();
  await assertNoHorizontalScroll('default view');
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'page-360.png'), fullPage: true });
  await h.open('#f=softplus(beta=2;threshold=20),hardtanh(min=-1;max=1),sigmoid,leaky_relu(alpha=0.1)&a=1&show=g,d1,d2&table=1&dtable=1');
  await page.waitForFunction(() => window.activationsPage.depth()?.slots.length === 4);
  await assertNoHorizontalScroll('compare mode with tables open');
  await page.setViewportSize({ width: 1200, height: 900 });
});

test('dark colour scheme recolours the page and the charts', { timeout: 20_000 }, async () => {
  await h.open('#f=sigmoid,relu&show=g,d1');
  const light = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, c1: getComputedStyle(document.documentElement).getPropertyValue('--c1').trim() }));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)');
  await page.waitForFunction((c1) => {
    const u = document.querySelector('#chart canvas');
    return u && getComputedStyle(document.documentElement).getPropertyValue('--c1').trim() !== c1;
  }, light.c1);
  const p = await plotted(page);
  assertMatchesModule(act, p, 'after theme change');
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'page-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('offline: after one visit the page works with the server gone, training included', { timeout: 30_000 }, async () => {
  // A server and a context of its own, with service workers allowed.
  const server = await serve({ root: siteRoot, port: 0, csp: true });
  const context = await h.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p = await context.newPage();
  const problems = [];
  watch(p, problems);
  try {
    await p.goto(server.url + '#f=gelu&c=0.5', { waitUntil: 'load' });
    await p.waitForFunction(() => window.activationsPage?.offline, null, { timeout: STEP_TIMEOUT });
    const cached = await p.evaluate(() => window.activationsPage.offline);
    assert.ok(cached > 10, `service worker cached the page (${cached} files)`);
    assert.match(await p.locator('#offline-status').innerText(), /Available offline/);
    await server.close();
    const offlineProblems = [];
    p.on('pageerror', (err) => offlineProblems.push(err.message));
    p.on('console', (msg) => msg.type() === 'error' && offlineProblems.push(msg.text()));
    await p.reload({ waitUntil: 'load' });
    await p.waitForFunction(() => window.activationsPage, null, { timeout: STEP_TIMEOUT });
    await p.evaluate(() => window.activationsPage.ready);
    const q = await plotted(p);
    assert.equal(q.id, 'gelu');
    assertMatchesModule(act, q, 'offline');
    assert.equal(await p.locator('#explain .katex').count() > 3, true, 'formulas render offline');
    // The Train section's worker loads its own scripts and module: cached too.
    await p.click('#train-step');
    const run = await p.evaluate(() => window.activationsPage.train());
    assert.equal(run.error, '', 'the training worker loads offline');
    assert.equal(run.step, 10, 'and trains');
    assert.deepEqual(problems, [], 'online');
    assert.deepEqual(offlineProblems, [], 'offline');
  } finally {
    await context.close();
    await server.close();
  }
});

test('a wasm download failure is shown in the page', { timeout: 20_000 }, async () => {
  const p = await h.context.newPage();
  const expectedProblems = [];
  watch(p, expectedProblems);
  await p.route('**/pkg/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
  await p.goto(h.server.url, { waitUntil: 'load' });
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

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});
