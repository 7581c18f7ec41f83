// The Train section in words: the run's status (announced when it changes),
// the progress line, the notes read from the measurements (train.js), the
// legends and the summary that describes the charts to a screen reader.

import { pow10Label } from './depth-chart.js';
import { readPalette } from './palette.js';
import { DASH, LAYER_COLOURS } from './train-chart.js';
import { MAX_STEPS, NOTE_LIMITS, trainNotes } from './train.js';
import { $, el, fmt, lineSwatch } from './util.js';

const percent = (v) => `${Math.round(v * 100)}%`;

/** The notes of every network of the run (train.js's trainNotes). */
export function notesOf(run) {
  return run.runs.flatMap((r) => trainNotes({ name: r.name, step: run.stepsDone, trainLoss: r.trainLoss, testLoss: r.testLoss, stats: r.stats, diverged: r.diverged }, { fmt, pow10: pow10Label }));
}

/** What the status line announces: changes of state only, never every frame. */
export function statusOf(run) {
  if (run.error) return `These settings cannot be trained: ${run.error}`;
  if (run.playing) return 'Training…';
  const diverged = run.runs.filter((r) => r.diverged);
  if (run.stopReason === 'diverged' || diverged.length === run.runs.length) {
    return `Stopped: the loss diverged at step ${diverged[0]?.diverged.step}. Try a smaller learning rate, then Reset.`;
  }
  if (run.stopReason === 'limit') return `Stopped after ${MAX_STEPS} steps.`;
  if (run.stepsDone === 0) return 'Ready: press Play to train, or Step for 10 steps.';
  return `Paused at step ${run.stepsDone}.`;
}

export function showStatus(run) {
  const text = statusOf(run);
  if ($('train-status').textContent !== text) $('train-status').textContent = text;
}

/** accuracies: per network, { train, test } shares. */
export function showProgress(run, accuracies) {
  const parts = run.runs.map((r, i) => {
    const a = accuracies[i];
    const acc = a ? `, test accuracy ${percent(a.test)}` : '';
    return `${r.name}: training loss ${fmt(r.trainLoss, 3)}, test loss ${fmt(r.testLoss, 3)}${acc}${r.diverged ? ' (diverged)' : ''}`;
  });
  $('train-progress').textContent = `Step ${run.stepsDone}. ${parts.join('; ')}.`;
}

export function showNotes(run) {
  const notes = notesOf(run);
  const items = notes.length
    ? notes.map((n) => el('li', { class: `seed-note train-note note-${n.kind}`, text: n.text }))
    : [el('li', { class: 'train-note note-none', text: `Nothing unusual measured: no hidden layer has ${percent(NOTE_LIMITS.dead)} dead or ${percent(NOTE_LIMITS.saturated)} saturated units, and the gradient reaching layer 1 is not vanishing or exploding.` })];
  $('train-notes').replaceChildren(...items);
  return notes;
}

/** Legends: the loss chart's (one colour per network, test dashed) and the layer charts' (one colour per layer). */
export function showLegends(run) {
  const palette = readPalette();
  $('train-loss-legend').replaceChildren(
    el(
      'ul',
      { class: 'legend-list', 'aria-label': 'Legend' },
      ...run.runs.flatMap((r, i) => [
        el('li', {}, lineSwatch(palette.series[i], DASH.train, 2.25), ` ${r.name}: training`),
        el('li', {}, lineSwatch(palette.series[i], DASH.test, 2), ` ${r.name}: test`),
      ]),
    ),
  );
  const layers = run.history.runs[0]?.layers.length ?? 0;
  $('train-layer-legend').replaceChildren(
    el(
      'ul',
      { class: 'legend-list', 'aria-label': 'Layers' },
      ...Array.from({ length: layers }, (_, k) => el('li', {}, lineSwatch(LAYER_COLOURS[k], [], 2.25), ` layer ${k + 1}`)),
    ),
  );
  const each = run.runs.length > 1 ? ', each network on the same scale' : '';
  $('train-grad-title').textContent = `Gradient norm of each hidden layer’s weights${each}`;
  $('train-units-title').textContent = `Dead units (solid) and saturated units (dashed) per hidden layer${each}`;
}

/** The charts described: the summary under them and their accessible names. */
export function describeRun(run, accuracies) {
  const h = run.history;
  const first = (a) => a[0];
  const last = (a) => a[a.length - 1];
  const lossText = run.runs
    .map((r, i) => {
      const hr = h.runs[i];
      const acc = accuracies[i] ? ` (test accuracy ${percent(accuracies[i].test)})` : '';
      return `${r.name}: training loss from ${fmt(first(hr.train), 3)} to ${fmt(last(hr.train), 3)}, test loss from ${fmt(first(hr.test), 3)} to ${fmt(last(hr.test), 3)}${acc}`;
    })
    .join('; ');
  const race = run.runs.length > 1;
  const perNetwork = (text) => run.runs.map((r, i) => `${race ? `${r.name}: ` : ''}${text(h.runs[i].layers)}`).join('; ');
  const gradText = perNetwork((layers) => layers.map((l, k) => `layer ${k + 1}: ${fmt(last(l.gradientNorm), 3)}`).join(', '));
  const unitsText = perNetwork((layers) => layers.map((l, k) => `layer ${k + 1}: ${percent(last(l.deadFraction))} dead, ${percent(last(l.saturatedFraction))} saturated`).join(', '));
  // A log scale has no place for 0: say so rather than leave a line out unexplained.
  const zeroText = run.runs.flatMap((r, i) => {
    const layers = h.runs[i].layers;
    const zero = layers.flatMap((l, k) => (last(l.gradientNorm) === 0 ? [k + 1] : []));
    if (!zero.length) return [];
    return [`${race ? `${r.name}, ` : ''}${zero.length === layers.length ? 'every layer' : `layer ${zero.join(', ')}`}`];
  });
  const zeroNote = $('train-grad-zero');
  zeroNote.hidden = zeroText.length === 0;
  zeroNote.textContent = zeroText.length ? `Now exactly 0, so not drawn on the log scale: the gradient of ${zeroText.join('; ')}.` : '';
  const steps = `over ${run.stepsDone} steps`;
  $('train-loss').setAttribute('aria-label', `Loss chart ${steps}. ${lossText}.`);
  $('train-grad').setAttribute('aria-label', `Gradient norm per hidden layer, log scale, ${steps}; now ${gradText}.`);
  $('train-units').setAttribute('aria-label', `Dead and saturated units per hidden layer ${steps}; now ${unitsText}.`);
  $('train-summary').textContent = `After ${run.stepsDone} steps. ${lossText}. Gradient norms: ${gradText}. Units: ${unitsText}.`;
}
