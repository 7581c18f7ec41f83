#!/usr/bin/env bash
# Builds both wasm variants of the module with Emscripten, then assembles
#   dist/  the npm package's files (JS entries, glue, .wasm, docs.js: the text)
#   site/  the static page: web/ + dist/ + uPlot and KaTeX, relative URLs only
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

for variant in simd baseline; do
  simd=ON
  [ "$variant" = simd ] || simd=OFF
  if [ ! -f "build/wasm-$variant/CMakeCache.txt" ]; then
    emcmake cmake -S . -B "build/wasm-$variant" -DCMAKE_BUILD_TYPE=Release \
      -DACT_SIMD=$simd -DACT_MODULE_NAME="activations-$variant" \
      -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node);--no-experimental-fetch" >/dev/null
  fi
  cmake --build "build/wasm-$variant" --target act_module -j "$(nproc)"
done

rm -rf dist site
mkdir -p dist
cp src/js/*.js src/js/*.cjs src/js/*.d.ts dist/
for variant in simd baseline; do
  cp "build/wasm-$variant/activations-$variant.mjs" "build/wasm-$variant/activations-$variant.wasm" dist/
  # Names the build inside the .wasm, so the loader refuses bytes of the other one.
  node scripts/tag-wasm.mjs "dist/activations-$variant.wasm" "$variant"
done

# The teaching text (src/docs/*.yaml), checked and joined to the registry by the API.
node scripts/gen-docs.mjs

# Types: the hand-written API, the generated catalogue, and the same for require().
node scripts/gen-types.mjs
cp dist/index.d.ts dist/index.d.cts

mkdir -p site/pkg site/vendor/uplot site/vendor/katex
cp -R web/. site/
# The page needs the browser entry and what it imports, not the Node entry.
cp dist/browser.js dist/load.js dist/api.js dist/expression.js dist/network.js dist/docs.js dist/errors.js dist/wasm-array.js dist/wasm-tag.js dist/activations-* site/pkg/
cp node_modules/uplot/dist/uPlot.esm.js node_modules/uplot/dist/uPlot.min.css site/vendor/uplot/
cp node_modules/katex/dist/katex.mjs node_modules/katex/dist/katex.min.css site/vendor/katex/
cp -R node_modules/katex/dist/fonts site/vendor/katex/
echo "build: dist/ and site/ ready"
