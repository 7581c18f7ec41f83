// The JS-facing surface of the core: flat functions over heap addresses, so
// the JS side moves data with one copy each way (or none, for arrays it keeps
// in the heap) and no embind class handles need deleting.
//
// Every kernel call crosses the boundary in one shape, run(op, index, params,
// a, b, c, n); the parameters are a Params block in the heap that the JS side
// validated once, with check_params, when it made the activation (get()).
#include <emscripten/bind.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/registry.hpp"

namespace {

// What run() computes: the three orders, then the fused and backward passes.
// src/js/api.js uses the same numbers.
enum Op : int { kValue = 0, kDerivative = 1, kSecond = 2, kFused = 3, kBackward = 4 };

// The JS side passes only indices of the registry it read and ops it knows,
// so a failure here is a bug in the wrapper: stop at once (a WebAssembly
// RuntimeError in JS) rather than compute with garbage.
void expect(bool condition) {
  if (!condition) __builtin_trap();
}

const act::Activation& at_index(int index) {
  const auto& all = act::activations();
  expect(index >= 0 && static_cast<size_t>(index) < all.size());
  return all[static_cast<size_t>(index)];
}

template <class T> T* at_address(uintptr_t address) {
  expect(address != 0 && address % alignof(T) == 0);
  return reinterpret_cast<T*>(address);
}

// op = kValue, kDerivative, kSecond: a = x, b = y.
// op = kFused: a = x, b = value, c = derivative.
// op = kBackward: a = x, b = dy, c = dx.
void run(int op, int index, uintptr_t params, uintptr_t a, uintptr_t b, uintptr_t c, uint32_t n) {
  const act::Activation& activation = at_index(index);
  const act::Params& p = *at_address<const act::Params>(params);
  if (n == 0) return;
  const float* x = at_address<const float>(a);
  switch (op) {
    case kValue:
    case kDerivative:
    case kSecond: activation.kernels[op](x, at_address<float>(b), n, p); return;
    case kFused: activation.fused(x, at_address<float>(b), at_address<float>(c), n, p); return;
    case kBackward: activation.backward(x, at_address<const float>(b), at_address<float>(c), n, p); return;
    default: expect(false);
  }
}

// Empty when the parameters at `params` are valid for the activation, else a
// message for the user naming the parameter, the rule and the values.
std::string check_params(int index, uintptr_t params) {
  return act::check_params(at_index(index), *at_address<const act::Params>(params));
}

// 0 when the heap cannot grow that far; the JS side turns it into an error.
uintptr_t alloc_floats(uint32_t n) {
  return reinterpret_cast<uintptr_t>(std::malloc(static_cast<size_t>(n) * sizeof(float)));
}

void free_floats(uintptr_t p) { std::free(reinterpret_cast<void*>(p)); }

// Which build this is, asked after instantiation: when the glue fetched the
// .wasm itself the loader never saw the bytes (and their build tag), and the
// two builds export the same functions, so only the module can say.
bool simd_build() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace

EMSCRIPTEN_BINDINGS(activations) {
  emscripten::function("registryJson", &act::registry_json);
  emscripten::function("checkParams", &check_params);
  emscripten::function("run", &run);
  emscripten::function("allocFloats", &alloc_floats);
  emscripten::function("freeFloats", &free_floats);
  emscripten::function("simdBuild", &simd_build);
  emscripten::constant("maxParams", act::kMaxParams);
}
