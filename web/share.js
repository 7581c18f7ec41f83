// Share and export: the chart as PNG, the plotted curves as CSV, the link to this view.

import { canvasToPng, composeChartImage, curvesCsv } from './export.js';
import { legendEntries } from './legend.js';
import { $, download } from './util.js';

/**
 * chart: chart.js; plot(): the plot on screen (plot.js); eps(): the shading
 * threshold; flushHash(): write the URL hash now.
 */
export function createShare({ chart, plot, eps, flushHash }) {
  const status = (text) => {
    $('share-status').textContent = text;
  };

  function fileStem() {
    return `activations-${plot().slots.map((s) => s.id).join('-')}`;
  }

  function chartImage() {
    const legend = legendEntries(plot(), chart.palette, eps());
    return composeChartImage(chart, { title: $('chart-title').textContent, legend });
  }

  async function exportPng() {
    const blob = await canvasToPng(chartImage());
    download(blob, `${fileStem()}.png`);
    status(`Downloaded ${fileStem()}.png.`);
  }

  function exportCsv() {
    download(new Blob([curvesCsv(plot())], { type: 'text/csv' }), `${fileStem()}.csv`);
    status(`Downloaded ${fileStem()}.csv (${plot().z.length} rows).`);
  }

  async function copyLink() {
    flushHash();
    const url = location.href;
    const box = $('share-url');
    try {
      await navigator.clipboard.writeText(url);
      status('Link copied. Opening it restores this exact view.');
      box.hidden = true;
    } catch {
      // No clipboard permission (or an insecure context): show the link to copy by hand.
      box.value = url;
      box.hidden = false;
      box.select();
      status('Copy the link below; opening it restores this exact view.');
    }
  }

  $('export-png').addEventListener('click', () => exportPng().catch((err) => status(`PNG export failed: ${err.message}`)));
  $('export-csv').addEventListener('click', exportCsv);
  $('copy-link').addEventListener('click', copyLink);
}
