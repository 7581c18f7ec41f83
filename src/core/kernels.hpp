// Batch loops: apply one formula of activations.hpp to an array.
//
// The vector path runs four lanes at a time; the remaining 0..3 elements (and
// every element in a build without vectors) go through the same formula with
// V = float. Both are the same IEEE operations in the same order (no FMA
// contraction: -ffp-contract=off), so an element's result does not depend on
// its position in the batch. x and y may be the same array (in place) and
// need no alignment.
#pragma once

#include <cstddef>

#include "activations.hpp"

namespace act {

enum class Order : int { value = 0, derivative = 1 };
constexpr int kOrders = 2;

using Kernel = void (*)(const float* x, float* y, size_t n, const Params& p);

template <class Fn, Order order, class V>
inline V eval(V x, const Params& p) {
  if constexpr (order == Order::value) return Fn::value(x, p);
  else return Fn::derivative(x, p);
}

template <class Fn, Order order>
void batch(const float* x, float* y, size_t n, const Params& p) {
  size_t i = 0;
#if ACT_HAVE_VECTOR
  using simd::f32x4;
  for (; i + simd::kLanes <= n; i += simd::kLanes) {
    simd::store(y + i, eval<Fn, order>(simd::load(x + i), p));
  }
#endif
  for (; i < n; ++i) y[i] = eval<Fn, order>(x[i], p);
}

}  // namespace act
