// The fast tier's formulas: float32 lanes throughout (no float64), for
// V = float or f32x4 of simd.hpp, the same source natively and in wasm SIMD.
//
// Each struct has value, derivative and second as in activations.hpp; the
// registry (registry.cpp) pairs them with the faithful ones as the fast tier,
// with the error bounds the accuracy harness asserts (issue 14: within 2 ULP
// for g, 4 for g', 8 for g'' over all finite float32 inputs, subnormal
// results included, no NaN for finite input).
//
// The exponential: e^w = 2^n·(1 + t), n = round(w·log2 e), r = w − n·ln2 in
// two steps (Cody–Waite: n·ln2_hi exact, w − n·ln2_hi exact by Sterbenz),
// t = r + r²q(r) with q of degree 4 (scripts/fit_fast.py: 2^-26.6 relative).
// Every result is written as (a few float32 operations on 1 + t and
// neighbours of 1)·2^n, and the power of two is applied last, in two
// exact-or-once-rounded steps (scale_by), so a result that is subnormal is
// rounded once, like any other, rather than flushed.
//
// No FMA (plain SIMD128, -ffp-contract=off): each bound tolerates separate
// rounding of every product and sum; the comments give the roundings.
#pragma once

#include <array>

#include "params.hpp"
#include "simd.hpp"

namespace act::fast {

using namespace act::simd;

// Constants in registers across a batch loop (see simd::constant): float
// lanes, and integer lanes of the same shape. Every constant the loop body
// uses goes through these, or V8 rebuilds it at each use (a v128.const
// inside the loop is several machine instructions).
template <class V> inline V k(float c) { return constant<V>(c); }
template <class V> inline IntOf<V> ki(int32_t c) {
  IntOf<V> v = IntOf<V>{} + c;
#ifdef __wasm_simd128__
  if constexpr (Shape<V>::kLanes > 1) __asm__("" : "+r"(v));
#endif
  return v;
}
// |x| and the sign transfer, with their masks as loop constants.
template <class V> inline V fabs(V x) { return from_bits<V>(to_bits(x) & ki<V>(0x7fffffff)); }
template <class V> inline V with_sign_of(V magnitude, V sign) {
  return from_bits<V>(to_bits(magnitude) | (to_bits(sign) & ki<V>(INT32_MIN)));
}

// Lane-wise m ? a : b and max for integer lanes (m from a comparison).
inline int32_t select_int(bool m, int32_t a, int32_t b) { return m ? a : b; }
#if ACT_HAVE_VECTOR
inline i32x4 select_int(i32x4 m, i32x4 a, i32x4 b) { return (m & a) | (~m & b); }
#endif
template <class I> inline I max_int(I a, I b) { return select_int(a > b, a, b); }
template <class I> inline I min_int(I a, I b) { return select_int(a < b, a, b); }

// 2^n for integer lanes n in [−126, 127], from the exponent bits.
template <class V> inline V pow2(IntOf<V> n) { return from_bits<V>((n + ki<V>(127)) << 23); }

// m·2^n for n in [−190, 63] and m a normal float32 in [2^-2, 2^3]:
// m·2^(n+64) is exact (a normal result), and ·2^-64 is exact too unless the
// result is subnormal, where it is that result's one rounding.
template <class V> inline V scale_by(V m, IntOf<V> n) {
  return (m * from_bits<V>((n + ki<V>(127 + 64)) << 23)) * k<V>(0x1p-64f);
}

// e^w = 2^n·(1 + t), for |w| ≤ 111 (callers clamp).
template <class V> struct Exp {
  V t;          // e^r − 1, |t| ≤ 0.42
  IntOf<V> n;   // the exponent, |n| ≤ 161 (174 with a w_lo)
  V curvature;  // r²q(r) = e^r − 1 − r, rounded
  ACT_ALWAYS_INLINE explicit Exp(V w) {
    const V nf = reduce(w);
    const V r = (w - nf * k<V>(kLn2Hi)) - nf * k<V>(kLn2Lo);
    curvature = curvature_of(r);
    t = r + curvature;
  }
  // e^(w + w_lo) for an argument carried as hi + lo (|w_lo| ≤ 2^-10·|w|),
  // w_lo joined to the reduction's small term:
  //   r = r_hi + r_lo = (w − n·ln2_hi) + (w_lo − n·ln2_lo),
  // whose first difference is exact, so r is within an ULP of w + w_lo − n·ln2
  // and |r| ≤ ln2/2 + 2^-10; t = r_hi + (r_lo + r²q) rounds once, where
  // r + r²q would carry r's rounding too (w_lo, up to 2^-11 of w, makes that
  // rounding count near w = 0, where t ≈ w).
  ACT_ALWAYS_INLINE Exp(V w, V w_lo) {
    const V nf = reduce(w);
    const V r_hi = w - nf * k<V>(kLn2Hi);
    const V r_lo = w_lo - nf * k<V>(kLn2Lo);
    curvature = curvature_of(r_hi + r_lo);
    t = r_hi + (r_lo + curvature);
  }
  // ln2 = 0x1.62e4p-1 (15 bits: nf times it is exact for |n| < 2^8) + the rest.
  static constexpr float kLn2Hi = 0x1.62e400p-1f, kLn2Lo = 0x1.7f7d1cp-20f;
  // n = round(w·log2 e), into n and returned as a float.
  ACT_ALWAYS_INLINE V reduce(V w) {
    const V magic = k<V>(0x1.8p23f);  // adding it rounds |v| < 2^22 to an integer in the low bits
    const V shifted = w * k<V>(0x1.715476p+0f) + magic;
    n = to_bits(shifted) - to_bits(magic);
    return shifted - magic;
  }
  ACT_ALWAYS_INLINE static V curvature_of(V r) {
    V q = k<V>(0x1.6d10fcp-10f);  // scripts/fit_fast.py
    q = q * r + k<V>(0x1.120b62p-7f);
    q = q * r + k<V>(0x1.55551ap-5f);
    q = q * r + k<V>(0x1.5554dep-3f);
    q = q * r + k<V>(0x1p-1f);
    return (r * r) * q;
  }
  V p() const { return k<V>(1.0f) + t; }
  // For −126 ≤ n ≤ 0: e^w − 1 = (s − 1) + s·t, s = 2^n: s − 1 is exact for
  // n ≥ −24 and s·t is exact, so one rounding (near 0 it is t itself).
  V expm1() const {
    const V s = pow2<V>(n);
    return (s - k<V>(1.0f)) + s * t;
  }
};

// The logistic tail a = σ(−w) = 1/(1 + e^w) for w ≥ 0 (clamped by callers
// to at most 108), with E = e^w = 2^m·(1 + t), u = 2^−m:
//   a = u/D, D = u + 1 + t = (1 + u) + t,
// where 1 + u is exact for m ≤ 23 (beyond, D = 1 + (t + u): u is below
// t's rounding), so D rounds once, q = 1/D once, and a = q·2^−m is exact or
// the one rounding of a subnormal result: a is within about 1.5 ULP. The
// sigmoid's and tanh's orders are all made of a, 1 − a (which carries a's
// error at no more than half weight, as a ≤ 1/2) and
//   1 − 2a = tanh(w/2) = ((1 − u) + t)/D,
// whose numerator is exact but for one rounding (no cancellation near 0).
//
// kPlainD: D = (1 + u) + t for every m, which adds up to half an ULP to a
// where m ≥ 24 (1 + u rounds): too much for the sigmoid's g (2 ULP), within
// tanh's g' and g'' bounds (4, 8), and one operation fewer.
//
// kNear: the same bits as the general tail with plain D, cheaper, wherever
// every q·(…)·2^−m below is a normal number (the callers' light ranges): u =
// 2^−m needs no clamp, and the power of two is one exact product instead of
// scale_by's two. Below w = 16 (m ≤ 23) 1 + u is exact, and the general
// tail's D is the plain one. The formulas' light forms (Fn::Light, see
// kernels.hpp) use it.
template <class V, bool kNear = false, bool kPlainD = kNear> struct LogisticTail {
  Exp<V> e;
  V u, d, q, a;
  ACT_ALWAYS_INLINE explicit LogisticTail(V w) : e(w) {
    const V one = k<V>(1.0f);
    if constexpr (kNear) {
      static_assert(kPlainD);
      u = pow2<V>(-e.n);
    } else {
      u = from_bits<V>((ki<V>(127) - min_int(e.n, ki<V>(126))) << 23);
    }
    if constexpr (kPlainD)
      d = (one + u) + e.t;
    else
      d = select(e.n < ki<V>(24), (one + u) + e.t, one + (e.t + u));
    q = one / d;
    a = scaled(q);
  }
  // f·2^(extra − m), f a float32 in [2^-2, 2^3] or exactly 0.
  ACT_ALWAYS_INLINE V scaled(V f, int extra = 0) const {
    if constexpr (kNear) return extra == 0 ? f * u : (f * k<V>(static_cast<float>(1 << extra))) * u;
    return scale_by(f, ki<V>(extra) - e.n);
  }
  V one_minus_a() const { return k<V>(1.0f) - a; }
  V tanh_half_over_d_numerator() const { return (k<V>(1.0f) - u) + e.t; }  // (1 − 2a)·D
};

// a·c for a constant c given as c_hi + c_lo (c_hi = c rounded to float32):
// within about half an ULP of a·c, where a·c_hi alone adds c_hi's own error.
// (lo = 0, as for ELU's α, folds away after inlining; it also keeps
// a = ±inf from giving inf·0.)
template <class V> inline V times(V a, float hi, float lo) {
  if (lo == 0.0f) return a * k<V>(hi);
  return a * k<V>(hi) + a * k<V>(lo);
}

// NaN in gives NaN out without a keep_nan: the clamp min(105, |x|) keeps
// a NaN (min returns its second operand then), and so does everything after.
//
// σ(x) with a = σ(−|x|) (LogisticTail of |x|, clamped to 105, beyond which
// σ(−|x|) and σ' are below 2^-150 and round to 0, and σ(|x|) to 1):
//   σ = a for x < 0, 1 − a for x ≥ 0 (a ≤ 1/2, so at most half of a's
//   error reaches 1 − a, plus its one rounding);
//   σ' = a(1 − a) = (q·(1 − a))·2^−m: the power of two last, so the
//   subnormal tail (σ'(±103) ≈ 1e-45) is rounded once, not flushed;
//   σ'' = −sign(x)·σ'·(1 − 2a), with 1 − 2a = N/D from LogisticTail (no
//   cancellation near 0, where σ'' ≈ −x/8 keeps its relative accuracy into
//   the subnormals: N is the last factor).
//
// kNear: the light form, for |x| < 16 (where the clamp does nothing).
template <bool kNear> struct SigmoidForm {
  template <class V> ACT_ALWAYS_INLINE static LogisticTail<V, kNear> tail(V x) {
    if constexpr (kNear)
      return LogisticTail<V, true>(fast::fabs(x));
    else
      return LogisticTail<V>(min(k<V>(105.0f), fast::fabs(x)));
  }
  template <class V, class Tail> ACT_ALWAYS_INLINE static V value_of(V x, const Tail& l) {
    return select(x < k<V>(0.0f), l.a, l.one_minus_a());
  }
  template <class V, class Tail> ACT_ALWAYS_INLINE static V derivative_of(const Tail& l) {
    return l.scaled(l.q * l.one_minus_a());
  }
  template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params&) { return value_of(x, tail(x)); }
  template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const Params&) { return derivative_of<V>(tail(x)); }
  template <class V> ACT_ALWAYS_INLINE static V second(V x, const Params&) {
    const auto l = tail(x);
    return with_sign_of(l.scaled(((l.q * l.q) * l.one_minus_a()) * l.tanh_half_over_d_numerator()), -x);
  }
  // The fused pass: one tail for both.
  template <class V> ACT_ALWAYS_INLINE static void both(V x, const Params&, V& g, V& dg) {
    const auto l = tail(x);
    g = value_of(x, l);
    dg = derivative_of<V>(l);
  }
};
struct Sigmoid : SigmoidForm<false> {
  using Light = SigmoidForm<true>;
  template <class V> static auto light(V x, const Params&) { return fast::fabs(x) < k<V>(16.0f); }
};

// tanh, with z = |x| and a = σ(−2z) (LogisticTail of 2z, exact, clamped to
// 108, beyond which 8e^−2z and so tanh'' and tanh' are below 2^-150, and
// tanh rounds to ±1):
//   z < 0.5625: z + z³P(z²) (scripts/fit_fast.py: 2^-27.9), whose last sum
//     rounds once and whose small term (≤ 0.11 z) hardly matters;
//   z ≥ 0.5625: 1 − 2a, a ≤ 0.245, so a's error reaches the result (≥ 0.5)
//     at most at half weight, plus one rounding;
//   tanh' = 4a(1 − a) = (q·(1 − a))·2^(2−m), the power of two last;
//   tanh'' = −sign(x)·2·tanh·tanh', with 8|tanh| (exact) as the last factor,
//     so tanh''(x) ≈ −2x keeps its accuracy for subnormal x.
//
// The general form's tail has plain D (LogisticTail): 4a(1 − a) and the
// rest stay within 4 and 8 ULP with the extra half ULP of a for |x| > 8.
//
// kNear: the light form, for |x| < 40, where the clamps do nothing but g's
// (2|x| ≤ 40 for g alone; beyond, up to 80, g rounds to ±1 either way) and
// q·(1 − a)·2^(2−m) and q·(1 − a)·8|tanh|·2^−m are normal numbers (m ≤ 116).
template <bool kNear> struct TanhForm {
  // |tanh| from z = |x|, given 1 − 2σ(−2z) for z ≥ 0.5625.
  template <class V> ACT_ALWAYS_INLINE static V magnitude(V z, V large) {
    const V v = z * z;
    V poly = k<V>(-0x1.f12f76p-11f);
    poly = poly * v + k<V>(0x1.bc5668p-9f);
    poly = poly * v + k<V>(-0x1.210fbep-7f);
    poly = poly * v + k<V>(0x1.663c54p-6f);
    poly = poly * v + k<V>(-0x1.ba1b24p-5f);
    poly = poly * v + k<V>(0x1.11111p-3f);
    poly = poly * v + k<V>(-0x1.555556p-2f);
    const V small = z + (z * v) * poly;
    return select(z < k<V>(0.5625f), small, large);
  }
  template <class V> ACT_ALWAYS_INLINE static auto tail(V x) {
    if constexpr (kNear)
      return LogisticTail<V, true>(k<V>(2.0f) * fast::fabs(x));
    else
      return LogisticTail<V, false, true>(min(k<V>(108.0f), k<V>(2.0f) * fast::fabs(x)));
  }
  // 1 − 2a as 1 − 2u/D: the quotient rounds once (q·u would be a second
  // operation after the division, 12% slower for g alone).
  template <class V, class Tail> ACT_ALWAYS_INLINE static V value_of(V x, const Tail& l) {
    return with_sign_of(magnitude(fast::fabs(x), k<V>(1.0f) - (l.u + l.u) / l.d), x);
  }
  template <class V, class Tail> ACT_ALWAYS_INLINE static V derivative_of(const Tail& l) {
    return l.scaled(l.q * l.one_minus_a(), 2);
  }
  // g alone takes the light tail everywhere: 2z is clamped to 40 (tanh(20)
  // rounds to 1), so m ≤ 58 and u is a normal number; 1 + u is inexact for
  // m ≥ 24, but there 2u/D is below half an ULP of 1 and its error cannot
  // show. Below the clamp it is the light form's tail, bit for bit (and
  // from 2|x| = 40 to 80, g is ±1 either way).
  template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params&) {
    if constexpr (kNear) return value_of(x, tail(x));
    return value_of(x, LogisticTail<V, true>(min(k<V>(40.0f), k<V>(2.0f) * fast::fabs(x))));
  }
  template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const Params&) { return derivative_of<V>(tail(x)); }
  template <class V> ACT_ALWAYS_INLINE static V second(V x, const Params&) {
    const auto l = tail(x);
    const V eight_tanh = k<V>(8.0f) * magnitude(fast::fabs(x), k<V>(1.0f) - k<V>(2.0f) * l.a);
    return with_sign_of(l.scaled((l.q * l.one_minus_a()) * eight_tanh), -x);
  }
  // The fused pass: in the light form, g's tail is g''s, so one serves both.
  template <class V> ACT_ALWAYS_INLINE static void both(V x, const Params& p, V& g, V& dg) {
    if constexpr (kNear) {
      const auto l = tail(x);
      g = value_of(x, l);
      dg = derivative_of<V>(l);
    } else {
      g = value(x, p);
      dg = derivative(x, p);
    }
  }
};
struct Tanh : TanhForm<false> {
  using Light = TanhForm<true>;
  static constexpr bool kLightForValue = false;  // g's general form is as light
  template <class V> static auto light(V x, const Params&) { return fast::fabs(x) < k<V>(40.0f); }
};

// ELU and SELU: scale·x for x > 0, scale·α·(e^x − 1) for x ≤ 0, scale·α
// given as hi + lo (times; ELU's scale is 1: kScaled false). e^x − 1 =
// (s − 1) + s·t rounds once (expm1); below x = −17.5 it is −1 after
// rounding, so x is clamped there for g. For g' and g'' (scale·α·e^x) the
// product scale·α·p is formed first and 2^n applied last, so the subnormal
// tail keeps its accuracy; x is clamped to −111, where 10·e^x < 2^-150.
// The clamps are written max(bound, x) so a NaN x passes through them (max
// returns its second operand then), and the NaN reaches the result without a
// keep_nan.
//
// kNear: the light form, for x > −17.5 and scale·α ≥ 2^-10 (the clamps do
// nothing; scale·α·e^x is a normal number, so one exact product applies
// 2^n), where g and g' share one exponential.
template <bool kScaled, bool kNear> struct ExpLinear {
  float hi, lo, scale_hi, scale_lo;
  template <class V> ACT_ALWAYS_INLINE V linear(V x) const {
    // x·scale_hi + x·scale_lo would be inf − inf at x = inf when scale_lo < 0.
    if (!kScaled) return x;
    return select(x == k<V>(__builtin_inff()), x, times(x, scale_hi, scale_lo));
  }
  template <class V> ACT_ALWAYS_INLINE Exp<V> exp(V x, float clamp) const {
    if constexpr (kNear) return Exp<V>(min(k<V>(0.0f), x));
    return Exp<V>(min(k<V>(0.0f), max(k<V>(clamp), x)));
  }
  template <class V> ACT_ALWAYS_INLINE V value_of(V x, const Exp<V>& e) const {
    return select(x > k<V>(0.0f), linear(x), times(e.expm1(), hi, lo));
  }
  // scale·α·e^x for x ≤ 0 (orders 1 and 2 differ only for x > 0).
  template <class V> ACT_ALWAYS_INLINE V exponential_of(const Exp<V>& e) const {
    if constexpr (kNear) return times(e.p(), hi, lo) * pow2<V>(e.n);
    return scale_by(times(e.p(), hi, lo), e.n);
  }
  template <class V> ACT_ALWAYS_INLINE V slope() const {
    return kScaled ? times(k<V>(1.0f), scale_hi, scale_lo) : k<V>(1.0f);
  }
  template <class V> ACT_ALWAYS_INLINE V value(V x) const { return value_of(x, exp(x, -17.5f)); }
  template <class V> ACT_ALWAYS_INLINE V derivative(V x) const {
    return select(x > k<V>(0.0f), slope<V>(), exponential_of(exp(x, -111.0f)));
  }
  template <class V> ACT_ALWAYS_INLINE V second(V x) const {
    return select(x > k<V>(0.0f), k<V>(0.0f), exponential_of(exp(x, -111.0f)));
  }
  template <class V> ACT_ALWAYS_INLINE void both(V x, V& g, V& dg) const {
    if constexpr (kNear) {
      const Exp<V> e = exp(x, 0.0f);
      g = value_of(x, e);
      dg = select(x > k<V>(0.0f), slope<V>(), exponential_of(e));
    } else {
      g = value(x);
      dg = derivative(x);
    }
  }
};

// Splits a double into float32 hi + lo.
constexpr float hi_of(double c) { return static_cast<float>(c); }
constexpr float lo_of(double c) { return static_cast<float>(c - static_cast<double>(static_cast<float>(c))); }

// The formula structs' interface over ExpLinear (Of::form gives its
// constants), with the light form and its range.
template <class Of, bool kNear = false> struct ExpLinearOrders {
  template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params& p) { return form(p).value(x); }
  template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const Params& p) { return form(p).derivative(x); }
  template <class V> ACT_ALWAYS_INLINE static V second(V x, const Params& p) { return form(p).second(x); }
  template <class V> ACT_ALWAYS_INLINE static void both(V x, const Params& p, V& g, V& dg) { form(p).both(x, g, dg); }
  static auto form(const Params& p) {
    const auto c = Of::constants(p);
    return ExpLinear<Of::kScaled, kNear>{c[0], c[1], c[2], c[3]};
  }
  using Light = ExpLinearOrders<Of, true>;
  // (+inf: no input qualifies, when scale·α is too small for the light form.)
  template <class V> static auto light(V x, const Params& p) {
    return x > k<V>(Of::constants(p)[0] >= 0x1p-10f ? -17.5f : __builtin_inff());
  }
};

struct Elu : ExpLinearOrders<Elu> {  // p.v[0] = α, a float32: exact as hi
  static constexpr bool kScaled = false;
  static std::array<float, 4> constants(const Params& p) { return {p.v[0], 0.0f, 1.0f, 0.0f}; }
};

struct Selu : ExpLinearOrders<Selu> {
  static constexpr bool kScaled = true;
  static constexpr double kLambda = 1.0507009873554804934193349852946;
  static constexpr double kLambdaAlpha = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;
  static std::array<float, 4> constants(const Params&) {
    return {hi_of(kLambdaAlpha), lo_of(kLambdaAlpha), hi_of(kLambda), lo_of(kLambda)};
  }
};

}  // namespace act::fast
