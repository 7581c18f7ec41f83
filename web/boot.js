// The browser's colour scheme for the stylesheet (style.css draws the dark theme for
// html[data-theme="dark"]) before the modules load; theme-view.js takes over from there.
(function () {
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  if (!document.documentElement.dataset.theme) document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();

// Classic (non-module) script: runs even where the ES modules cannot load, to explain why.
// Opening index.html straight from disk (file://) blocks module scripts and fetch of the .wasm.
(function () {
  if (location.protocol !== 'file:') return;
  function show() {
    var status = document.getElementById('status');
    var box = document.getElementById('load-error');
    if (!box) return;
    box.textContent =
      'This page has to be served over HTTP: browsers do not load JavaScript modules or WebAssembly ' +
      'from file:// URLs. Run "npm start" (or "node scripts/serve.mjs" after "npm run build") and open ' +
      'the address it prints.';
    box.hidden = false;
    if (status) status.hidden = true;
    var parts = document.querySelectorAll('.workbench, #explain, #depth');
    for (var i = 0; i < parts.length; i++) parts[i].hidden = true;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
