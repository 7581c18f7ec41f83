// Only needed for the dev server (`vite`); `vite build` works without any config.
// Vite's dependency pre-bundling (esbuild) moves the package's glue to
// node_modules/.vite/deps/, where `new URL('activations-*.wasm', import.meta.url)` no longer
// points at the .wasm (the dev server answers with index.html: "expected magic word").
// Excluding the package from pre-bundling serves it from node_modules as it is.
export default {
  optimizeDeps: {
    exclude: ['activations-wasm'],
  },
};
