// Elementary functions for double lanes (V = double or f64x2 of simd.hpp):
// exp, expm1, log1p, erfcx; and the mixed-precision exponential
// (ExpOfNegative, ExpParts) for formulas that take float32 lanes.
//
// Accurate to about 2^-45 relative, so a formula evaluated with them in double
// and rounded once to float32 is within 0.5 ULP plus a hair: that is how the
// catalogue reaches its accuracy. The achieved errors are measured by
// tests/cpp against the oracle (test_accuracy.cpp checks these functions
// themselves against libm).
//
// exp uses x = n·ln2 + r, |r| ≤ ln2/2 (Cody–Waite, two constants), and e^r − 1
// by its Taylor polynomial to degree 12, whose truncation error on
// |r| ≤ 0.3466 is below 2^-50 relative.
#pragma once

#include "erfcx_poly.hpp"
#include "simd.hpp"

namespace act::math {

using namespace act::simd;

// 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer, and
// the integer sits in the low mantissa bits of the sum.
constexpr double kRoundMagic = 0x1.8p52;
constexpr double kLog2e = 0x1.71547652b82fep+0;
// ln 2 = kLn2Hi + kLn2Lo with 32 bits in kLn2Hi: n·kLn2Hi is exact for
// |n| < 2^21 and x − n·kLn2Hi is exact (Sterbenz).
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1;

// e^r − 1 for |r| ≤ ~0.35, as r + r²·q(r): the leading term is exact and the
// rounding of the small correction hardly matters.
template <class V> inline V expm1_reduced(V r) {
  static_assert(kIsF64<V>, "the elementary functions are provided for double lanes");
  V q = splat<V>(0x1.1eed8eff8d898p-29);  // 1/12!
  q = q * r + 0x1.ae64567f544e4p-26;      // 1/11!
  q = q * r + 0x1.27e4fb7789f5cp-22;      // 1/10!
  q = q * r + 0x1.71de3a556c734p-19;      // 1/9!
  q = q * r + 0x1.a01a01a01a01ap-16;      // 1/8!
  q = q * r + 0x1.a01a01a01a01ap-13;      // 1/7!
  q = q * r + 0x1.6c16c16c16c17p-10;      // 1/6!
  q = q * r + 0x1.1111111111111p-7;       // 1/5!
  q = q * r + 0x1.5555555555555p-5;       // 1/4!
  q = q * r + 0x1.5555555555555p-3;       // 1/3!
  q = q * r + 0.5;                        // 1/2!
  return r + (r * r) * q;
}

// e^x. x is clamped to [−700, 700], far outside what any float32 result can
// see (and inside double's range, so 2^n is built directly). NaN in gives NaN.
template <class V> inline V exp(V x) {
  const V xc = min(max(x, splat<V>(-700.0)), splat<V>(700.0));
  const V shifted = xc * kLog2e + kRoundMagic;
  const V n = shifted - kRoundMagic;
  const IntOf<V> ni = to_bits(shifted) - to_bits(splat<V>(kRoundMagic));
  const V r = (xc - n * kLn2Hi) - n * kLn2Lo;
  return keep_nan(x, (1.0 + expm1_reduced(r)) * pow2i<V>(ni));
}

// e^x − 1: the polynomial for |x| < ln2/2, else e^x − 1, which loses at most
// 2 of double's 53 bits there (e^x ≥ 1.41 or ≤ 0.71).
template <class V> inline V expm1(V x) { return select(abs(x) < 0.34657359027997264, expm1_reduced(x), exp(x) - 1.0); }

// log(1 + u) for u in [0, 1]. With w = 1 + u rounded,
// log1p(u) = u·log(w)/(w − 1) recovers what the rounding of w lost
// (Goldberg's trick); log(w) = k·ln2 + 2·atanh(s) with s = (m − 1)/(m + 1),
// m = w/2^k in [1/√2, √2], |s| ≤ 0.1716, and the odd series of atanh up to
// s^19 (next term below 2^-50 relative).
template <class V> inline V log1p(V u) {
  static_assert(kIsF64<V>, "the elementary functions are provided for double lanes");
  const V w = 1.0 + u;
  const auto upper = w > 1.4142135623730951;
  const V m = select(upper, w * 0.5, w);
  const V k = select(upper, splat<V>(kLn2), splat<V>(0.0));
  const V s = (m - 1.0) / (m + 1.0);
  const V s2 = s * s;
  V series = splat<V>(1.0 / 19);
  for (int i = 17; i >= 3; i -= 2) series = series * s2 + 1.0 / i;
  const V log_w = k + 2.0 * s + 2.0 * s * s2 * series;
  return select(w == 1.0, u, u * log_w / (w - 1.0));
}

// e^(t²)·erfc(t) for t ≥ 0 (clamped to the fit's range): the polynomial of
// erfcx_poly.hpp in u = (y − mid)/half, y = (t − K)/(t + K).
template <class V> inline V erfcx(V t) {
  static_assert(kIsF64<V>, "the elementary functions are provided for double lanes");
  using namespace erfcx_fit;
  const V tc = min(t, splat<V>(kTMax));
  const V u = ((tc - kK) / (tc + kK) - kMid) * kInvHalf;
  V acc = splat<V>(kCoeffs[0]);
  for (size_t i = 1; i < sizeof kCoeffs / sizeof kCoeffs[0]; ++i) acc = acc * u + kCoeffs[i];
  return acc;
}

// e^−z for float32 lanes, z ∈ [−110, 110] (callers clamp; NaN passes through),
// kept unrounded for a float64 finish: e^−z = 2^n·(1 + r_hi + c), where
// r_hi = −z − n·ln2_hi is exact (n·ln2_hi has at most 23 bits; Sterbenz) and
// c = −n·ln2_lo + r²q(r) is at most 0.07, so its float32 rounding costs about
// 2^-28 of the result. q has degree 5 (scripts/fit_exp.py: 2^-30.4 relative).
// The part that costs (reduction and polynomial) runs four lanes wide; the
// float64 finish is a few operations (ExpParts).
template <class V> struct ExpOfNegative {
  static_assert(!kIsF64<V>, "the float32 reduction is for float lanes");
  V n, r_hi, c;  // n: an integer in [−159, 159]
  explicit ExpOfNegative(V z) {
    const V magic = constant<V>(0x1.8p23f);                  // as kRoundMagic, for float
    n = (z * constant<V>(-0x1.715476p+0f) + magic) - magic;  // round(−z·log2 e)
    r_hi = n * constant<V>(-0x1.62e400p-1f) - z;
    const V r_lo = n * constant<V>(-0x1.7f7d1cp-20f);
    const V r = r_hi + r_lo;
    V q = constant<V>(0x1.a124e4p-13f);
    q = q * r + constant<V>(0x1.6d4316p-10f);
    q = q * r + constant<V>(0x1.1110ep-7f);
    q = q * r + constant<V>(0x1.5554eap-5f);
    q = q * r + constant<V>(0x1.555556p-3f);
    q = q * r + constant<V>(0.5f);
    c = r_lo + (r * r) * q;
  }
};

// The float64 finish of ExpOfNegative (D = double or f64x2): e^−z and
// e^−z − 1, each with a few double roundings (2^-52), no cancellation: for
// small z, e^−z − 1 = r_hi + c with n = 0.
template <class D> struct ExpParts {
  D n, r_hi, c;
  // 2^n: adding 1.5·2^52 + 1023 puts n + 1023 in the low mantissa bits,
  // which the shift moves into the exponent field (the float64 lanes have
  // no cheap conversion from float32 lanes' integers).
  D scale() const { return from_bits<D>(to_bits(n + constant<D>(kRoundMagic + 1023.0)) << 52); }
  D exp() const { return ((constant<D>(1.0) + r_hi) + c) * scale(); }
  D expm1() const {
    const D s = scale();
    return (s - constant<D>(1.0)) + s * (r_hi + c);
  }
};

// The float32 reduction, finished in double lanes.
template <class V, class Body> inline V with_exp_of_negative_f32(V x, V z, Body body) {
  const ExpOfNegative<V> e(z);
  return in_double<V>(
      [&](auto xd, auto n, auto r_hi, auto c) {
        return body(xd, ExpParts<decltype(xd)>{n, r_hi, c});
      },
      x, e.n, e.r_hi, e.c);
}

// body(x, ExpParts) in double lanes for float32 lanes x, with e^−z from z.
// For double lanes (a user's expression calling a catalogue function,
// src/expr) the reduction is done in double: e^−z = 2^n·e^r, r = r_hi + r_lo
// (Cody–Waite; r_hi exact as in exp), and c = r_lo + (e^r − 1 − r), whose
// rounding is an ulp of r.
template <class V, class Body> inline V with_exp_of_negative(V x, V z, Body body) {
  if constexpr (kIsF64<V>) {
    const V n = (z * -kLog2e + kRoundMagic) - kRoundMagic;
    const V r_hi = n * -kLn2Hi - z;
    const V r_lo = n * -kLn2Lo;
    const V r = r_hi + r_lo;
    return body(x, ExpParts<V>{n, r_hi, r_lo + (expm1_reduced(r) - r)});
  } else {
    return with_exp_of_negative_f32(x, z, body);
  }
}

// The clamp of an exponent whose result is out of range beyond it: float32
// lanes see only float32 results, double lanes (expressions) see doubles.
template <class V> inline V exponent_bound(float float32_bound) {
  return constant<V>(kIsF64<V> ? LaneOf<V>(float32_bound < 0 ? -700 : 700) : LaneOf<V>(float32_bound));
}

}  // namespace act::math
