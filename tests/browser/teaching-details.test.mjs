// What a learner reads off the page, at a desktop size (1280×900):
//
//   - one refused parameter (hardtanh min = 2, max = 1): the function is named once, both fields
//     are marked invalid with the values said, and range edits, the cursor and the other slots
//     keep updating the chart (drawn with the last accepted parameters meanwhile);
//   - jumps in g′ are drawn as a break with a closed dot at the module's value at the kink and an
//     open dot at the other side's value, with no vertical segment;
//   - compare mode gives each order its own y scale;
//   - the cursor field, minus signs, wide-range sliders and the theme toggle.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { STEP_TIMEOUT, assertMatchesModule, setNumber, setUp, waitForPlot } from './harness.mjs';

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

test('hardtanh min = 2, max = 1: both fields marked, named once, everything else keeps working', { timeout: 30_000 }, async () => {
  await h.open('#');
  await page.click('#add-slot'); // a second slot (relu), edited
  await waitForPlot(page, () => window.activationsPage.plotted()?.series.length === 2);
  await page.check('#slot-0');
  await page.selectOption('#fn', 'hardtanh');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'hardtanh');
  const min = page.locator('[data-param="min"]');
  const max = page.locator('[data-param="max"]');
  await setNumber(min, 2);
  const computeError = page.locator('#compute-error');
  await computeError.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  const text = await computeError.innerText();
  assert.equal(text.match(/hardtanh/gi).length, 1, `the function is named once: ${text}`);
  assert.match(text, /min = 2, max = 1/);
  assert.match(text, /still shows min = −1, max = 1/);
  assert.equal(await min.getAttribute('aria-invalid'), 'true');
  assert.equal(await max.getAttribute('aria-invalid'), 'true');
  assert.match(await min.getAttribute('aria-describedby'), /compute-error/);
  const border = await min.evaluate((e) => getComputedStyle(e).borderColor);
  const plain = await page.locator('#z-min').evaluate((e) => getComputedStyle(e).borderColor);
  assert.notEqual(border, plain, 'the refused field is visibly marked');

  // The range still replots (hardtanh with its last accepted parameters, relu as it is).
  await setNumber(page.locator('#z-max'), 4);
  let p = await waitForPlot(page, () => window.activationsPage.plotted().z.at(-1) === 4);
  assert.equal(p.params.min, -1);
  assertMatchesModule(act, p, 'range edit while hardtanh is refused');
  assert.equal(await min.getAttribute('aria-invalid'), 'true', 'still marked after a range edit');

  // The cursor still moves.
  await setNumber(page.locator('#cursor-z'), 0.5);
  await page.waitForFunction(() => window.activationsPage.cursor().z === 0.5, null, { timeout: STEP_TIMEOUT });

  // The other slot still replots.
  await page.check('#slot-1');
  await page.selectOption('#fn', 'tanh');
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.series[1].id === 'tanh');
  assertMatchesModule(act, p, 'other slot while hardtanh is refused');
  assert.equal(await page.locator('[data-param]').count(), 0);

  // Back to hardtanh, fixed: the marks go, the chart shows the typed values.
  await page.check('#slot-0');
  await page.waitForFunction(() => document.querySelector('[data-param="min"]'), null, { timeout: STEP_TIMEOUT });
  await setNumber(max, 3);
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.max === 3);
  assert.equal(p.params.min, 2);
  await computeError.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  assert.equal(await min.getAttribute('aria-invalid'), null);
  assert.equal(await max.getAttribute('aria-invalid'), null);
  assertMatchesModule(act, p, 'hardtanh min=2 max=3');
});

/** Pixels in the chart canvas column at z, between values lo and hi, close to the colour of series k at (zRef, vRef). */
async function pixelsLike(k, z, lo, hi, zRef, vRef) {
  return page.evaluate(
    ([k, z, lo, hi, zRef, vRef]) => {
      const hook = window.activationsPage;
      const canvas = document.querySelector('#chart canvas');
      const ctx = canvas.getContext('2d');
      const ref = hook.canvasPoint(zRef, vRef, k);
      const [r, g, b] = ctx.getImageData(Math.round(ref.x), Math.round(ref.y), 1, 1).data;
      const top = hook.canvasPoint(z, hi, k);
      const bottom = hook.canvasPoint(z, lo, k);
      let count = 0;
      for (let x = Math.round(top.x) - 2; x <= Math.round(top.x) + 2; x++) {
        const column = ctx.getImageData(x, Math.round(top.y), 1, Math.round(bottom.y - top.y)).data;
        for (let i = 0; i < column.length; i += 4) {
          if (Math.abs(column[i] - r) + Math.abs(column[i + 1] - g) + Math.abs(column[i + 2] - b) < 60) count++;
        }
      }
      return { count, ref: [r, g, b] };
    },
    [k, z, lo, hi, zRef, vRef],
  );
}

test('jumps: relu′ and hardtanh′ break with a closed dot at the module value and an open dot, no vertical segment', { timeout: 30_000 }, async () => {
  await h.open('#f=relu&z=-1,1&show=d1&shade=0&c=0.9');
  let jumps = await page.evaluate(() => window.activationsPage.jumps());
  assert.deepEqual(jumps[0].d1.map(({ z, closed, open }) => ({ z, closed, open })), [{ z: 0, closed: act.get('relu').at(0).derivative, open: 1 }]);
  assert.equal(jumps[0].d1[0].closed, 0);
  assert.deepEqual(jumps[0].g, []);
  // Between the two dots, the column at z = 0 holds none of g′'s colour.
  const between = await pixelsLike(0, 0, 0.15, 0.85, 0.5, 1);
  assert.ok(between.ref[0] + between.ref[1] + between.ref[2] < 600, `reference pixel is the curve: ${between.ref}`);
  assert.equal(between.count, 0, 'no vertical segment at the jump');
  // The closed dot is filled with the curve's colour at (0, 0); the open one is hollow at (0, 1).
  const closed = await pixelsLike(0, 0, -0.02, 0.02, 0.5, 1);
  assert.ok(closed.count > 0, 'closed dot at g′(0) = 0');
  const hollow = await page.evaluate(() => {
    const p = window.activationsPage.canvasPoint(0, 1, 0);
    return Array.from(document.querySelector('#chart canvas').getContext('2d').getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data);
  });
  assert.ok(hollow[0] > 200 && hollow[1] > 200 && hollow[2] > 200, `open dot at g′ = 1 is hollow: ${hollow}`);

  await h.open('#f=hardtanh(min=-1,max=1)&z=-3,3&show=g,d1&shade=0&c=2.5');
  jumps = await page.evaluate(() => window.activationsPage.jumps());
  const fn = act.get('hardtanh', { min: -1, max: 1 });
  assert.deepEqual(
    jumps[0].d1.map(({ z, closed, open }) => ({ z, closed, open })),
    [-1, 1].map((z) => ({ z, closed: fn.at(z).derivative, open: 1 })),
  );
  assert.deepEqual(jumps[0].g, [], 'g itself is continuous');
  // The data the chart holds are still every module value.
  const p = await page.evaluate(() => window.activationsPage.plotted());
  assertMatchesModule(act, p, 'hardtanh with jumps');

  // A steep smooth curve is not a jump.
  await h.open('#f=softplus(beta=100)&z=-1,1&show=g,d1,d2');
  jumps = await page.evaluate(() => window.activationsPage.jumps());
  assert.deepEqual(jumps[0], { g: [], d1: [], d2: [] });
});

test('compare mode: each order has its own y scale, set by that order\'s values', { timeout: 20_000 }, async () => {
  await h.open('#f=sigmoid,leaky_relu(alpha=0.1),tanh&a=0&show=g,d1,d2');
  const scales = await page.evaluate(() => window.activationsPage.scales());
  const p = await page.evaluate(() => window.activationsPage.plotted());
  assertMatchesModule(act, p, 'compare mode');
  for (const [order, field] of [['g', 'g'], ['d1', 'dg'], ['d2', 'd2g']]) {
    assert.ok(scales[order], `a scale for ${order}: ${JSON.stringify(scales)}`);
    const values = p.series.flatMap((s) => s[field]).filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const [min, max] = scales[order];
    assert.ok(min <= lo && max >= hi, `${order}: [${min}, ${max}] holds its values [${lo}, ${hi}]`);
    assert.ok(hi - lo >= 0.6 * (max - min), `${order}: [${min}, ${max}] is set by its own values [${lo}, ${hi}], not another order's`);
  }
  // One function: one scale, on which g′ reads as the slope of g.
  await h.open('#f=sigmoid&show=g,d1,d2');
  assert.deepEqual(Object.keys(await page.evaluate(() => window.activationsPage.scales())), ['y']);
});

test('small things: cursor field, one minus sign, a finer slider for wide ranges, eᶻ in the ELU summary', { timeout: 20_000 }, async () => {
  await h.open('#f=sigmoid&show=g,d1,d2');
  // After a hover the cursor field holds the float32's shortest form.
  const box = await page.locator('#chart .u-over').boundingBox();
  await page.mouse.move(box.x + box.width * 0.2687, box.y + box.height / 2);
  await page.waitForFunction(() => window.activationsPage.cursor().z < -2);
  await page.mouse.move(0, 0);
  const z = (await page.evaluate(() => window.activationsPage.cursor())).z;
  const field = await page.inputValue('#cursor-z');
  assert.equal(Math.fround(Number(field)), z, `${field} reads back as the cursor's float32 ${z}`);
  assert.ok(field.replace(/^-|\./g, '').length <= 9, `${field} is the shortest round-trip form, not ${String(z)}`);

  // One minus sign in the readout, the exponent's included (σ(−20) ≈ 2.06e−9).
  await page.fill('#cursor-z', '-20');
  await page.dispatchEvent('#cursor-z', 'change');
  await page.waitForFunction(() => window.activationsPage.cursor().z === -20);
  const readout = await page.locator('#readout-body').innerText();
  assert.match(readout, /e−9/);
  assert.doesNotMatch(readout, /-/, `only typographic minus signs: ${readout}`);

  // hardtanh's −100 … 100 slider: one pixel near the default moves the value at least 8 times
  // less than a linear slider would (200 / width per pixel).
  await page.selectOption('#fn', 'hardtanh');
  await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'hardtanh');
  const slider = page.locator('[data-param-range="max"]');
  assert.equal(await slider.getAttribute('data-scale'), 'symlog');
  const width = (await slider.boundingBox()).width;
  const at = Number(await slider.inputValue());
  await slider.fill(String(at + 200 / width));
  const p = await waitForPlot(page, () => window.activationsPage.plotted()?.params.max !== 1);
  assert.ok(Math.abs(p.params.max - 1) <= 200 / width / 8, `one pixel of ${width} moved max from 1 to ${p.params.max}`);
  assertMatchesModule(act, p, 'hardtanh from the symlog slider');
  await slider.fill('100');
  await waitForPlot(page, () => window.activationsPage.plotted()?.params.max === 100);

  // The ELU summary writes e to the z in plain text.
  await page.selectOption('#fn', 'elu');
  await page.waitForFunction(() => /ELU|exponential/i.test(document.getElementById('explain-summary').textContent));
  const summary = await page.locator('#explain-summary').innerText();
  assert.match(summary, /eᶻ/);
  assert.doesNotMatch(summary, /e\^z/);
});

test('theme: a menu overrides the browser\'s scheme, kept in the link', { timeout: 20_000 }, async () => {
  await h.open('#f=relu');
  const look = () =>
    page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      menu: document.getElementById('theme').value,
      bg: getComputedStyle(document.body).backgroundColor,
      hash: window.activationsPage.flushHash(),
    }));
  let l = await look();
  assert.deepEqual([l.theme, l.menu], ['light', 'auto']);
  assert.doesNotMatch(l.hash, /theme=/, 'following the browser: nothing in the link');
  const lightBg = l.bg;
  const draw = page.evaluate(() => window.activationsPage.nextDraw());
  await page.selectOption('#theme', 'dark');
  await draw; // the chart is redrawn in the dark palette
  l = await look();
  assert.deepEqual([l.theme, l.menu], ['dark', 'dark']);
  assert.notEqual(l.bg, lightBg);
  assert.match(l.hash, /&theme=dark$/);
  assertMatchesModule(act, await page.evaluate(() => window.activationsPage.plotted()), 'after choosing dark');

  // The link brings the choice back.
  await h.open(l.hash);
  l = await look();
  assert.deepEqual([l.theme, l.menu], ['dark', 'dark']);
  await page.selectOption('#theme', 'auto');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  l = await look();
  assert.doesNotMatch(l.hash, /theme=/);
  assert.equal(l.bg, lightBg);
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});
