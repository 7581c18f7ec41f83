// Browser test of the cursor, pan/zoom, URL state, exports and the gradient-through-depth view.
//
//   - keyboard on the focused chart moves the cursor by grid samples; the readout (numbers and
//     the slider's value text) equals the module's f.at(z) for every plotted function; pointer
//     and touch move it too; the tangent is g(z) + g′(z)(x − z);
//   - keys, buttons, drag-select and Ctrl+wheel zoom and pan the z range, recomputed by the module;
//   - every control's state goes into the URL hash; opening the link restores the same state,
//     curves, cursor and depth view; a hash edited by hand is applied; nonsense is reported;
//   - Download PNG gives a PNG whose chart area is, pixel for pixel, the chart on the page;
//     Download CSV gives z, g, g′, g″ of what is shown, equal to the module's values;
//     the data table shows the plotted values;
//   - gradient through depth: medians, quartiles and the share of zero products equal an
//     independent float64 computation from the module's g′ (in Node) on the same inputs.
// Files for review: test-output/export.png, test-output/export.csv.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  POINTS,
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
let fmt;

before(async () => {
  h = await setUp();
  ({ page, act } = h);
  ({ fmt } = await webModule('util.js'));
}, { timeout: 30_000 });

after(async () => {
  await h?.tearDown();
});

const cursor = (p = page) => p.evaluate(() => window.activationsPage.cursor());

/** The readout must be the module's f.at(z), as numbers and as displayed text. */
async function assertReadout(what) {
  const c = await cursor();
  for (const row of c.rows) {
    const at = act.get(row.id, row.params).at(c.z);
    assert.deepEqual({ value: row.value, derivative: row.derivative, second: row.second }, at, `${what}: ${row.id} at z = ${c.z}`);
  }
  const cells = await page.$$eval('#readout-body tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(
    cells,
    c.rows.map((r) => [fmt(r.value, 9), fmt(r.derivative, 9), fmt(r.second, 9)]),
    `${what}: readout text`,
  );
  assert.equal(Number(await page.locator('#chart').getAttribute('aria-valuenow')), c.z);
  assert.match(await page.locator('#chart').getAttribute('aria-valuetext'), new RegExp(`g = ${fmt(c.rows[0].value, 5).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  return c;
}

test('keyboard cursor: arrow keys step through the grid; readout equals f.at(z)', { timeout: 20_000 }, async () => {
  await h.open('#f=sigmoid,tanh,leaky_relu(alpha=0.1)&a=0&show=g,d1,d2&c=1');
  const z = (await plotted(page)).z;
  const n = z.length;
  const start = Math.round((7 / 12) * (n - 1));
  let c = await assertReadout('initial');
  assert.equal(c.z, 1);

  // Reach the chart with Tab like a keyboard user would (the skip link points at it).
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'chart');
  assert.equal((await cursor()).rows.length, 3, 'the skip link keeps the view');
  const steps = [
    ['ArrowRight', start + 20],
    ['Shift+ArrowRight', start + 21],
    ['ArrowLeft', start + 1],
    ['PageUp', start + 1 + Math.round((n - 1) / 10)],
    ['End', n - 1],
    ['ArrowRight', n - 1],
    ['Home', 0],
    ['ArrowLeft', 0],
    ['PageUp', Math.round((n - 1) / 10)],
  ];
  for (const [key, idx] of steps) {
    await page.keyboard.press(key);
    c = await cursor();
    assert.equal(c.z, z[idx], `${key}: cursor at grid index ${idx}`);
    await assertReadout(key);
    // The tangent drawn at z is the selected function's g(z) + g′(z)(x − z).
    const at = act.get('sigmoid').at(c.z);
    assert.deepEqual(c.tangent, { g: at.value, d1: at.derivative });
  }
  // Typing a z evaluates there, grid point or not.
  await setNumber(page.locator('#cursor-z'), 0.3);
  await page.waitForFunction(() => window.activationsPage.cursor().z === Math.fround(0.3));
  await assertReadout('typed z');
});

test('pointer and touch move the cursor to the grid point under them', { timeout: 20_000 }, async () => {
  const over = page.locator('#chart .u-over');
  const box = await over.boundingBox();
  const z = (await plotted(page)).z;
  const step = z[1] - z[0];
  for (const frac of [0.1, 0.5, 0.83]) {
    await page.mouse.move(box.x + box.width * frac, box.y + box.height / 2);
    await page.waitForFunction((f) => Math.abs(window.activationsPage.cursor().z - (-6 + 12 * f)) < 0.05, frac);
    const c = await cursor();
    assert.ok(z.includes(c.z), 'pointer snaps to a plotted point');
    assert.ok(Math.abs(c.z - (-6 + 12 * frac)) <= 2 * step + 12 / box.width, `pointer at ${frac}: z = ${c.z}`);
    await assertReadout(`pointer ${frac}`);
  }
  // Touch: press and slide (pointer events with pointerType 'touch').
  await over.evaluate((node, b) => {
    const at = (f) => ({ pointerType: 'touch', bubbles: true, clientX: b.x + b.width * f, clientY: b.y + b.height / 2, buttons: 1, isPrimary: true });
    node.dispatchEvent(new PointerEvent('pointerdown', at(0.2)));
    node.dispatchEvent(new PointerEvent('pointermove', at(0.3)));
  }, box);
  await page.waitForFunction(() => Math.abs(window.activationsPage.cursor().z - -2.4) < 0.05);
  await assertReadout('touch');
  await page.mouse.move(0, 0);
});

test('zoom and pan: keys, buttons, drag-select and Ctrl+wheel recompute the range with the module', { timeout: 20_000 }, async () => {
  const range = async () => {
    const p = await plotted(page);
    return [p.z[0], p.z[p.z.length - 1]];
  };
  await page.click('#range-reset');
  await waitForPlot(page, () => window.activationsPage.plotted().z[0] === -6);
  await setNumber(page.locator('#cursor-z'), 0);
  await page.focus('#chart');
  await page.keyboard.press('+');
  let p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] === -3);
  assertGrid(p.z, -3, 3, 'zoomed in around the cursor');
  assertMatchesModule(act, p, 'zoomed in');
  await page.keyboard.press(']');
  p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] === -1.5);
  assertGrid(p.z, -1.5, 4.5, 'panned right');
  await page.keyboard.press('-');
  p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] !== -1.5);
  assert.ok(p.z[p.z.length - 1] - p.z[0] > 11.9, 'zoomed out');
  await page.keyboard.press('0');
  await waitForPlot(page, () => window.activationsPage.plotted().z[0] === -6);

  await page.click('#zoom-in');
  assert.deepEqual(await range(), [-3, 3]);
  await page.click('#pan-left');
  assert.deepEqual(await range(), [-4.5, 1.5]);
  await page.click('#zoom-out');
  assert.ok((await range())[1] - (await range())[0] > 11.9);
  await page.click('#range-reset');

  // Drag across the middle half of the chart: that becomes the range.
  const box = await page.locator('#chart .u-over').boundingBox();
  await page.mouse.move(box.x + box.width * 0.25, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 30, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.75, box.y + 40, { steps: 4 });
  await page.mouse.up();
  p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] > -3.2);
  const [lo, hi] = [p.z[0], p.z[p.z.length - 1]];
  assert.ok(Math.abs(lo + 3) < 0.1 && Math.abs(hi - 3) < 0.1, `drag-select gave ${lo} … ${hi}`);
  assertMatchesModule(act, p, 'after drag-select');
  assert.equal(await page.locator('#z-min').inputValue(), String((await page.evaluate(() => window.activationsPage.state().range))[0]));

  // Ctrl + wheel zooms around the pointer; a plain wheel scrolls the page instead.
  await page.click('#range-reset');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  p = await waitForPlot(page, () => window.activationsPage.plotted().z[0] > -6);
  assert.ok(p.z[p.z.length - 1] - p.z[0] < 12, 'Ctrl+wheel zoomed in');
  await page.click('#range-reset');
  await page.mouse.move(0, 0);
});

test('URL hash: a shared link restores the exact view; edits to the hash apply', { timeout: 30_000 }, async () => {
  await h.open('');
  // Build a view through the controls.
  await page.selectOption('#fn', 'elu');
  await setNumber(page.locator('[data-param="alpha"]'), 0.5);
  await page.click('#add-slot');
  await page.selectOption('#fn', 'softplus');
  await setNumber(page.locator('[data-param="beta"]'), 2);
  await page.click('#add-slot');
  await page.check('#show-d2');
  await page.uncheck('#show-g');
  await setNumber(page.locator('#z-min'), -4);
  await setNumber(page.locator('#z-max'), 2.5);
  await setNumber(page.locator('#eps'), 0.05);
  await setNumber(page.locator('#depth-mean'), 1.5);
  await setNumber(page.locator('#depth-spread'), 0.5);
  await page.click('#depth-resample');
  await page.click('#table-toggle');
  await page.check('#slot-1');
  await page.focus('#chart');
  await page.keyboard.press('ArrowLeft');
  // Written by itself shortly after the last change.
  await page.waitForFunction(() => location.hash.includes('sd=0.5') && location.hash.includes('seed=2'), null, { timeout: STEP_TIMEOUT });
  await page.waitForFunction(() => window.activationsPage.depth()?.seed === 2);
  const hash = await page.evaluate(() => window.activationsPage.flushHash());
  const before = await page.evaluate(() => ({
    state: window.activationsPage.state(),
    plotted: window.activationsPage.plotted(),
    cursor: window.activationsPage.cursor(),
    depth: window.activationsPage.depth(),
  }));
  assert.equal(before.state.slots.length, 3);
  assert.deepEqual(before.state.slots[0], { id: 'elu', params: { alpha: 0.5 } });
  assert.deepEqual(before.state.slots[1], { id: 'softplus', params: { beta: 2, threshold: 20 } });

  const other = await h.context.newPage();
  await h.open(hash, other);
  await other.waitForFunction(() => window.activationsPage.depth()?.seed === 2);
  const after = await other.evaluate(() => ({
    state: window.activationsPage.state(),
    plotted: window.activationsPage.plotted(),
    cursor: window.activationsPage.cursor(),
    depth: window.activationsPage.depth(),
  }));
  assert.deepEqual(after, before, 'the link restores state, curves, cursor and depth view');
  assert.equal(await other.locator('#table-wrap').isVisible(), true);
  assert.equal(await other.locator('#fn').inputValue(), 'softplus');
  assert.equal(await other.locator('[data-param="beta"]').inputValue(), '2');
  assert.equal(await other.locator('#show-g').isChecked(), false);
  assert.equal(await other.locator('#z-min').inputValue(), '-4');
  assertMatchesModule(act, after.plotted, 'restored view');
  await other.close();

  // Editing the hash by hand applies it.
  await page.evaluate(() => {
    location.hash = '#f=relu6,hardswish&a=1&z=-8,8&show=g,d1&c=2';
  });
  let p = await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'hardswish');
  assertGrid(p.z, -8, 8, 'hash edited by hand');
  assertMatchesModule(act, p, 'hash edited by hand');
  assert.equal((await cursor()).z, 2);

  // Nonsense in a link is reported, the rest still applies.
  await page.evaluate(() => {
    location.hash = '#f=nope,leaky_relu(alpha=7)&z=3,1';
  });
  p = await waitForPlot(page, () => window.activationsPage.plotted()?.id === 'leaky_relu');
  assert.equal(p.params.alpha, 0.01, 'out-of-range parameter falls back to the default');
  assertGrid(p.z, -6, 6, 'bad range falls back to the default');
  assert.match(await page.locator('#status').innerText(), /not understood.*nope/s);
});

test('Download PNG: a valid PNG whose chart area is the chart as shown', { timeout: 20_000 }, async () => {
  await h.open('#f=sigmoid,relu&a=1&show=g,d1,d2&c=-1.5');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  assert.equal(download.suggestedFilename(), 'activations-sigmoid-relu.png');
  const file = path.join(outDir, 'export.png');
  await download.saveAs(file);
  const png = await readFile(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const canvas = await page.$eval('#chart canvas', (c) => ({ width: c.width, height: c.height }));
  assert.equal(width, canvas.width, 'PNG as wide as the chart canvas');
  assert.ok(height > canvas.height, 'PNG has the legend under the chart');

  // Decode the file in the page and compare its chart area with the live canvas on the page background.
  const diff = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const src = document.querySelector('#chart canvas');
    const read = (draw, w, h) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      draw(ctx);
      return ctx.getImageData(0, 0, src.width, src.height).data;
    };
    const got = read((ctx) => ctx.drawImage(img, 0, 0), img.width, img.height);
    const want = read((ctx) => {
      ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
      ctx.fillRect(0, 0, src.width, src.height);
      ctx.drawImage(src, 0, 0);
    }, src.width, src.height);
    let differing = 0;
    let coloured = 0;
    for (let i = 0; i < got.length; i += 4) {
      if (got[i] !== want[i] || got[i + 1] !== want[i + 1] || got[i + 2] !== want[i + 2]) differing++;
      if (Math.abs(got[i] - got[i + 2]) > 60) coloured++;
    }
    return { differing, coloured, pixels: got.length / 4 };
  }, png.toString('base64'));
  assert.equal(diff.differing, 0, `chart area differs from the page in ${diff.differing} of ${diff.pixels} pixels`);
  assert.ok(diff.coloured > 1000, 'the curves are in the image');
});

test('Download CSV: z, g, g′, g″ of what is shown, equal to the module values', { timeout: 20_000 }, async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.equal(download.suggestedFilename(), 'activations-sigmoid-relu.csv');
  const file = path.join(outDir, 'export.csv');
  await download.saveAs(file);
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  assert.deepEqual(lines[0].split(','), ['z', 'sigmoid g', "sigmoid g'", "sigmoid g''", 'relu g', "relu g'", "relu g''"]);
  assert.equal(lines.length, 1 + POINTS);
  // Shortest decimals: each must read back (rounded to float32) as the exact value.
  const rows = lines.slice(1).map((l) => l.split(',').map((v) => Math.fround(Number(v))));
  const col = (j) => rows.map((r) => r[j]);
  const p = await plotted(page);
  assertSameFloat32(col(0), p.z, 'CSV z = plotted z');
  const z = Float32Array.from(col(0));
  let j = 1;
  for (const id of ['sigmoid', 'relu']) {
    const fn = act.get(id);
    assertSameFloat32(col(j++), fn.forward(z), `CSV ${id} g`);
    assertSameFloat32(col(j++), fn.derivative(z), `CSV ${id} g'`);
    assertSameFloat32(col(j++), fn.derivative(z, { order: 2 }), `CSV ${id} g''`);
  }
});

test('data table: the plotted values, evenly spaced rows', { timeout: 20_000 }, async () => {
  const { tableIndices } = await webModule('table.js');
  await page.click('#table-toggle');
  assert.equal(await page.locator('#table-toggle').getAttribute('aria-expanded'), 'true');
  const table = await page.$$eval('#data-table tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const p = await plotted(page);
  const header = table[0];
  assert.equal(header[0], 'z');
  assert.equal(header.length, 7);
  const idx = tableIndices(POINTS);
  assert.equal(table.length - 1, idx.length);
  const cols = [p.z, ...p.series.flatMap((s) => [s.g, s.dg, s.d2g])];
  idx.forEach((i, r) => {
    assert.deepEqual(table[r + 1], cols.map((c) => fmt(c[i], 7)), `table row for z = ${p.z[i]}`);
  });
  await page.click('#table-toggle');
  assert.equal(await page.locator('#table-wrap').isVisible(), false);
});

test('gradient through depth: statistics equal a float64 computation from the module\'s g′', { timeout: 30_000 }, async () => {
  const { standardNormals, PATHS, LAYERS } = await webModule('depth.js');
  const check = async (mean, spread, seed) => {
    await page.waitForFunction(
      ([m, s, k]) => {
        const d = window.activationsPage.depth();
        return d && d.mean === m && d.spread === s && d.seed === k && d.slots.length === 3;
      },
      [mean, spread, seed],
      { timeout: STEP_TIMEOUT },
    );
    const d = await page.evaluate(() => window.activationsPage.depth());
    const normals = standardNormals(seed);
    const z = Float32Array.from(normals, (v) => mean + spread * v);
    for (const [k, slot] of d.slots.entries()) {
      const g1 = act.get(slot.id, slot.params).derivative(z);
      const prod = new Float64Array(PATHS).fill(1);
      for (let l = 0; l < LAYERS; l++) {
        for (let q = 0; q < PATHS; q++) prod[q] *= g1[l * PATHS + q];
        const sorted = Array.from(prod, Math.abs).sort((a, b) => a - b);
        const quant = (f) => {
          const pos = (PATHS - 1) * f;
          const i = Math.floor(pos);
          const lo = sorted[i];
          const hi = sorted[Math.min(i + 1, PATHS - 1)];
          if (lo === 0) return 0; // a zero neighbour: the quartile is 0
          return Math.log10(lo) + (pos - i) * (Math.log10(hi) - Math.log10(lo));
        };
        const dead = sorted.filter((v) => v === 0).length / PATHS;
        assert.equal(slot.dead[l], dead, `${slot.id} L=${l + 1}: share at 0`);
        for (const [name, f] of [['q1', 0.25], ['median', 0.5], ['q3', 0.75]]) {
          const want = quant(f);
          const got = slot[name][l];
          if (want === 0 && sorted[Math.floor((PATHS - 1) * f)] === 0) assert.equal(got, -Infinity, `${slot.id} L=${l + 1} ${name}: zero`);
          else assert.ok(Math.abs(got - want) < 1e-9 * Math.max(1, Math.abs(want)), `${slot.id} L=${l + 1} ${name}: ${got} vs ${want}`);
        }
      }
      // What the chart holds is what was computed (null where the product is 0).
      const plottedMedian = d.plotted[3 * k + 2];
      assert.deepEqual(plottedMedian, slot.median.map((v) => (v === -Infinity ? null : v)));
    }
    return d;
  };
  await h.open('#f=sigmoid,relu,leaky_relu&mu=0&sd=1&seed=1');
  let d = await check(0, 1, 1);
  const relu = d.slots[1];
  assert.ok(Math.abs(relu.dead[0] - 0.5) < 0.06 && relu.dead[9] > 0.99, 'ReLU: half the paths die per layer');
  assert.equal(d.slots[2].dead[LAYERS - 1], 0, 'Leaky ReLU: none die');
  assert.ok(d.slots[0].median[9] < Math.log10(0.25 ** 10), 'sigmoid: below (1/4)^L');

  // The mean slider moves the distribution; the statistics follow.
  await page.locator('#depth-mean-range').fill('2');
  await check(2, 1, 1);
  await setNumber(page.locator('#depth-spread'), 3);
  await check(2, 3, 1);
  assert.match(await page.locator('#depth-summary').innerText(), /ReLU/);
  await page.click('#depth-table-toggle');
  assert.equal(await page.locator('#depth-table tbody tr').count(), LAYERS);
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});
