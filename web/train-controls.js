// The Train section's settings: menus and fields that dispatch setTrain
// (page-state.js), each checked as it is typed with the reason shown under
// it, and the play / pause / step / reset buttons, which drive the run
// (train-run.js) rather than the state.

import { FROM_CHART, numberProblem, layersText, parseLayers } from './train.js';
import { $, el, setError } from './util.js';

const MENUS = [
  { field: 'dataset', id: 'train-dataset' },
  { field: 'activation', id: 'train-activation' },
  { field: 'race', id: 'train-race' },
  { field: 'init', id: 'train-init' },
  { field: 'optimizer', id: 'train-optimizer' },
];
const NUMBERS = [
  { field: 'noise', id: 'train-noise', error: 'train-noise-error' },
  { field: 'learningRate', id: 'train-lr', error: 'train-lr-error' },
  { field: 'batchSize', id: 'train-batch', error: 'train-batch-error' },
  { field: 'biasInit', id: 'train-bias', error: 'train-bias-error' },
  { field: 'l2', id: 'train-l2', error: 'train-l2-error' },
];

/** The catalogue by family, after `first` options ([value, text]). */
function fillActivations(select, act, first) {
  const groups = new Map();
  for (const id of act.names) {
    const info = act.info(id);
    if (!groups.has(info.family)) groups.set(info.family, el('optgroup', { label: info.family }));
    groups.get(info.family).append(el('option', { value: id, text: info.name }));
  }
  select.replaceChildren(...first.map(([value, text]) => el('option', { value, text })), ...groups.values());
}

/**
 * act: the module (its catalogue fills the menus); catalogue: catalogue.js
 * (the chart's function by name); dispatch(action): change the state; run:
 * train-run.js.
 */
export function createTrainControls({ act, catalogue, dispatch, run }) {
  const chartOption = [FROM_CHART, 'As on the chart'];
  fillActivations($('train-activation'), act, [chartOption]);
  fillActivations($('train-race'), act, [['', 'No race'], chartOption]);

  for (const { field, id } of MENUS) $(id).addEventListener('change', (e) => dispatch({ type: 'setTrain', field, value: e.target.value }));

  for (const { field, id, error } of NUMBERS) {
    const input = $(id);
    const commit = (e) => {
      // While typing, a number input reads '' for partial text such as "1e": wait for more.
      if (e.type === 'input' && input.value.trim() === '') return;
      const problem = numberProblem(field, input.value);
      setError($(error), problem);
      if (problem) {
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      input.removeAttribute('aria-invalid');
      dispatch({ type: 'setTrain', field, value: Number(input.value) });
    };
    input.addEventListener('input', commit);
    input.addEventListener('change', commit);
  }

  const layers = $('train-layers');
  const onLayers = () => {
    const parsed = parseLayers(layers.value);
    setError($('train-layers-error'), parsed.error);
    if (parsed.error) {
      layers.setAttribute('aria-invalid', 'true');
      return;
    }
    layers.removeAttribute('aria-invalid');
    dispatch({ type: 'setTrain', field: 'layers', value: parsed.layers });
  };
  layers.addEventListener('input', onLayers);
  layers.addEventListener('change', onLayers);

  $('train-play').addEventListener('click', () => run.play());
  $('train-pause').addEventListener('click', () => run.pause());
  $('train-step').addEventListener('click', () => run.step());
  $('train-reset').addEventListener('click', () => run.reset());

  /** The fields hold what the user typed; a link replaces it. The menus follow the state. */
  function render(state, previous, action) {
    const { view } = state;
    if (!view) return;
    const t = view.train;
    if (t !== previous.view?.train) for (const { field, id } of MENUS) $(id).value = t[field];
    if (action.type === 'load') {
      for (const { field, id, error } of NUMBERS) {
        $(id).value = String(t[field]);
        $(id).removeAttribute('aria-invalid');
        setError($(error), null);
      }
      layers.value = layersText(t.layers);
      layers.removeAttribute('aria-invalid');
      setError($('train-layers-error'), null);
    }
    if (view.slots !== previous.view?.slots || view.active !== previous.view?.active) {
      const text = `As on the chart: ${catalogue.nameOf(view.slots[view.active])}`;
      for (const id of ['train-activation', 'train-race']) $(id).querySelector(`option[value="${FROM_CHART}"]`).textContent = text;
    }
  }

  /** The buttons follow the run. */
  function showRun(r) {
    const over = !r.runs.length || r.runs.every((x) => x.diverged);
    const [play, pause] = [$('train-play'), $('train-pause')];
    const focused = document.activeElement;
    play.disabled = r.playing || over;
    pause.disabled = !r.playing;
    // Play and Pause take turns: keyboard focus moves to the one that is enabled.
    if (focused === play && play.disabled && !pause.disabled) pause.focus();
    else if (focused === pause && pause.disabled && !play.disabled) play.focus();
    $('train-step').disabled = over;
    $('train-reset').disabled = !r.runs.length;
  }

  return { render, showRun };
}
