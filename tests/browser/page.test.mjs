// Browser test of the page's catalogue, charts and explanations (run: node --test tests/browser/).
//
//   - the page loads with no console errors, page errors, CSP violations, failed requests or
//     requests to any other origin (checked at the end);
//   - the function menu is the registry grouped by family; for every function the data held by
//     the uPlot chart (g, g′ and g″) equals, bit for bit as float32, what the module computes in
//     Node for the same z, with one slider + number input per parameter bounded by the registry;
//   - a parameter changed by number input or by slider replots with the module's values; out of
//     range and hardtanh's min < max are refused visibly, keeping the chart;
//   - the z range replots; min >= max is refused;
//   - g, g′, g″ toggles; compare mode with four functions plots each one's module values;
//   - shading: where |g′| < threshold and where g′ = 0, from the module's g′;
//   - formulas (KaTeX with MathML), derivation steps, kinks, badges, seed notes where they apply;
//   - the float32 pitfall panel: textbook value in float32, library value, true value.
// Screenshots: test-output/page-default.png, page-compare.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  STEP_TIMEOUT,
  assertGrid,
  assertMatchesModule,
  assertSameFloat32,
  outDir,
  plotted,
  setNumber,
  setUp,
  waitForPlot,
  webModule,
} from './harness.mjs';

let h;
let page;
let act;

before(async () => {
  h = await setUp();
  ({ page, act } = h);
  await h.open();
}, { timeout: 30_000 });

after(async () => {
  await h?.tearDown();
});

test('loads, groups the catalogue by family and draws the default view', { timeout: 20_000 }, async () => {
  const groups = await page.$$eval('#fn optgroup', (gs) =>
    gs.map((g) => ({ family: g.label, options: [...g.querySelectorAll('option')].map((o) => [o.value, o.textContent]) })),
  );
  const expected = [];
  for (const id of act.names) {
    const info = act.info(id);
    let group = expected.find((g) => g.family === info.family);
    if (!group) expected.push((group = { family: info.family, options: [] }));
    group.options.push([id, info.name]);
  }
  expected.push({ family: 'Your own', options: [['custom', 'Custom expression…']] });
  assert.deepEqual(groups, expected, 'one optgroup per family, registry order inside, then the custom expression');
  assert.equal(groups.flatMap((g) => g.options).length, act.names.length + 1, 'every catalogue function is offered');

  const p = await plotted(page);
  assert.equal(p.id, 'sigmoid');
  assertGrid(p.z, -6, 6, 'default range');
  assert.ok(p.g && p.dg && !p.d2g, 'g and g′ shown, g″ hidden by default');
  assertMatchesModule(act, p, 'default view');

  const label = await page.locator('#chart-figure').getAttribute('aria-labelledby');
  assert.match(await page.locator(`#${label}`).innerText(), /Sigmoid/);
  assert.match(await page.locator('#chart-desc').textContent(), /g′ \(dashed\)/);
  assert.equal(await page.locator('#chart').getAttribute('role'), 'slider');
  assert.equal(await page.locator('#load-error').isVisible(), false);
  // The page uses the faithful tier (web/page-precision.js) and says so.
  assert.match(await page.locator('#engine').textContent(), /\(SIMD build; faithful kernels\)/);
  await page.screenshot({ path: path.join(outDir, 'page-default.png'), fullPage: true });
});

test('every function plots exactly the module values (g, g′, g″) with its default parameters', { timeout: 40_000 }, async () => {
  await page.check('#show-d2');
  await waitForPlot(page, () => window.activationsPage.plotted()?.d2g !== null);
  for (const id of act.names) {
    await page.selectOption('#fn', id);
    const p = await waitForPlot(page, (want) => window.activationsPage.plotted()?.id === want, id);
    const info = act.info(id);
    const defaults = Object.fromEntries(info.params.map((q) => [q.name, q.default]));
    assert.deepEqual(p.params, defaults, `${id}: plotted with the registry defaults`);
    assertGrid(p.z, -6, 6, id);
    assert.ok(p.g && p.dg && p.d2g, `${id}: all three curves plotted`);
    assertMatchesModule(act, p, id);
    // One slider + number input per parameter, bounded by the registry's range.
    const controls = await page.$$eval('#param-list input[type="number"]', (ns) =>
      ns.map((n) => ({ name: n.dataset.param, min: Number(n.min), max: Number(n.max), value: Number(n.value) })),
    );
    assert.deepEqual(
      controls,
      info.params.map((q) => ({ name: q.name, min: q.min, max: q.max, value: q.default })),
      `${id}: number inputs`,
    );
    const sliders = await page.$$eval('#param-list input[type="range"]', (ns) =>
      ns.map((n) => ({ name: n.dataset.paramRange, min: Number(n.min), max: Number(n.max), log: n.dataset.scale === 'log' })),
    );
    assert.equal(sliders.length, info.params.length, `${id}: sliders`);
    for (const [i, q] of info.params.entries()) {
      const s = sliders[i];
      const [lo, hi] = s.log ? [10 ** s.min, 10 ** s.max] : [s.min, s.max];
      assert.ok(Math.abs(lo - q.min) < 1e-9 * Math.max(1, Math.abs(q.min)) && Math.abs(hi - q.max) < 1e-9 * Math.max(1, Math.abs(q.max)), `${id}.${q.name}: slider spans the registry range`);
    }
    assert.equal(await page.locator('#explain .katex-error').count(), 0, `${id}: KaTeX errors`);
    assert.match(await page.locator('#explain-name').innerText(), new RegExp(info.name.replace(/[()]/g, '\\$&')));
  }
  await page.uncheck('#show-d2');
});

test("parameters: number input and slider replot with the module's values; bad values are refused", { timeout: 20_000 }, async () => {
  await page.selectOption('#fn', 'leaky_relu');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'leaky_relu');
  const alpha = page.locator('#param-list input[type="number"][data-param="alpha"]');
  await setNumber(alpha, 0.2);
  let p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.alpha === 0.2);
  assertMatchesModule(act, p, 'leaky_relu alpha=0.2');
  assertSameFloat32(p.g, act.get('leaky_relu', { alpha: 0.2 }).forward(Float32Array.from(p.z)), 'leaky_relu alpha=0.2 g (explicit)');
  assert.equal(await page.locator('#param-list input[type="range"][data-param-range="alpha"]').inputValue(), '0.2');

  // The slider moves the parameter too.
  const slider = page.locator('#param-list input[type="range"][data-param-range="alpha"]');
  await slider.fill('0.35');
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.alpha === 0.35);
  assertMatchesModule(act, p, 'leaky_relu alpha=0.35 from the slider');
  assert.equal(await alpha.inputValue(), '0.35');

  // Out of range: a visible message, the chart keeps alpha = 0.35.
  await setNumber(alpha, 1.5);
  const err = page.locator('#param-list .error:not([hidden])');
  await err.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await err.innerText(), /at most 1/);
  assert.equal((await plotted(page)).params.alpha, 0.35);
  await setNumber(alpha, 0.2);
  await err.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });

  // A log-scale slider (softplus beta 0.01 … 100) reaches 10 and replots.
  await page.selectOption('#fn', 'softplus');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'softplus');
  assert.equal(await page.locator('[data-param-range="beta"]').getAttribute('data-scale'), 'log');
  await page.locator('[data-param-range="beta"]').fill('1');
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.beta === 10);
  assertMatchesModule(act, p, 'softplus beta=10');

  // hardtanh: the module refuses min >= max; the page says so and keeps the chart.
  await page.selectOption('#fn', 'hardtanh');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'hardtanh');
  await setNumber(page.locator('[data-param="min"]'), 2);
  const computeError = page.locator('#compute-error');
  await computeError.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await computeError.innerText(), /min/);
  assert.equal((await plotted(page)).params.min, -1);
  await setNumber(page.locator('[data-param="min"]'), -2);
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.min === -2);
  assert.equal(await computeError.isVisible(), false);
  assertMatchesModule(act, p, 'hardtanh min=-2');
});

test('the z range replots; min >= max is refused visibly', { timeout: 20_000 }, async () => {
  await page.selectOption('#fn', 'tanh');
  await setNumber(page.locator('#z-min'), -3);
  await setNumber(page.locator('#z-max'), 3);
  let p = await waitForPlot(page, () => {
    const q = window.activationsPage.plotted();
    return q.id === 'tanh' && q.z[0] === -3 && q.z[q.z.length - 1] === 3;
  });
  assertGrid(p.z, -3, 3, 'range -3..3');
  assertMatchesModule(act, p, 'tanh on -3..3');

  await setNumber(page.locator('#z-min'), 5);
  const rangeError = page.locator('#range-error');
  await rangeError.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  assert.match(await rangeError.innerText(), /less than/);
  assert.equal(await page.locator('#z-min').getAttribute('aria-invalid'), 'true');
  p = await plotted(page);
  assert.equal(p.z[0], -3);

  await page.click('#range-reset');
  await rangeError.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] === -6);
  assertGrid(p.z, -6, 6, 'range reset');
});

test("compare mode overlays four functions, each with its module values; toggles hide curves", { timeout: 20_000 }, async () => {
  await page.selectOption('#fn', 'sigmoid');
  for (let i = 0; i < 3; i++) await page.click('#add-slot');
  await waitForPlot(page, () => window.activationsPage.plotted()?.series.length === 4);
  assert.equal(await page.locator('#add-slot').isDisabled(), true, 'at most four functions');
  // The last added slot is being edited: make it Leaky ReLU with alpha 0.1.
  await page.selectOption('#fn', 'leaky_relu');
  await setNumber(page.locator('[data-param="alpha"]'), 0.1);
  await page.check('#show-d2');
  let p = await waitForPlot(page, () => {
    const q = window.activationsPage.plotted();
    return q.series[3].id === 'leaky_relu' && q.series[3].params.alpha === 0.1 && q.d2g;
  });
  assert.deepEqual(p.series.map((s) => s.id), ['sigmoid', 'relu', 'tanh', 'leaky_relu']);
  assertMatchesModule(act, p, 'compare');
  const legend = await page.locator('#legend').innerText();
  for (const name of ['Sigmoid', 'ReLU', 'Tanh', 'Leaky ReLU (α = 0.1)', 'g(z) (solid)', 'g′(z) (dashed)', 'g″(z) (dotted)']) {
    assert.ok(legend.includes(name), `legend names ${name}: ${legend}`);
  }
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'page-compare.png'), fullPage: true });

  await page.uncheck('#show-g');
  p = await waitForPlot(page, () => window.activationsPage.plotted().g === null);
  assert.ok(p.series.every((s) => s.g === null && s.dg && s.d2g), 'g hidden for every function');
  assertMatchesModule(act, p, 'compare without g');
  await page.check('#show-g');
  await page.uncheck('#show-d2');

  // Editing another slot: its parameters appear; removing slots goes back to one function.
  await page.check('#slot-1');
  assert.equal(await page.locator('#fn').inputValue(), 'relu');
  for (let i = 3; i >= 1; i--) await page.click(`#slots li:nth-child(${i + 1}) button`);
  p = await waitForPlot(page, () => window.activationsPage.plotted().series.length === 1);
  assert.equal(p.id, 'sigmoid');
});

test('shading marks |g′| < threshold and g′ = 0 from the module\'s g′', { timeout: 20_000 }, async () => {
  const check = async (id, eps) => {
    const bands = await page.evaluate(() => window.activationsPage.bands());
    const p = await plotted(page);
    const d1 = act.get(id, p.params).derivative(Float32Array.from(p.z));
    // Every grid point is inside exactly the band its g′ calls for.
    const inside = (list, z) => list.some(([a, b]) => z >= a && z <= b);
    for (let i = 0; i < p.z.length; i++) {
      const z = p.z[i];
      assert.equal(inside(bands.dead, z), d1[i] === 0, `${id}: dead band at z = ${z} (g′ = ${d1[i]})`);
      assert.equal(inside(bands.small, z), d1[i] !== 0 && Math.abs(d1[i]) < eps, `${id}: small band at z = ${z} (g′ = ${d1[i]})`);
    }
    return bands;
  };
  await page.selectOption('#fn', 'relu');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'relu');
  let bands = await check('relu', 0.01);
  assert.deepEqual(bands.dead.length, 1);
  assert.equal(bands.dead[0][0], -6);
  // ReLU's dead-neuron note sits by the chart; the legend names the dead zone.
  assert.match(await page.locator('#chart-notes').innerText(), /Dead neurons/);
  assert.match(await page.locator('#legend').innerText(), /dead zone/);

  await page.selectOption('#fn', 'sigmoid');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'sigmoid');
  bands = await check('sigmoid', 0.01);
  assert.equal(bands.small.length, 2, 'both sigmoid tails');
  await setNumber(page.locator('#eps'), 0.1);
  await page.waitForFunction(() => window.activationsPage.bands().small[0][1] > -3);
  await check('sigmoid', 0.1);
  await setNumber(page.locator('#eps'), 0.01);

  await page.selectOption('#fn', 'leaky_relu');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'leaky_relu');
  bands = await check('leaky_relu', 0.01);
  assert.equal(bands.dead.length, 0, 'Leaky ReLU has no dead zone');
  assert.match(await page.locator('#chart-notes').innerText(), /fix for dead neurons/);

  await page.uncheck('#shade');
  await page.waitForFunction(() => window.activationsPage.bands() === null);
  await page.check('#shade');
});

test('explanation: KaTeX formulas with MathML, derivation steps, kinks, badges, seed notes', { timeout: 20_000 }, async () => {
  for (const id of ['sigmoid', 'relu', 'hardswish']) {
    await page.selectOption('#fn', id);
    await waitForPlot(page, (want) => window.activationsPage.plotted()?.id === want, id);
    const info = act.info(id);
    for (const sel of ['#tex-value', '#tex-derivative', '#tex-second']) {
      assert.equal(await page.locator(`${sel} .katex`).count(), 1, `${id} ${sel}: KaTeX output`);
      assert.equal(await page.locator(`${sel} math`).count(), 1, `${id} ${sel}: MathML kept for screen readers`);
    }
    assert.equal(await page.locator('#derivation > li').count(), info.derivation.length, `${id}: g′ steps`);
    assert.equal(await page.locator('#derivation2 > li').count(), info.secondDerivation.length, `${id}: g″ steps`);
    assert.equal(await page.locator('#derivation > li .katex-display math').count(), info.derivation.length);
    const badges = await page.locator('#badges').innerText();
    for (const label of ['Range', 'Monotonic', 'Smoothness', 'Zero-centred', 'Saturating', 'Dead zone']) assert.match(badges, new RegExp(label));
    assert.ok((await page.locator('#kinks').innerText()).length > 5, `${id}: kinks`);
    assert.equal(await page.locator('#explain .katex-error').count(), 0);
  }
  // Seed notes where they apply: σ′ ≤ 1/4 by the derivative, the depth bound in the depth view.
  await page.selectOption('#fn', 'sigmoid');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'sigmoid');
  assert.match(await page.locator('#derivative-note').innerText(), /at most|≤|g\(z\)/);
  assert.equal(await page.locator('#derivative-note math').count() > 0, true);
  await page.waitForFunction(() => document.querySelector('#depth-notes [data-note="sigmoid"]'));
  assert.match(await page.locator('#depth-notes').innerText(), /vanishing-gradient/);
});

test('float32 pitfall panel: textbook formula in float32 vs library vs true value', { timeout: 20_000 }, async () => {
  await page.selectOption('#fn', 'sigmoid');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'sigmoid');
  assert.equal(await page.locator('#pitfall').isVisible(), true);
  await page.click('#pitfall-tries button[data-try="18"]');
  await page.waitForFunction(() => window.activationsPage.pitfall()?.z === 18);
  let r = await page.evaluate(() => window.activationsPage.pitfall());
  const f = Math.fround;
  const at = act.get('sigmoid').at(18);
  assert.equal(r.library, at.derivative, 'library value is the module value');
  assert.equal(r.textbook, f(at.value * f(1 - at.value)), 'textbook y(1−y) in float32');
  assert.equal(r.textbook, 0, 'σ(18) rounds to 1, so y(1−y) is 0');
  const s = Math.exp(-18);
  assert.equal(r.exact, s / (1 + s) ** 2);
  assert.ok(Math.abs(r.library - r.exact) / r.exact < 1e-6, 'library is accurate');
  assert.match(await page.locator('#pitfall-textbook-err').innerText(), /100% off/);

  await page.selectOption('#fn', 'tanh');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'tanh');
  await page.click('#pitfall-tries button[data-try="9.5"]');
  await page.waitForFunction(() => window.activationsPage.pitfall()?.id === 'tanh' && window.activationsPage.pitfall()?.z === 9.5);
  r = await page.evaluate(() => window.activationsPage.pitfall());
  const t = act.get('tanh').at(9.5);
  assert.equal(r.textbook, f(1 - f(t.value * t.value)));
  assert.equal(r.library, t.derivative);

  // No textbook form for ReLU: the panel is hidden.
  await page.selectOption('#fn', 'relu');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'relu');
  assert.equal(await page.locator('#pitfall').isVisible(), false);
  await page.selectOption('#fn', 'sigmoid');
});

// The seed notes are part of each activation's text record (src/docs) and are
// rendered with the rest of info(id) in tests/node/registry.test.mjs.
test("the page's own TeX (float32 pitfall panel) renders in KaTeX, strictly", async () => {
  const { default: katex } = await import('katex');
  const { PITFALLS } = await webModule('pitfall.js');
  const inline = (text) => [...String(text).matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);
  const texts = Object.values(PITFALLS).map((p) => p.why);
  const formulas = [...texts.flatMap(inline), ...Object.values(PITFALLS).flatMap((p) => [p.label, p.textbookTex, p.trueTex])];
  for (const text of texts) assert.equal((text.match(/\$/g) ?? []).length % 2, 0, `unpaired $ in ${text}`);
  for (const tex of formulas) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex);
  assert.ok(formulas.length > 20);
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});

