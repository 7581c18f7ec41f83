#!/usr/bin/env bash
# Runs every test (after scripts/build.sh): formatting and lint, the Catch2
# suite natively and in both wasm builds under Node, the accuracy harness
# natively (ctest), a short fuzz run of the expression engine, then the Node
# tests of the JS API, the text records, the build, the npm package and the
# page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/lint.sh

if [ ! -f build/native/CMakeCache.txt ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# Natively: the Catch2 suite and the accuracy harness's default sweep (ctest
# runs both); in each wasm build: the Catch2 suite under Node.
for dir in native wasm-simd wasm-baseline; do
  echo "== Catch2 tests, $dir build"
  target=act_tests
  [ "$dir" = native ] && target=all
  cmake --build "build/$dir" --target "$target" -j "$(nproc)" >/dev/null
  ctest --test-dir "build/$dir" --output-on-failure
done

# The expression engine under ASan + UBSan: a short libFuzzer run (the long
# one, 10 minutes, is in the README).
echo "== fuzz (20 s)"
bash scripts/fuzz.sh 20

echo "== Node tests (API on both builds, build contents, package, page, runtimes)"
node --test tests/node/*.test.mjs tests/browser/*.test.mjs tests/runtimes/*.test.mjs
