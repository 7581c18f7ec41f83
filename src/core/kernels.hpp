// Batch loops: apply the formulas of activations.hpp to arrays.
//
// Lane = float runs four float32 lanes at a time; Lane = double widens two
// inputs at a time to float64, evaluates, and rounds each result once. The
// remaining elements (and every element in a build without vectors) go
// through the same formula with a scalar V. Both paths are the same IEEE
// operations in the same order (no FMA contraction: -ffp-contract=off), so an
// element's result does not depend on its position in the batch. Inputs and
// outputs may be the same array (in place) and need no alignment.
#pragma once

#include <cstddef>
#include <cstring>

#include "activations.hpp"

namespace act {

enum class Order : int { value = 0, derivative = 1, second = 2 };
constexpr int kOrders = 3;

// y = g^(order)(x).
using Kernel = void (*)(const float* x, float* y, size_t n, const Params& p);
// value = g(x) and derivative = g'(x) in one pass.
using FusedKernel = void (*)(const float* x, float* value, float* derivative, size_t n, const Params& p);
// dx = dy · g'(x), the product rounded once in double lanes.
using BackwardKernel = void (*)(const float* x, const float* dy, float* dx, size_t n, const Params& p);
// g(u), g'(u) and g''(u) of float64 u into g[0..orders], float64 lanes
// throughout: a user's expression (src/expr) calling the activation. n must
// be even in a build with vectors.
using JetKernel = void (*)(const double* u, double* const g[3], int orders, size_t n, const Params& p);

namespace detail {

template <class Fn, Order order, class V> ACT_ALWAYS_INLINE inline V eval(V x, const Params& p) {
  if constexpr (order == Order::value)
    return Fn::value(x, p);
  else if constexpr (order == Order::derivative)
    return Fn::derivative(x, p);
  else
    return Fn::second(x, p);
}

// Calls body(i, k) for runs of k elements starting at i: k = the vector width
// while whole vectors fit, then k = 1 for the tail.
template <class Lane, class Body> inline void for_each_run(size_t n, Body body) {
  size_t i = 0;
#if ACT_HAVE_VECTOR
  constexpr size_t width = sizeof(Lane) == 4 ? 4 : 2;
  for (; i + width <= n; i += width) body(i, std::integral_constant<size_t, width>{});
#endif
    // The tail is shorter than one vector: auto-vectorising it only adds code.
#ifdef __clang__
#pragma clang loop vectorize(disable) unroll(disable)
#endif
  for (; i < n; ++i) body(i, std::integral_constant<size_t, 1>{});
}

// Loads k floats at x into the working type for Lane, and stores back.
template <class Lane, size_t k> struct Io;
template <class Lane> struct Io<Lane, 1> {
  static Lane load(const float* x) { return static_cast<Lane>(*x); }
  static void store(float* y, Lane v) { *y = static_cast<float>(v); }
};
#if ACT_HAVE_VECTOR
template <> struct Io<float, 4> {
  static simd::f32x4 load(const float* x) { return simd::load(x); }
  static void store(float* y, simd::f32x4 v) { simd::store(y, v); }
};
template <> struct Io<double, 2> {
  static simd::f64x2 load(const float* x) { return simd::load_widen(x); }
  static void store(float* y, simd::f64x2 v) { simd::store_narrow(y, v); }
};
#endif

}  // namespace detail

// A formula struct may name a light form, Fn::Light: the same formulas
// without what only some inputs need (clamps, the scaling of subnormal
// results), giving Fn's bits wherever Fn::light(x, p) holds. The batch loops
// test blocks of inputs and run Light over a block whose every input
// qualifies. The test is per block, outside the vector loops: a branch inside
// a loop's body left V8 rebuilding the constants of the formula at every
// vector (5–10× slower). An element's result still depends on it alone.
template <class Fn>
concept HasLight = requires {
  typename Fn::Light;
};
// Whether a pass of the given order takes the light form: Fn may say that g
// alone gains nothing from it (Fn::kLightForValue = false), and g's loop then
// skips the test.
template <class Fn, Order order> constexpr bool uses_light() {
  if constexpr (!HasLight<Fn>)
    return false;
  else if constexpr (order == Order::value && requires { Fn::kLightForValue; })
    return Fn::kLightForValue;
  else
    return true;
}

namespace detail {

// Fn::light(x, p) for every x[0..n).
template <class Fn> inline bool all_light(const float* x, size_t n, const Params& p) {
  size_t i = 0;
  bool all = true;
#if ACT_HAVE_VECTOR
  if (n >= 4) {
    auto mask = Fn::light(simd::load(x), p);
    for (i = 4; i + 4 <= n; i += 4) mask = mask & Fn::light(simd::load(x + i), p);
    all = simd::all_lanes(mask);
  }
#endif
  for (; i < n && all; ++i) all = Fn::light(x[i], p);
  return all;
}

// Calls run.template operator()<F>(begin, count) over [0, n) in blocks,
// F = Fn::Light for a block whose every input is in its range, else Fn.
template <class Fn, bool kLight = HasLight<Fn>, class Run>
inline void by_blocks(const float* x, size_t n, const Params& p, Run run) {
  if constexpr (kLight) {
    constexpr size_t kBlock = 256;
    for (size_t begin = 0; begin < n; begin += kBlock) {
      const size_t count = n - begin < kBlock ? n - begin : kBlock;
      if (all_light<Fn>(x + begin, count, p))
        run.template operator()<typename Fn::Light>(begin, count);
      else
        run.template operator()<Fn>(begin, count);
    }
  } else {
    run.template operator()<Fn>(size_t{0}, n);
  }
}

}  // namespace detail

// The loop bodies capture the pointers and parameters by value: captured by
// reference they live in memory, and since a store through memcpy may alias
// anything, clang reloads them at every iteration.
template <class Fn, Order order, class Lane> void batch(const float* x, float* y, size_t n, const Params& params) {
  detail::by_blocks<Fn, uses_light<Fn, order>()>(x, n, params, [&]<class F>(size_t begin, size_t count) {
    detail::for_each_run<Lane>(count, [x = x + begin, y = y + begin, p = params](size_t i, auto k) ACT_ALWAYS_INLINE {
      using Io = detail::Io<Lane, decltype(k)::value>;
      Io::store(y + i, detail::eval<F, order>(Io::load(x + i), p));
    });
  });
}

// A formula struct may compute g and g' together (Fn::both), for what the
// compiler cannot find shared by itself: where g and g' are written from
// different reductions, or where sharing changes the formula's roundings.
// Either way its results are value's and derivative's, bit for bit.
template <class Fn>
concept HasBoth = requires {
  &Fn::template both<float>;
};

// One pass for both: Fn::both where given; otherwise the two formulas inlined
// side by side, and the compiler shares what they have in common (the
// exponential, above all).
template <class Fn, class Lane>
void fused(const float* x, float* value, float* derivative, size_t n, const Params& params) {
  detail::by_blocks<Fn>(x, n, params, [&]<class F>(size_t begin, size_t count) {
    detail::for_each_run<Lane>(count, [x = x + begin, value = value + begin, derivative = derivative + begin,
                                       p = params](size_t i, auto k) ACT_ALWAYS_INLINE {
      using Io = detail::Io<Lane, decltype(k)::value>;
      using V = decltype(Io::load(x));
      const V v = Io::load(x + i);
      V g, dg;
      if constexpr (HasBoth<F>) {
        F::both(v, p, g, dg);
      } else {
        g = F::value(v, p);
        dg = F::derivative(v, p);
      }
      Io::store(value + i, g);
      Io::store(derivative + i, dg);
    });
  });
}

template <class Fn, class Lane>
void backward(const float* x, const float* dy, float* dx, size_t n, const Params& params) {
  detail::by_blocks<Fn>(x, n, params, [&]<class F>(size_t begin, size_t count) {
    detail::for_each_run<Lane>(
        count, [x = x + begin, dy = dy + begin, dx = dx + begin, p = params](size_t i, auto k) ACT_ALWAYS_INLINE {
          using Io = detail::Io<Lane, decltype(k)::value>;
          const auto v = Io::load(x + i);
          const auto grad = Io::load(dy + i);
          Io::store(dx + i, grad * F::derivative(v, p));
        });
  });
}

// n is even in a build with vectors (the expression tape pads its blocks), so
// only the vector loop is compiled there: the jet kernels of twenty
// activations are a good part of the module's size.
template <class Fn> void jet(const double* u, double* const g[3], int orders, size_t n, const Params& p) {
#if ACT_HAVE_VECTOR
  for (size_t i = 0; i + 2 <= n; i += 2) {
    simd::f64x2 v;
    std::memcpy(&v, u + i, sizeof v);
    const simd::f64x2 out[3] = {Fn::value(v, p), orders >= 1 ? Fn::derivative(v, p) : v,
                                orders >= 2 ? Fn::second(v, p) : v};
    for (int k = 0; k <= orders; ++k) std::memcpy(g[k] + i, &out[k], sizeof v);
  }
#else
  for (size_t i = 0; i < n; ++i) {
    g[0][i] = Fn::value(u[i], p);
    if (orders >= 1) g[1][i] = Fn::derivative(u[i], p);
    if (orders >= 2) g[2][i] = Fn::second(u[i], p);
  }
#endif
}

}  // namespace act
