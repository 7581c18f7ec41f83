// The JS-facing surface of the core: flat functions over heap pointers, so
// the JS side moves data with one copy each way (or none, for arrays it keeps
// in the heap) and no embind class handles need deleting.
#include <emscripten/bind.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/registry.hpp"

namespace {

// Status of run(); the JS side validates first, so anything but kOk means a
// bug in the wrapper, and it reports it as such.
enum Status : int { kOk = 0, kBadActivation = 1, kBadOrder = 2, kBadParams = 3, kBadPointer = 4 };

const act::Activation* at_index(int index) {
  const auto& all = act::activations();
  if (index < 0 || static_cast<size_t>(index) >= all.size()) return nullptr;
  return &all[static_cast<size_t>(index)];
}

act::Params make_params(float p0, float p1, float p2, float p3) {
  act::Params p;
  p.v[0] = p0, p.v[1] = p1, p.v[2] = p2, p.v[3] = p3;
  return p;
}

int run(int index, int order, uintptr_t x, uintptr_t y, uint32_t n, float p0,
        float p1, float p2, float p3) {
  const act::Activation* a = at_index(index);
  if (!a) return kBadActivation;
  if (order < 0 || order >= act::kOrders) return kBadOrder;
  const act::Params p = make_params(p0, p1, p2, p3);
  if (!act::check_params(*a, p).empty()) return kBadParams;
  if (n > 0 && (x == 0 || y == 0 || x % alignof(float) || y % alignof(float))) {
    return kBadPointer;
  }
  a->kernels[order](reinterpret_cast<const float*>(x), reinterpret_cast<float*>(y), n, p);
  return kOk;
}

std::string check_params(int index, float p0, float p1, float p2, float p3) {
  const act::Activation* a = at_index(index);
  if (!a) return "no activation at index " + std::to_string(index);
  return act::check_params(*a, make_params(p0, p1, p2, p3));
}

// 0 when the heap cannot grow that far; the JS side turns it into an error.
uintptr_t alloc_floats(uint32_t n) {
  return reinterpret_cast<uintptr_t>(std::malloc(static_cast<size_t>(n) * sizeof(float)));
}

void free_floats(uintptr_t p) { std::free(reinterpret_cast<void*>(p)); }

}  // namespace

EMSCRIPTEN_BINDINGS(activations) {
  emscripten::function("registryJson", &act::registry_json);
  emscripten::function("checkParams", &check_params);
  emscripten::function("run", &run);
  emscripten::function("allocFloats", &alloc_floats);
  emscripten::function("freeFloats", &free_floats);
}
