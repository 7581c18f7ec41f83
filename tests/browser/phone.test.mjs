// Browser test of the page on a phone (390×844, issue 11 item 9): the chart is on the first screen,
// the legend is compact, and nothing is wider than the screen (the cursor readout wraps instead
// of scrolling sideways), in the default view and in compare mode with every curve shown.
// Screenshots: test-output/phone-default.png, phone-compare.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { outDir, setNumber, setUp, sideways } from './harness.mjs';

const VIEWPORT = { width: 390, height: 844 };
let h;
let page;

before(async () => {
  h = await setUp({ viewport: VIEWPORT });
  ({ page } = h);
}, { timeout: 30_000 });

after(async () => {
  await h?.tearDown();
});

async function assertFits(what) {
  const o = await sideways(page, VIEWPORT.width);
  assert.ok(o.scrollWidth <= VIEWPORT.width, `${what}: the document scrolls sideways (${o.scrollWidth} px)`);
  assert.deepEqual(o.wide, [], `${what}: elements wider than the screen`);
}

test('phone: the chart is on the first screen, the legend is compact, nothing scrolls sideways', { timeout: 30_000 }, async () => {
  await h.open();
  const chart = await page.locator('#chart').boundingBox();
  assert.ok(chart.y < VIEWPORT.height, `chart top ${chart.y} is on the first screen`);
  const plotArea = await page.locator('#chart .u-over').boundingBox();
  assert.ok(plotArea.y + plotArea.height <= VIEWPORT.height, `the whole plot area is on the first screen (bottom ${plotArea.y + plotArea.height})`);
  const legendLines = await page.$$eval('#legend li', (items) => new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size);
  assert.ok(legendLines <= 3, `legend takes ${legendLines} lines`);
  // A long readout: the float32 nearest a hovered point, every curve shown.
  await page.check('#show-d2');
  await setNumber(page.locator('#cursor-z'), -2.7757694721221924);
  await page.waitForFunction(() => window.activationsPage.cursor().z < -2.7);
  await assertFits('default view');
  const scroll = await page.$eval('#readout-table', (t) => ({ table: t.getBoundingClientRect().width, box: t.parentElement.clientWidth, inner: t.parentElement.scrollWidth }));
  assert.ok(scroll.inner <= scroll.box, `the readout does not scroll sideways (${scroll.inner} > ${scroll.box})`);
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(outDir, 'phone-default.png') });
});

test('phone: compare mode with four functions and every curve fits the screen', { timeout: 30_000 }, async () => {
  await h.open('#f=softplus(beta=2;threshold=20),hardtanh(min=-1;max=1),sigmoid,leaky_relu(alpha=0.1)&a=1&show=g,d1,d2&c=-2.7757694721221924');
  await assertFits('compare mode');
  // Editing Hardtanh's parameters among four functions: the whole plot is still on the first
  // screen, and the parameters follow the chart (in the DOM too, so the tab order agrees).
  const plotArea = await page.locator('#chart .u-over').boundingBox();
  assert.ok(plotArea.y + plotArea.height <= VIEWPORT.height, `compare mode: the whole plot area is on the first screen (bottom ${plotArea.y + plotArea.height})`);
  const order = await page.evaluate(() => {
    const params = document.getElementById('params');
    return {
      legend: params.querySelector('legend').textContent,
      afterChart: Boolean(document.getElementById('chart-figure').compareDocumentPosition(params) & Node.DOCUMENT_POSITION_FOLLOWING),
      inControls: Boolean(params.closest('#controls')),
    };
  });
  assert.deepEqual(order, { legend: 'Parameters of Hardtanh', afterChart: true, inControls: false });
  await setNumber(page.locator('#param-list input[type=number]').nth(1), 2);
  await page.waitForFunction(() => window.activationsPage.plotted()?.params.max === 2);
  assert.deepEqual(await page.evaluate(() => window.activationsPage.plotted().params), { min: -1, max: 2 }, 'the moved field still sets the parameter');
  // Wider than a phone, the parameters go back under the function's controls.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => Boolean(document.getElementById('params').closest('#controls')));
  assert.equal(await page.locator('#phone-params').isHidden(), true);
  await page.setViewportSize(VIEWPORT);
  await page.waitForFunction(() => !document.getElementById('params').closest('#controls'));
  const scroll = await page.$eval('#readout-table', (t) => ({ box: t.parentElement.clientWidth, inner: t.parentElement.scrollWidth }));
  assert.ok(scroll.inner <= scroll.box, `the readout does not scroll sideways (${scroll.inner} > ${scroll.box})`);
  await page.screenshot({ path: path.join(outDir, 'phone-compare.png'), fullPage: true });

  // Three functions without parameters: the chart is still on the first screen.
  await h.open('#f=sigmoid,leaky_relu(alpha=0.1),tanh&a=0&show=g,d1,d2');
  const chart = await page.locator('#chart').boundingBox();
  assert.ok(chart.y < VIEWPORT.height, `compare mode: chart top ${chart.y} is on the first screen`);
  await assertFits('compare mode, three functions');
});

test('no console errors, page errors, CSP violations, failed or foreign requests', async () => {
  await h.assertClean();
});
