#!/usr/bin/env bash
# Fuzzes the expression engine (src/expr) with libFuzzer for [seconds] in all
# (default 30): half in raw mode (the bytes are the source), half in grammar
# mode (the bytes choose productions, tests/fuzz/expr_grammar.hpp), one after
# the other so that a 2-core machine suffices. Builds into build/fuzz/ with
# Debian's clang, ASan and UBSan; exits 1 on any crash, sanitizer report,
# timeout, leak or invariant violation (tests/fuzz/expr_invariants.hpp).
#
#   bash scripts/fuzz.sh [seconds]
#   ACT_FUZZ_SEED=123 bash scripts/fuzz.sh 60     fixed libFuzzer seed
#
# The corpora in build/fuzz/corpus/ persist between runs, so each run starts
# where the last one stopped. A failing input lands in build/fuzz/crashes/;
# replay it with  build/fuzz/expr_fuzz_<mode> <file>  (ACT_FUZZ_PRINT=1 to see
# the source a grammar-mode input becomes).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 2 ]; then
  echo "usage: scripts/fuzz.sh [seconds >= 2]" >&2
  exit 2
fi

# --- clang and its libFuzzer runtime ---------------------------------------
# Debian's clang-14 does not pull in compiler-rt: libclang_rt.fuzzer is in
# libclang-rt-14-dev (libclang-rt-dev follows the default clang).
missing=()
if ! command -v clang++ >/dev/null; then
  missing+=(clang libclang-rt-dev)
elif [ ! -f "$(clang++ -print-runtime-dir)/libclang_rt.fuzzer-$(uname -m).a" ]; then
  missing+=("libclang-rt-$(clang++ -dumpversion | cut -d. -f1)-dev")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]} with apt-get"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if [ ${#sudo[@]} -gt 0 ] && ! command -v sudo >/dev/null; then
    echo "fuzz: need root (or sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build -----------------------------------------------------------------
out=build/fuzz
mkdir -p "$out/obj" "$out/crashes" "$out/corpus/raw" "$out/corpus/grammar"
# shellcheck disable=SC2054  # the commas are inside one -fsanitize= argument
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -ffp-contract=off
  -Wall -Wextra -Isrc)
mapfile -t headers < <(find src tests/fuzz -name '*.hpp')

# True when $1 is missing or older than any of the other arguments or a header.
stale() {
  local target=$1 f
  shift
  [ -f "$target" ] || return 0
  for f in "$@" "${headers[@]}"; do [ "$f" -nt "$target" ] && return 0; done
  return 1
}

engine=(src/core/registry.cpp src/expr/*.cpp)
objects=()
pids=()
for src in "${engine[@]}"; do
  obj="$out/obj/$(echo "${src%.cpp}" | tr / _).o"
  objects+=("$obj")
  if stale "$obj" "$src"; then
    clang++ "${flags[@]}" -c "$src" -o "$obj" &
    pids+=($!)
  fi
done
for mode in raw grammar; do
  grammar=0
  [ "$mode" = grammar ] && grammar=1
  obj="$out/obj/expr_fuzz_$mode.o"
  if stale "$obj" tests/fuzz/expr_fuzz.cpp; then
    clang++ "${flags[@]}" -DACT_FUZZ_GRAMMAR=$grammar -c tests/fuzz/expr_fuzz.cpp -o "$obj" &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
for mode in raw grammar; do
  bin="$out/expr_fuzz_$mode"
  if stale "$bin" "$out/obj/expr_fuzz_$mode.o" "${objects[@]}"; then
    clang++ "${flags[@]}" "$out/obj/expr_fuzz_$mode.o" "${objects[@]}" -o "$bin"
  fi
done

# Seeds and the raw mode's dictionary come from the binary: it links the
# registry and the presets, the lists they are read from.
ACT_FUZZ_PREPARE="$out" "$out/expr_fuzz_raw" >/dev/null

# --- run -------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
common=(-max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
[ -n "${ACT_FUZZ_SEED:-}" ] && common+=("-seed=$ACT_FUZZ_SEED")
stamp="$out/.run-start"
touch "$stamp"
status=0
summary=()
for mode in raw grammar; do
  if [ "$mode" = raw ]; then
    time=$((seconds / 2))
    extra=("-dict=$out/expr.dict")
  else
    time=$((seconds - seconds / 2))
    extra=()
  fi
  log="$out/$mode.log"
  echo "== fuzz: $mode mode, $time s (log: $log)"
  rc=0
  "$out/expr_fuzz_$mode" "${common[@]}" "${extra[@]}" -max_total_time="$time" \
    -artifact_prefix="$out/crashes/$mode-" "$out/corpus/$mode" "$out/seeds-$mode" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # After a crash libFuzzer may skip its final stats: the last status line has the count.
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  summary+=("$mode ${execs:-0} execs")
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz: $mode mode failed (exit $rc); from $log:" >&2
    grep -E -A1 '^expr_fuzz:|ERROR:|runtime error|^SUMMARY|Test unit written' "$log" | head -40 >&2 || true
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    [ -z "$artifact" ] || echo "fuzz: replay with  $out/expr_fuzz_$mode $artifact" >&2
  fi
done

crashes=$(find "$out/crashes" -type f -newer "$stamp" | wc -l)
[ "$crashes" -eq 0 ] || status=1
echo "fuzz: ${summary[0]}, ${summary[1]} in $seconds s; $crashes crash(es)$([ "$crashes" -eq 0 ] || echo " in $out/crashes")"
exit $status
