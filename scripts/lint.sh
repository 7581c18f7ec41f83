#!/usr/bin/env bash
# Formatting and lint, a few seconds: clang-format (.clang-format) on the C++
# sources, ESLint (eslint.config.js) on the JS. Part of npm test.
# To fix formatting: clang-format -i $(bash scripts/lint.sh --list-cpp)
set -euo pipefail
cd "$(dirname "$0")/.."

# Generated headers (scripts/fit_erfcx.py, scripts/interior_zeros.py) keep their generator's layout.
cpp_files() {
  find src tests scripts -name '*.cpp' -o -name '*.hpp' | grep -v -e erfcx_poly.hpp -e interior_zeros.hpp | sort
}
if [ "${1:-}" = --list-cpp ]; then
  cpp_files
  exit 0
fi

echo "== clang-format --dry-run --Werror ($(cpp_files | wc -l) files)"
cpp_files | xargs clang-format --dry-run --Werror
echo "== eslint"
npx --no-install eslint --max-warnings 0 .
echo "lint: clean"
