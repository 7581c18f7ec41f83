// Browser test of the "Custom expression…" function (act.compile on the page):
//
//   - typing an expression draws g, g′, g″ equal, bit for bit as float32, to the module's
//     compiled expression in Node; the cursor readout is its f.at(z);
//   - a typo is reported under the field at its column (caret line, aria-invalid), never as an
//     alert or a console error, and the chart keeps the last curves that parsed;
//   - a preset fills the field and its parameters and draws, its reason shown;
//   - a parameter's slider and number field change the curve (any finite value is accepted);
//   - the URL carries the custom slot: the link restores the same curves, cursor and depth
//     view; a link whose expression does not parse is reported and the page still works;
//   - compare mode with a custom and a catalogue function, and with two customs;
//   - the gradient-through-depth view from the expression's g′; shading; CSV and data table;
//   - rewrites (log(1 + exp(z)) → softplus) listed under the field and in the explanation,
//     which hides the catalogue-only parts;
//   - at phone size (390 × 844) nothing scrolls sideways with the editor open.
// Screenshots: test-output/custom-desktop.png, custom-phone.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { STEP_TIMEOUT, assertSameFloat32, outDir, plotted, setNumber, setUp, sideways, waitForPlot, webModule } from './harness.mjs';

let h;
let page;
let act;

before(async () => {
  h = await setUp({ viewport: { width: 1280, height: 900 } });
  ({ page, act } = h);
  await h.open();
}, { timeout: 30_000 });

after(async () => {
  await h?.tearDown();
});

/** The module's compiled expression in Node: the reference for everything the page shows. */
const reference = (source, params) => act.compile(source, { params });

/** Every plotted series equals the module's values: custom slots through act.compile, others through act.get. */
function assertMatchesModule(p, what) {
  const z = Float32Array.from(p.z);
  for (const s of p.series) {
    const fn = s.id === 'custom' ? reference(s.source, s.params) : act.get(s.id, s.params);
    const name = `${what}: ${s.source ?? s.id}`;
    if (s.g) assertSameFloat32(s.g, fn.forward(z), `${name} g`);
    if (s.dg) assertSameFloat32(s.dg, fn.derivative(z), `${name} g'`);
    if (s.d2g) assertSameFloat32(s.d2g, fn.derivative(z, { order: 2 }), `${name} g''`);
  }
}

/** Type a source into the expression field (as a user would: one input event) and wait for it to be drawn. */
async function typeSource(source, p = page) {
  await p.fill('#custom-source', source);
  return waitForPlot(p, (s) => window.activationsPage.plotted()?.source === s, source);
}

/** Load the page afresh with `hash` (h.open to the same URL with another hash would only change the hash). */
// h.open always loads the page afresh (it leaves through about:blank).
const openFresh = (hash, p = page) => h.open(hash, p);

async function chooseCustom(p = page) {
  await p.selectOption('#fn', 'custom');
  await waitForPlot(p, () => window.activationsPage.plotted()?.id === 'custom');
}

test('typing an expression draws the module\'s values; the readout is its f.at(z)', { timeout: 30_000 }, async () => {
  await chooseCustom();
  assert.equal(await page.locator('#custom-editor').isVisible(), true);
  await page.check('#show-d2');
  const p = await typeSource('z*sigmoid(b*z) + c*z^2');
  assert.deepEqual(p.params, { b: 1, c: 1 }, 'a parameter first typed starts at 1');
  assertMatchesModule(p, 'typed');
  const c = await page.evaluate(() => window.activationsPage.cursor());
  assert.deepEqual(
    { value: c.rows[0].value, derivative: c.rows[0].derivative, second: c.rows[0].second },
    reference(p.source, p.params).at(c.z),
    'readout at the cursor',
  );
  assert.equal(c.tangent.d1, c.rows[0].derivative, 'the tangent has the expression\'s slope');
  // One slider and number field per parameter, in order of first appearance.
  assert.deepEqual(await page.$$eval('#param-list [data-param]', (xs) => xs.map((x) => x.dataset.param)), ['b', 'c']);
  // The formula in KaTeX (with its MathML) and the legend name the expression.
  assert.ok(await page.locator('#custom-formula .katex-mathml math').count(), 'the formula has MathML');
  assert.match(await page.locator('#chart-title').innerText(), /z\*sigmoid\(b\*z\) \+ c\*z\^2 \(b = 1, c = 1\)/);
  assert.match(await page.locator('#readout-body').innerText(), /z\*sigmoid/);
  await page.uncheck('#show-d2');
});

test('a typo is shown at its column with aria-invalid; the chart keeps its last curves', { timeout: 20_000 }, async () => {
  await chooseCustom();
  const good = await typeSource('z*tanh(a*z)');
  await page.fill('#custom-source', 'z*tanh(a*z');
  await page.waitForFunction(() => document.getElementById('custom-source').getAttribute('aria-invalid') === 'true');
  const expected = (() => {
    try {
      act.compile('z*tanh(a*z', { params: { a: 1 } });
    } catch (err) {
      return err;
    }
    return null;
  })();
  assert.equal(expected?.name, 'ExpressionError');
  const message = await page.locator('#custom-error .error').innerText();
  assert.equal(message, `Column ${expected.column}: ${expected.reason}`);
  // The caret sits under the column it names.
  const [line, caret] = (await page.locator('#custom-error .caret-lines').innerText()).split('\n');
  assert.equal(line, 'z*tanh(a*z');
  assert.equal(caret.indexOf('^'), expected.column - 1, 'caret under the column');
  assert.equal(await page.locator('#custom-error').getAttribute('aria-live'), 'polite');
  assert.match(await page.locator('#custom-source').getAttribute('aria-describedby'), /custom-error/);
  const kept = await plotted(page);
  assert.deepEqual(kept, good, 'the chart keeps the last expression that parsed');
  assert.equal((await page.evaluate(() => window.activationsPage.state())).slots[0].source, 'z*tanh(a*z)');
  // Fixing it clears the error and draws.
  const fixed = await typeSource('z*tanh(a*z) - 1');
  assert.equal(await page.locator('#custom-source').getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#custom-error').innerText(), '');
  assertMatchesModule(fixed, 'fixed');
  // A whole-source error (empty) has no caret.
  await page.fill('#custom-source', '');
  await page.waitForFunction(() => document.querySelector('#custom-error .error'));
  assert.equal(await page.locator('#custom-error .caret-lines').count(), 0);
  assert.match(await page.locator('#custom-error .error').innerText(), /empty expression/);
});

test('a preset fills the field and its parameters, draws, and says why', { timeout: 20_000 }, async () => {
  await chooseCustom();
  const options = await page.$$eval('#custom-preset option', (os) => os.map((o) => [o.value, o.textContent]).slice(1));
  assert.deepEqual(options, act.presets.map((p) => [p.id, p.name]), 'every preset of the module, by name');
  for (const preset of act.presets) {
    await page.selectOption('#custom-preset', preset.id);
    const p = await waitForPlot(page, (s) => window.activationsPage.plotted()?.source === s, preset.source);
    assert.deepEqual(p.params, preset.params, `${preset.id}: its parameters`);
    assertMatchesModule(p, preset.id);
    assert.equal(await page.locator('#custom-source').inputValue(), preset.source);
    assert.equal(await page.locator('#custom-preset-reason').innerText(), preset.reason);
    for (const [name, value] of Object.entries(preset.params)) {
      assert.equal(Number(await page.locator(`[data-param="${name}"]`).inputValue()), value, `${preset.id}: field ${name}`);
    }
  }
  // Editing the source away from a preset clears the choice.
  await typeSource('sin(w*z) + z');
  assert.equal(await page.locator('#custom-preset').inputValue(), '');
  assert.equal(await page.locator('#custom-preset-reason').isVisible(), false);
});

test('a parameter\'s slider and number field change the curve', { timeout: 20_000 }, async () => {
  await chooseCustom();
  await page.selectOption('#custom-preset', 'swish');
  await waitForPlot(page, () => window.activationsPage.plotted()?.source === 'z * sigmoid(b*z)');
  const slider = page.locator('[data-param-range="b"]');
  assert.deepEqual([await slider.getAttribute('min'), await slider.getAttribute('max')], ['-10', '10']);
  await slider.fill('3');
  let p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.b === 3);
  assertMatchesModule(p, 'b = 3 by slider');
  assert.equal(await page.locator('[data-param="b"]').inputValue(), '3');
  // Any finite value in the number field; the slider widens to take it in.
  await setNumber(page.locator('[data-param="b"]'), 250);
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.b === 250);
  assertMatchesModule(p, 'b = 250 typed');
  assert.ok(Number(await slider.getAttribute('max')) >= 250, 'the slider widened');
  await setNumber(page.locator('[data-param="b"]'), '');
  assert.equal(await page.locator('[data-param="b"]').getAttribute('aria-invalid'), 'true');
  // A new expression rebuilds the fields with the values it draws: the empty field no longer holds the chart.
  p = await typeSource('z * sigmoid(b*z) + 0*q');
  assert.deepEqual(p.params, { b: 250, q: 1 });
  assert.equal(await page.locator('[data-param="b"]').getAttribute('aria-invalid'), null);
  await setNumber(page.locator('[data-param="b"]'), -1.5);
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.b === -1.5);
  assertMatchesModule(p, 'b = -1.5 typed');
  // A parameter keeps its value when the expression is edited around it.
  p = await typeSource('z * sigmoid(b*z) * k');
  assert.deepEqual(p.params, { b: -1.5, k: 1 });
});

test('the URL carries custom slots; the link restores curves, cursor and depth view', { timeout: 30_000 }, async () => {
  await openFresh('#f=sigmoid');
  await chooseCustom();
  await typeSource('where(z < 0, a*expm1(z), z) + 0*b');
  await setNumber(page.locator('[data-param="a"]'), 1.25);
  await page.click('#add-slot');
  await chooseCustom();
  await page.fill('#custom-source', 'max(a*z, z), tanh');
  await page.waitForFunction(() => document.getElementById('custom-source').getAttribute('aria-invalid') === 'true');
  await typeSource('min(max(a*z, z), 6)');
  await page.focus('#chart');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.activationsPage.depth()?.slots.length === 2 && window.activationsPage.depth().slots[1].source === 'min(max(a*z, z), 6)');
  const hash = await page.evaluate(() => window.activationsPage.flushHash());
  assert.match(hash, /^#f=custom%7Bwhere/, 'custom{source}(params), percent-encoded');
  const snapshot = (p) =>
    p.evaluate(() => ({
      state: window.activationsPage.state(),
      plotted: window.activationsPage.plotted(),
      cursor: window.activationsPage.cursor(),
      depth: window.activationsPage.depth(),
    }));
  const before = await snapshot(page);
  assert.deepEqual(before.state.slots, [
    { id: 'custom', source: 'where(z < 0, a*expm1(z), z) + 0*b', params: { a: 1.25, b: 1 } },
    // a keeps the value it had in the expression this slot started from
    { id: 'custom', source: 'min(max(a*z, z), 6)', params: { a: 1.25 } },
  ]);

  const other = await h.context.newPage();
  await h.open(hash, other);
  await other.waitForFunction(() => window.activationsPage.depth()?.slots.length === 2);
  assert.deepEqual(await snapshot(other), before, 'the link restores the same view');
  assert.equal(await other.locator('#custom-source').inputValue(), 'min(max(a*z, z), 6)');
  assertMatchesModule(before.plotted, 'restored');
  await other.close();

  // A link whose expression does not parse: reported like other link problems; the rest applies.
  await page.evaluate(() => {
    location.hash = `#f=${encodeURIComponent('custom{z*(1+}(q=2),custom{b*z}(b=2;y=1)')}&a=0`;
  });
  const p = await waitForPlot(page, () => window.activationsPage.plotted()?.source === 'b*z');
  assert.deepEqual(p.params, { b: 2 });
  assertMatchesModule(p, 'bad link');
  const status = await page.locator('#status').innerText();
  assert.match(status, /not understood.*custom expression "z\*\(1\+": .*column 6/s);
  assert.match(status, /has no parameter "y"/);
});

test('compare mode: a custom expression beside a catalogue function, and two custom expressions', { timeout: 30_000 }, async () => {
  await openFresh('#f=relu,custom%7Bz*sigmoid(b*z)%7D(b=2)&a=1&show=g,d1,d2');
  let p = await plotted(page);
  assert.deepEqual(p.series.map((s) => s.source ?? s.id), ['relu', 'z*sigmoid(b*z)']);
  assertMatchesModule(p, 'relu + custom');
  assert.equal(await page.locator('#fn').inputValue(), 'custom');
  const legend = await page.locator('#legend').innerText();
  assert.match(legend, /ReLU/);
  assert.match(legend, /z\*sigmoid\(b\*z\) \(b = 2\)/);
  // Editing the relu slot hides the editor; back to the custom slot shows it with its source.
  await page.check('#slot-0');
  await page.waitForFunction(() => document.getElementById('custom-editor').hidden);
  await page.check('#slot-1');
  await page.waitForFunction(() => !document.getElementById('custom-editor').hidden);
  assert.equal(await page.locator('#custom-source').inputValue(), 'z*sigmoid(b*z)');

  await page.click('#add-slot');
  await chooseCustom();
  assert.equal(await page.locator('#custom-source').inputValue(), 'z*sigmoid(b*z)', 'a new custom slot starts from the last expression');
  p = await typeSource('exp(-z^2)');
  assert.deepEqual(p.series.map((s) => s.source ?? s.id), ['relu', 'z*sigmoid(b*z)', 'exp(-z^2)']);
  assertMatchesModule(p, 'two customs');
  const c = await page.evaluate(() => window.activationsPage.cursor());
  for (const row of c.rows) {
    const fn = row.id === 'custom' ? reference(row.source, row.params) : act.get(row.id, row.params);
    assert.deepEqual({ value: row.value, derivative: row.derivative, second: row.second }, fn.at(c.z), `readout ${row.source ?? row.id}`);
  }
  assert.equal((await page.$$('#readout-body tr')).length, 3);
});

test('shading, CSV and the data table of a custom expression', { timeout: 20_000 }, async () => {
  await openFresh('#f=custom%7Bmax(a*z%2C%20z)%7D(a=0)&show=g,d1');
  const p = await plotted(page);
  const bands = await page.evaluate(() => window.activationsPage.bands());
  const d1 = reference('max(a*z, z)', { a: 0 }).derivative(Float32Array.from(p.z));
  const inside = (list, z) => list.some(([a, b]) => z >= a && z <= b);
  for (let i = 0; i < p.z.length; i++) assert.equal(inside(bands.dead, p.z[i]), d1[i] === 0, `dead band at z = ${p.z[i]}`);
  assert.equal(bands.dead.length, 1, 'max(0·z, z) is dead left of 0');
  assert.match(await page.locator('#legend').innerText(), /dead zone/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const file = path.join(outDir, 'custom.csv');
  await download.saveAs(file);
  const [header, ...rows] = (await readFile(file, 'utf8')).trim().split('\n');
  assert.equal(header, `z,"custom: max(a*z, z) (a=0) g","custom: max(a*z, z) (a=0) g'"`);
  assert.equal(rows.length, p.z.length);
  const { f32String } = await webModule('util.js');
  assert.equal(rows[100], [p.z[100], p.g[100], p.dg[100]].map(f32String).join(','));

  await page.click('#table-toggle');
  const heads = await page.$$eval('#data-table thead th', (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(heads, ['z', 'max(a*z, z) (a = 0) g', 'max(a*z, z) (a = 0) g′']);
  await page.click('#table-toggle');
});

test('gradient through depth uses the expression\'s g′', { timeout: 30_000 }, async () => {
  const { standardNormals, PATHS, LAYERS } = await webModule('depth.js');
  await openFresh('#f=custom%7Bmax(a*z%2C%20z)%7D(a=0),custom%7Bz*sigmoid(b*z)%7D(b=1)&mu=0&sd=1&seed=3');
  await page.waitForFunction(() => window.activationsPage.depth()?.slots.length === 2, null, { timeout: STEP_TIMEOUT });
  const d = await page.evaluate(() => window.activationsPage.depth());
  const z = Float32Array.from(standardNormals(3), (v) => v);
  for (const slot of d.slots) {
    const g1 = reference(slot.source, slot.params).derivative(z);
    const logs = new Float64Array(PATHS);
    for (let l = 0; l < LAYERS; l++) {
      for (let q = 0; q < PATHS; q++) logs[q] += Math.log(Math.abs(g1[l * PATHS + q]));
      const dead = logs.filter((v) => v === -Infinity).length / PATHS;
      assert.equal(slot.dead[l], dead, `${slot.source} L=${l + 1}: share at 0`);
      const sorted = Float64Array.from(logs).sort();
      const pos = (PATHS - 1) / 2;
      const lo = sorted[Math.floor(pos)];
      const hi = sorted[Math.floor(pos) + 1];
      const median = lo === -Infinity ? -Infinity : (lo + (pos - Math.floor(pos)) * (hi - lo)) / Math.LN10;
      if (median === -Infinity) assert.equal(slot.median[l], -Infinity);
      else assert.ok(Math.abs(slot.median[l] - median) < 1e-9 * Math.max(1, Math.abs(median)), `${slot.source} L=${l + 1} median`);
    }
  }
  assert.ok(d.slots[0].dead[9] > 0.99, 'max(0·z, z) is a ReLU: the paths die');
  assert.match(await page.locator('#depth-summary').innerText(), /max\(a\*z, z\) \(a = 0\)/);
});

test('rewrites are listed; the explanation shows what applies to an expression and hides the rest', { timeout: 20_000 }, async () => {
  await openFresh('#f=sigmoid');
  await chooseCustom();
  const p = await typeSource('log(1+exp(z))');
  assertMatchesModule(p, 'log(1+exp(z))');
  const [rewrite] = reference('log(1+exp(z))', {}).rewrites;
  const item = await page.locator('#custom-rewrite-list li').innerText();
  assert.ok(item.startsWith(`${rewrite.from} → ${rewrite.to}: `), item);
  assert.ok(item.includes(rewrite.why.slice(0, 30)), item);
  assert.equal(await page.locator('#notes-heading').innerText(), 'Rewritten for numerical stability');
  assert.ok((await page.locator('#notes-list').innerText()).startsWith(`${rewrite.from} → ${rewrite.to}`));
  assert.equal(await page.locator('#evaluated').innerText(), reference('log(1+exp(z))', {}).evaluated);
  assert.match(await page.locator('#computation').innerText(), /forward-mode differentiation/);
  assert.match(await page.locator('#explain-family').innerText(), /custom expression/);
  for (const hidden of ['#explain-properties', '#formula-derivatives', '#pitfall', '#accuracy']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is hidden`);
  }
  for (const list of ['#derivation', '#derivation2']) assert.equal(await page.locator(list).isVisible(), false);
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'custom-desktop.png') });
  // Back to a catalogue function: its explanation is whole again.
  await page.selectOption('#fn', 'sigmoid');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'sigmoid');
  for (const shown of ['#explain-properties', '#formula-derivatives', '#pitfall']) {
    assert.equal(await page.locator(shown).isVisible(), true, `${shown} is back`);
  }
  assert.equal(await page.locator('#notes-heading').innerText(), 'Notes');
  assert.equal(await page.locator('#custom-editor').isVisible(), false);
  // And back to custom: the expression it had.
  await page.selectOption('#fn', 'custom');
  await waitForPlot(page, () => window.activationsPage.plotted()?.source === 'log(1+exp(z))');
});

test('phone: nothing scrolls sideways with the editor open, its error and its rewrites shown', { timeout: 30_000 }, async () => {
  const viewport = { width: 390, height: 844 };
  const context = await h.newContext({ viewport });
  const phone = await context.newPage();
  const problems = [];
  phone.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  phone.on('pageerror', (err) => problems.push(err.message));
  await openFresh('#f=custom%7Blog(1%2Bexp(b*z))%20%2B%200.044715*z%5E3*tanh(softplus(z))%7D(b=1.5)', phone);
  await phone.fill('#custom-source', 'log(1+exp(b*z)) + 0.044715*z^3*tanh(softplus(z)) + where(z < 0, (1, z)');
  await phone.waitForFunction(() => document.querySelector('#custom-error .caret-lines'));
  const overflow = await sideways(phone, viewport.width);
  assert.ok(overflow.scrollWidth <= viewport.width, `the document scrolls sideways (${overflow.scrollWidth} px)`);
  assert.deepEqual(overflow.wide, [], 'elements wider than the screen');
  // The editor sits under the chart with the parameters, in sight of the curves it changes.
  const chart = await phone.locator('#chart').boundingBox();
  const editor = await phone.locator('#custom-editor').boundingBox();
  assert.ok(chart.y < viewport.height && editor.y > chart.y, 'chart first, editor under it');
  await phone.locator('#custom-editor').scrollIntoViewIfNeeded();
  await phone.evaluate(() => document.activeElement?.blur());
  await phone.screenshot({ path: path.join(outDir, 'custom-phone.png') });
  await phone.fill('#custom-source', 'log(1+exp(b*z)) + 0.044715*z^3*tanh(softplus(z))');
  await phone.waitForFunction(() => !document.querySelector('#custom-error .caret-lines'));
  await phone.locator('#custom-editor').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: path.join(outDir, 'custom-phone-rewrite.png') });
  const csp = await phone.evaluate(() => window.__cspViolations);
  assert.deepEqual({ csp, problems }, { csp: [], problems: [] });
  await context.close();
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});
