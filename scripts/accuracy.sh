#!/usr/bin/env bash
# The accuracy harness, natively (x87 long double for the oracle):
#   bash scripts/accuracy.sh                 every 4093rd float32 bit pattern, all functions (~6 s)
#   bash scripts/accuracy.sh --exhaustive sigmoid,tanh,relu,leaky_relu    all 2^32 inputs (no ids: every function, hours)
#   bash scripts/accuracy.sh --exhaustive gelu,mish --markdown
#   bash scripts/accuracy.sh --exhaustive sigmoid,tanh --tier fast --orders 0,1 --defaults
#                                            one precision tier, orders, default parameters only
# (The fast tier's sigmoid, tanh and ELU g and g' also have a quicker
# exhaustive check against double references: build/native/act_fast_exhaustive.)
# Options are those of tests/cpp/accuracy_main.cpp; exit status 1 when a
# kernel exceeds the error its registry entry documents.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/native/CMakeCache.txt ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/native --target act_accuracy -j "$(nproc)" >/dev/null
exec build/native/act_accuracy "$@"
