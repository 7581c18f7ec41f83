// Needed when the package is used inside a worker that Vite bundles: Vite's default worker
// format, 'iife', cannot hold the lazily imported glue chunks (one per build), and
// `vite build` fails with "Invalid value "iife" for option "worker.format" - UMD and IIFE
// output formats are not supported for code-splitting builds". Module workers
// (`new Worker(url, { type: 'module' })`) take 'es'.
export default {
  worker: {
    format: 'es',
  },
};
