// The fast tier's SiLU / swish, g = x·σ(βx) (p.v[0] = β ∈ [0.01, 100]):
// float32 lanes, the same source natively and in wasm SIMD, within 2 ULP
// (g), 4 (g') and 8 (g'') of the true value for every finite x and every β
// the registry accepts (figures in registry.cpp).
//
// With w = βx and z = |w| = hi + lo (fast_product_exp.hpp: for β = 1 hi = |x|
// and lo = 0, a branch per call skips the product), e^z = 2^m·(1 + t), and,
// as in fast::LogisticTail, u = 2^−m, D = (1 + u) + t (1 + (t + u) for
// m ≥ 24, where 1 + u is inexact), so that
//   σ(−z) = u/D,   σ(z) = (1 + t)/D,   σ'(z) = u(1 + t)/D²,
//   tanh(z/2) = 1 − 2σ(−z) = ((1 − u) + t)/D,
// each a few roundings; the power of two u is applied last (scale_by), so
// the left tail (x·e^(βx), reaching the subnormals) is rounded once, not
// flushed. x is clamped to ±116/β first: beyond, every order has its limit
// (σ(−116)·11600 < 2^-150 at β = 0.01) and w stays finite.
//
//   g: x·σ(−z) = (x/D)·u for x ≤ 0 (one division: g rounds like σ alone);
//      x − x·σ(−z) for x > 0 (x·σ(−z) ≤ x/2 carries at most half its error).
//   g' = h1(w), h1 = σ(w) + wσ'(w). For w < 0:
//      h1(−z) = u·((1 − z)(1 + t) + u)/D²,
//      and h1(w) = 1 − h1(−w) for w > 0 (h1(−w) ≤ 0.5: no cancellation).
//   g'' = β·h2(w), h2 even: h2(±z) = σ'(z)(2 − z·tanh(z/2))
//      = u(1 + t)(2D − z((1 − u) + t))/D³.
// Near the zeros of h1 (w0 = −1.2785) and h2 (±2.3994) those numerators
// cancel; a vector with a lane in the band around a zero (|w − w0| < the
// kBand widths, measured: outside them the cancellation costs less than the
// bound allows) is evaluated by the faithful formula in float64 lanes
// (activations.hpp: βx exact in double, Taylor expansion at the zero). On
// random data that is a few vectors in a thousand.
#pragma once

#include "activations.hpp"
#include "fast_product_exp.hpp"
#include "kernels.hpp"

namespace act::fast {

template <bool kUnit> struct SiluWith {
  // kUnit: β = 1, chosen once per call (fast_kernels_choosing), where βx = x
  // needs no product.
  static bool serves(const Params& p) { return p.v[0] == 1.0f; }
  static constexpr float kZMax = 116.0f;
  static constexpr float kZeroD1 = 1.27846454f;  // −w0 of h1
  static constexpr float kZeroD2 = 2.39935728f;  // ±w0 of h2
  static constexpr float kBandD1 = 0.078125f;    // |w − w0| below which g' takes the float64 path
  static constexpr float kBandD2 = 0.125f;       // the same for g''

  // σ pieces of z = |βx| for x clamped to ±116/β.
  template <class V> struct Parts {
    V xc;          // x clamped
    Product<V> z;  // |βxc| = hi + lo
    IntOf<V> m;    // e^z = 2^m(1 + t), m ≥ 0
    V u, t, d;     // u = 2^−m (2^-126 at least), D rounded
    V d_lo;        // D − d, exact
    V p() const { return k<V>(1.0f) + t; }
  };
  template <class V> ACT_ALWAYS_INLINE inline static Parts<V> parts(V x, const Params& params) {
    const float beta = params.v[0];
    const float x_max = kUnit ? kZMax : kZMax / beta;
    Parts<V> s;
    // min/max keep a NaN x (the second operand), and so does all that follows.
    const V low = k<V>(-x_max);
    s.xc = min(k<V>(x_max), select(x < low, low, x));  // f32x4.pmin, f32x4.pmax
    s.z = kUnit ? Product<V>(fast::fabs(s.xc), V{}) : magnitude(Product<V>(s.xc, Halves(beta)));
    const ExpOfSum<V, !kUnit> e(s.z.hi, s.z.lo);
    s.m = e.n;
    s.t = e.t;
    s.u = from_bits<V>((ki<V>(127) - min_int(e.n, ki<V>(126))) << 23);
    const V one = k<V>(1.0f);
    // D = big + small, |big| ≥ 1 > |small|, so d_lo = small − (d − big) is
    // exact (Fast2Sum); for m ≥ 24, where 1 + u is inexact, u goes with t.
    const auto exact_big = e.n < ki<V>(24);
    const V big = select(exact_big, one + s.u, one);
    const V small = select(exact_big, s.t, s.t + s.u);
    s.d = big + small;
    s.d_lo = small - (s.d - big);
    return s;
  }
  // The faithful formula in float64 lanes, for the vectors with a lane near
  // a zero of h1 or h2: out of line, so the common path stays small enough
  // to be inlined into the batch loop.
  template <Order order, class V> [[gnu::noinline, gnu::cold]] static V faithful(V x, const Params& p) {
    return in_double<V>(
        [&](auto xd) { return order == Order::derivative ? fn::Silu::derivative(xd, p) : fn::Silu::second(xd, p); }, x);
  }
  // z = hi + lo rounded once (hi alone is within 2^-11 only).
  template <class V> ACT_ALWAYS_INLINE inline static V whole(const Product<V>& z) { return kUnit ? z.hi : z.hi + z.lo; }

  template <class V> ACT_ALWAYS_INLINE inline static V value_of(V x, const Parts<V>& s) {
    const V xa = scale_by(s.xc / s.d, -s.m);  // x·σ(−z)
    return select(x > k<V>(0.0f), x - xa, xa);
  }
  template <class V> ACT_ALWAYS_INLINE inline static V derivative_of(V x, const Parts<V>& s, const Params& params) {
    // (1 − z)(1 + t) + u = ((1 − hi) + u − lo) + (1 − z)·t, summed so that
    // near the zero (m = 2, z ≈ 1.28) the cancelling terms are exact:
    // (1 − hi) + u is (Sterbenz, then a multiple of 2^-23 below 1), lo is
    // taken off the small difference, and only (1 − z)·t ≈ −((1 − hi) + u)
    // carries t's error, at weight |1 − z| ≈ 0.28.
    const V one_minus_hi = k<V>(1.0f) - s.z.hi;
    const V one_minus_z = kUnit ? one_minus_hi : one_minus_hi - s.z.lo;
    const V exact_part = kUnit ? one_minus_hi + s.u : (one_minus_hi + s.u) - s.z.lo;
    const V small_part = one_minus_z * s.t;
    // 1/D² = (1 − 2 d_lo/d)/d² (to 2^-48): the correction joins the small
    // term, ahead of the numerator's one last rounding, so D costs one
    // rounding (d·d) rather than two or three.
    const V reciprocal = k<V>(1.0f) / s.d;
    const V correction = (exact_part + small_part) * ((s.d_lo + s.d_lo) * reciprocal);
    const V numerator = exact_part + (small_part - correction);
    const V h = scale_by(numerator / (s.d * s.d), -s.m);  // h1(−z)
    // For m = 0 (z < 0.35) h1(∓z) = 1/2 ∓ c, c = τ/2 + (z/4)(1 − τ²),
    // τ = tanh(z/2) = t/D: c ≤ 0.18 carries its few roundings at that
    // weight, where the quotient above, near 1/2, would carry all of them.
    const V tau = s.t * reciprocal;
    const V c = k<V>(0.5f) * tau + (k<V>(0.25f) * whole(s.z)) * (k<V>(1.0f) - tau * tau);
    const V near_zero = k<V>(0.5f) + select(x < k<V>(0.0f), -c, c);
    // + 0: h1(−116) rounds to −0; the limit at −∞ is +0.
    const V result = select(s.m == ki<V>(0), near_zero, select(x < k<V>(0.0f), h, k<V>(1.0f) - h)) + k<V>(0.0f);
    const auto band = lanes_and(x < k<V>(0.0f), fast::fabs(s.z.hi - k<V>(kZeroD1)) < k<V>(kBandD1));
    if (!any_lane(band)) return result;
    return select(band, faithful<Order::derivative>(x, params), result);
  }
  template <class V> ACT_ALWAYS_INLINE inline static V second_of(V x, const Parts<V>& s, const Params& params) {
    const V one = k<V>(1.0f);
    const V tanh_numerator = (one - s.u) + s.t;  // tanh(z/2)·D
    // 2D − z((1 − u) + t) = (2 − z)(1 + t) + u(2 + z), summed as
    // ((2 − hi) + 2u) + hi·u + (2 − hi)·t − lo·((1 − u) + t): near the zeros
    // (m = 3 or 4, z ≈ 2.4) the first sum is exact (Sterbenz, then a multiple
    // of 2^-22 below 2), hi·u is exact, and t's error enters at weight
    // |2 − z| ≈ 0.4 only.
    const V two_minus_hi = k<V>(2.0f) - s.z.hi;
    const V exact_part = (two_minus_hi + (s.u + s.u)) + s.z.hi * s.u;
    V small_part = two_minus_hi * s.t;
    if (!kUnit) small_part = small_part - s.z.lo * tanh_numerator;
    // 1/D³ = (1 − 3 d_lo/d)/d³, the correction joining the small term as in
    // derivative_of.
    const V reciprocal = one / s.d;
    const V correction = (exact_part + small_part) * ((k<V>(3.0f) * s.d_lo) * reciprocal);
    const V numerator = exact_part + (small_part - correction);
    const V general = (s.p() * numerator) / ((s.d * s.d) * s.d);
    // For m = 0 (z < 0.35), as in derivative_of: h2 = 1/2 − c,
    // c = τ²/2 + (zτ/4)(1 − τ²), τ = t/D.
    const V tau = s.t * reciprocal;
    const V c = k<V>(0.5f) * (tau * tau) + (k<V>(0.25f) * whole(s.z) * tau) * (one - tau * tau);
    V v = select(s.m == ki<V>(0), k<V>(0.5f) - c, general);
    if (!kUnit) v = v * k<V>(params.v[0]);
    const V result = scale_by(v, -s.m) + k<V>(0.0f);  // + 0: the limits at ±∞ are +0
    const auto band = fast::fabs(s.z.hi - k<V>(kZeroD2)) < k<V>(kBandD2);
    if (!any_lane(band)) return result;
    return select(band, faithful<Order::second>(x, params), result);
  }

  template <class V> ACT_ALWAYS_INLINE inline static V value(V x, const Params& p) { return value_of(x, parts(x, p)); }
  template <class V> ACT_ALWAYS_INLINE inline static V derivative(V x, const Params& p) {
    return derivative_of(x, parts(x, p), p);
  }
  template <class V> ACT_ALWAYS_INLINE inline static V second(V x, const Params& p) {
    return second_of(x, parts(x, p), p);
  }
  template <class V> ACT_ALWAYS_INLINE inline static void both(V x, const Params& p, V& g, V& dg) {
    const Parts<V> s = parts(x, p);
    g = value_of(x, s), dg = derivative_of(x, s, p);
  }
};
using Silu = SiluWith<false>;  // serves every β

}  // namespace act::fast
