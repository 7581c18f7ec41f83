// The JS-facing surface of the core: flat functions over heap pointers, so
// the JS side moves data with one copy each way (or none, for arrays it keeps
// in the heap) and no embind class handles need deleting.
#include <emscripten/bind.h>

#include <cstdint>
#include <cstdlib>
#include <initializer_list>
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

// Checks shared by every entry point; kOk when the call may proceed.
int check_call(const act::Activation* a, const act::Params& p, uint32_t n,
               std::initializer_list<uintptr_t> pointers) {
  if (!a) return kBadActivation;
  if (!act::check_params(*a, p).empty()) return kBadParams;
  for (uintptr_t ptr : pointers) {
    if (n > 0 && (ptr == 0 || ptr % alignof(float))) return kBadPointer;
  }
  return kOk;
}

template <class T> T* at_address(uintptr_t address) { return reinterpret_cast<T*>(address); }

int run(int index, int order, uintptr_t x, uintptr_t y, uint32_t n, float p0, float p1,
        float p2, float p3) {
  const act::Activation* a = at_index(index);
  const act::Params p = make_params(p0, p1, p2, p3);
  if (order < 0 || order >= act::kOrders) return kBadOrder;
  if (const int status = check_call(a, p, n, {x, y})) return status;
  a->kernels[order](at_address<const float>(x), at_address<float>(y), n, p);
  return kOk;
}

int run_fused(int index, uintptr_t x, uintptr_t value, uintptr_t derivative, uint32_t n,
              float p0, float p1, float p2, float p3) {
  const act::Activation* a = at_index(index);
  const act::Params p = make_params(p0, p1, p2, p3);
  if (const int status = check_call(a, p, n, {x, value, derivative})) return status;
  a->fused(at_address<const float>(x), at_address<float>(value), at_address<float>(derivative), n, p);
  return kOk;
}

int run_backward(int index, uintptr_t x, uintptr_t dy, uintptr_t dx, uint32_t n, float p0,
                 float p1, float p2, float p3) {
  const act::Activation* a = at_index(index);
  const act::Params p = make_params(p0, p1, p2, p3);
  if (const int status = check_call(a, p, n, {x, dy, dx})) return status;
  a->backward(at_address<const float>(x), at_address<const float>(dy), at_address<float>(dx), n, p);
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
  emscripten::function("runFused", &run_fused);
  emscripten::function("runBackward", &run_backward);
  emscripten::function("allocFloats", &alloc_floats);
  emscripten::function("freeFloats", &free_floats);
}
