#!/usr/bin/env bash
# Installs what is missing on a fresh machine: Debian's Emscripten, Catch2,
# wabt, Chromium and clang-format, and the npm dependencies. Does nothing when
# all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v em++ >/dev/null || missing+=(emscripten)
[ -f /usr/include/catch2/catch.hpp ] || missing+=(catch2)
command -v wasm-objdump >/dev/null || missing+=(wabt)
command -v chromium >/dev/null || missing+=(chromium)
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v clang-format >/dev/null || missing+=(clang-format)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if [ ${#sudo[@]} -gt 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: need root (or sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
