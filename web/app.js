// activations-wasm page: the composition root. Loads the module and the
// libraries, creates the store (store.js, page-state.js) and the views, and
// connects them: controls dispatch actions; views render from the state the
// store hands them.
//
// Test hook: window.activationsPage (hook.js).

import { createCatalogue } from './catalogue.js';
import { createCustomEditor } from './custom-editor.js';
import { createMainChart } from './chart.js';
import { createChartOptions } from './chart-options.js';
import { fillFunctionSelect } from './controls.js';
import { createDepthCharts } from './depth-chart.js';
import { createDepthControls } from './depth-controls.js';
import { createDepthView } from './depth-view.js';
import { createEditorView } from './editor-view.js';
import { PageError, showFatal } from './fatal.js';
import { createHashSync } from './hash-sync.js';
import { installHook } from './hook.js';
import { loadModules } from './load-modules.js';
import { createMainView } from './main-view.js';
import { createNavigation } from './navigate.js';
import { placeForPhone } from './phone-layout.js';
import { enableOffline } from './offline.js';
import { initialState, reduce } from './page-state.js';
import { watchResize } from './resize.js';
import { createShare } from './share.js';
import { createSlotList } from './slot-list.js';
import { clearStatus, reportLinkProblems, showEngine, showOfflineCount } from './status.js';
import { createStore } from './store.js';
import { createTableToggles } from './table-toggles.js';
import { setKatex } from './tex.js';
import { currentTheme, watchTheme } from './theme.js';
import { createThemeView } from './theme-view.js';
import { createTrainCharts } from './train-chart.js';
import { createTrainControls } from './train-controls.js';
import { createTrainView } from './train-view.js';
import { $ } from './util.js';

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // failures are shown in the page; awaiting code still sees the rejection

const hook = installHook({ ready });

async function main() {
  const { katex, uPlot, act } = await loadModules();
  setKatex(katex);
  if (!Array.isArray(act.names) || act.names.length === 0) {
    throw new PageError('The WebAssembly module reports no activation functions.');
  }
  const catalogue = createCatalogue(act);
  const store = createStore(reduce, initialState(currentTheme()));
  const { getState, dispatch } = store;
  fillFunctionSelect($('fn'), act);
  placeForPhone({ moved: [$('custom-editor'), $('params'), $('compute-error')], home: $('controls'), phoneSlot: $('phone-params') });

  // The chart hands its pointer events to navigation, which needs the main view, which needs the
  // chart: the handlers look navigation up when they are called.
  let nav = null;
  const chart = createMainChart($('chart'), {
    uPlot,
    onCursorIndex: (idx) => nav.setCursorIndex(idx),
    onSelectRange: (a, b) => nav.selectRange(a, b),
    onWheelZoom: (factor, centre) => nav.zoom(factor, centre),
  });
  const depthCharts = createDepthCharts($('depth-mag'), $('depth-dead'), { uPlot });
  const slotList = createSlotList({ catalogue, getState, dispatch });
  const mainView = createMainView({ chart, slotList, catalogue, dispatch });
  nav = createNavigation({ getState, dispatch, drawn: mainView.plot });
  const editor = createEditorView({
    catalogue,
    dispatch,
    onTry(z) {
      nav.setCursor(z);
      $('pitfall').scrollIntoView?.({ block: 'nearest' });
    },
  });
  const depthView = createDepthView({ charts: depthCharts, catalogue });
  const trainCharts = createTrainCharts($('train-loss'), $('train-grad'), $('train-units'), { uPlot });
  // The buttons follow the run, which the view owns; the controls drive the run.
  let trainControls = null;
  const trainView = createTrainView({ act, catalogue, charts: trainCharts, onRun: (run) => trainControls?.showRun(run) });
  trainControls = createTrainControls({ act, catalogue, dispatch, run: trainView.run });
  const hashSync = createHashSync({ act, dispatch, onProblems: reportLinkProblems, chartBehind: mainView.behind });
  // Rendered in this order; hashSync asks mainView whether it could draw the change, so it comes after it.
  const views = [
    // First: the charts read their colours from the stylesheet, which follows data-theme.
    createThemeView({ dispatch }),
    editor,
    createCustomEditor({ catalogue, getState, dispatch }),
    mainView,
    depthView,
    nav,
    createChartOptions({ dispatch }),
    createDepthControls({ dispatch }),
    trainControls,
    trainView,
    createTableToggles({ getState, dispatch }),
    hashSync,
  ];
  for (const view of views) store.subscribe(view.render);

  createShare({ chart, plot: mainView.plot, eps: () => getState().view.eps, flushHash: hashSync.flush });
  watchResize([chart, depthCharts, trainView], [$('chart'), $('depth-mag'), $('train-loss')]);
  watchTheme((theme) => dispatch({ type: 'setTheme', theme }));
  for (const form of ['controls', 'view-controls', 'depth-controls', 'train-controls']) $(form).addEventListener('submit', (e) => e.preventDefault());
  // The skip link would put "#chart" into the URL, which holds the view state: move focus instead.
  document.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    $('chart').focus();
  });

  hook.connect({
    chart,
    depthCharts,
    getState,
    plot: mainView.plot,
    pitfall: mainView.pitfall,
    depth: depthView.result,
    timings: depthView.timings,
    train: trainView.snapshot,
    trainTimings: trainView.timings,
    flushHash: hashSync.flush,
  });

  const firstDraw = hook.nextDraw();
  const problems = hashSync.load();
  if (!mainView.plot()) throw new PageError('The first chart could not be drawn.', $('compute-error').textContent);
  await firstDraw;

  showEngine(act.simd, act.precision);
  if (!problems.length) clearStatus();
  resolveReady();
  const offline = enableOffline(trainView.run.workerUrls).then((count) => {
    showOfflineCount(count);
    return count;
  });
  hook.setOffline(offline);
}

main().catch((err) => {
  showFatal(err);
  rejectReady(err);
});
