// The fast tier's CELU, g = max(0, x) + min(0, α(e^(x/α) − 1)) (p.v[0] = α
// ∈ [0.01, 100]): float32 lanes, the same source natively and in wasm SIMD,
// within 2 ULP (g), 4 (g') and 8 (g'') for every finite x and every α the
// registry accepts (figures in registry.cpp).
//
// For x ≤ 0, with w = x/α:
//   g = α·(e^w − 1), g' = e^w, g'' = e^w/α,
// and for x > 0: x, 1, 0 (the derivatives take the exponential side at 0, as
// PyTorch: g'(0) = 1, g''(0) = 1/α).
//
// w = x·(1/α) is carried as hi + lo (fast_product_exp.hpp; for α = 1, chosen
// once per call, w = x exactly): a rounded w would move e^w by up to
// 2^-24·|w| relative, 5 ULP of g' at w = −87. e^w = 2^n(1 + t) (ExpOfSum),
// and
//   e^w − 1 = (s − 1) + s·t with s = 2^n: s − 1 is exact for n ≥ −24 and
//     s·t is exact, so one rounding, then ·α a second (near 0 it is t
//     itself, with t's relative accuracy: no cancellation);
//   e^w and e^w/α = (1 + t)·(1/α)·2^n with the power of two last (scale_by),
//     so the subnormal tail is rounded once, not flushed.
// Clamps: w ≥ −17.5 for g (below, e^w < 2^-25 and g rounds to −α), w ≥ −110
// for g' and g'' (e^−110/0.01 < 2^-150), both written max(bound, x) so a NaN
// x passes through to the result. Where |x| < α·2^-25, g = x(1 + x/2α + …)
// rounds to x, which it returns: there x·(1/α) may be subnormal and its
// halves inexact.
#pragma once

#include "fast_product_exp.hpp"

namespace act::fast {

template <bool kUnit> struct CeluWith {
  // kUnit: α = 1 (ELU), chosen once per call (fast_kernels_choosing).
  static bool serves(const Params& p) { return p.v[0] == 1.0f; }

  // e^w for w = x/α, x clamped to w ≥ −bound.
  template <class V> ACT_ALWAYS_INLINE inline static ExpOfSum<V, !kUnit> exp_of(V x, float alpha, float bound) {
    const V low = k<V>(-bound * alpha);
    const V xc = select(x < low, low, x);  // f32x4.pmax; keeps a NaN x
    if constexpr (kUnit) {
      return ExpOfSum<V, false>(xc, V{});
    } else {
      const Product<V> w(xc, halves_of(1.0 / static_cast<double>(alpha)));
      return ExpOfSum<V, true>(w.hi, w.lo);
    }
  }
  // g from e^w (for w ≥ −110: 2^n with n floored at −26, where s − 1
  // rounds to −1 and s·t is below its rounding either way).
  template <class V> ACT_ALWAYS_INLINE inline static V value_from(V x, float alpha, const ExpOfSum<V, !kUnit>& e) {
    const V s = pow2<V>(max_int(e.n, ki<V>(-26)));
    const V expm1 = (s - k<V>(1.0f)) + s * e.t;
    V negative = expm1;
    if constexpr (!kUnit) {
      // α(e^w − 1) for n = 0 (|w| < 0.35): α·t would round t and then the
      // product, each up to 2^-24 relative. With α(hi + lo) = x (to
      // 2^-35): α·t = x + α·r²q, whose small term (≤ 0.16|g|) carries its
      // roundings at that weight, and one last rounding.
      negative = select(e.n == ki<V>(0), x + k<V>(alpha) * e.curvature, expm1 * k<V>(alpha));
    }
    return select(x > k<V>(-0x1p-25f * alpha), x, negative);
  }
  template <class V> ACT_ALWAYS_INLINE inline static V value(V x, const Params& p) {
    const float alpha = p.v[0];
    return value_from(x, alpha, exp_of(x, alpha, 17.5f));
  }
  template <class V> ACT_ALWAYS_INLINE inline static V derivative(V x, const Params& p) {
    const auto e = exp_of(x, p.v[0], 110.0f);
    return select(x > k<V>(0.0f), k<V>(1.0f), scale_by(e.p(), e.n));
  }
  template <class V> ACT_ALWAYS_INLINE inline static V second(V x, const Params& p) {
    const float alpha = p.v[0];
    const auto e = exp_of(x, alpha, 110.0f);
    const V tail = kUnit ? e.p() : e.p() * k<V>(static_cast<float>(1.0 / static_cast<double>(alpha)));
    return select(x > k<V>(0.0f), k<V>(0.0f), scale_by(tail, e.n));
  }
  // One exponential for both (clamped for g').
  template <class V> ACT_ALWAYS_INLINE inline static void both(V x, const Params& p, V& g, V& dg) {
    const float alpha = p.v[0];
    const auto e = exp_of(x, alpha, 110.0f);
    g = value_from(x, alpha, e);
    dg = select(x > k<V>(0.0f), k<V>(1.0f), scale_by(e.p(), e.n));
  }
};
using Celu = CeluWith<false>;  // serves every α

}  // namespace act::fast
