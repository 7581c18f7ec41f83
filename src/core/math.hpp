// Elementary functions for any V of simd.hpp: exp, exp_scaled, expm1, tanh,
// log1p, erfcx.
//
// float32 lanes: accurate to about 1 ULP, so a formula built on them lands
// within a few ULP. float64 lanes: accurate to about 2^-45 relative, so a
// formula evaluated in double and rounded once to float32 is within 0.5 ULP
// plus a hair, which is how the catalogue reaches its accuracy goals. The
// achieved errors are measured by tests/cpp against the oracle.
//
// All use the same range reduction x = n·ln2 + r, |r| ≤ ln2/2 (Cody–Waite,
// two constants), and e^r − 1 by its Taylor polynomial: on |r| ≤ 0.3466 the
// truncation error is below 7e-10 relative at degree 8 (float) and 2^-50 at
// degree 12 (double), under the rounding of the evaluation itself.
#pragma once

#include "erfcx_poly.hpp"
#include "simd.hpp"

namespace act::math {

using namespace act::simd;

namespace f32 {

// 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer, and
// the integer sits in the low mantissa bits of the sum.
constexpr float kRoundMagic = 0x1.8p23f;
constexpr float kLog2e = 0x1.715476p+0f;
// ln 2 split in two: kLn2Hi has 16 significant bits, so n·kLn2Hi is exact for
// |n| ≤ 256 and x − n·kLn2Hi is exact (Sterbenz); kLn2Lo is the remainder.
constexpr float kLn2Hi = 0x1.62e4p-1f;
constexpr float kLn2Lo = 0x1.7f7d1cp-20f;

// e^r − 1 for |r| ≤ ~0.35, as r + r²·q(r): the leading term is exact and the
// rounding of the small correction hardly matters.
template <class V> inline V expm1_reduced(V r) {
  V q = splat<V>(0x1.a01a02p-16f);  // 1/8!
  q = q * r + 0x1.a01a02p-13f;      // 1/7!
  q = q * r + 0x1.6c16c2p-10f;      // 1/6!
  q = q * r + 0x1.111112p-7f;       // 1/5!
  q = q * r + 0x1.555556p-5f;       // 1/4!
  q = q * r + 0x1.555556p-3f;       // 1/3!
  q = q * r + 0.5f;                 // 1/2!
  return r + (r * r) * q;
}

}  // namespace f32

namespace f64 {

constexpr double kRoundMagic = 0x1.8p52;
constexpr double kLog2e = 0x1.71547652b82fep+0;
// ln 2 = kLn2Hi + kLn2Lo with 32 bits in kLn2Hi: n·kLn2Hi exact for |n| < 2^21.
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1;

template <class V> inline V expm1_reduced(V r) {
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

}  // namespace f64

// Splits x into n (as V and as integer) and the reduced argument r.
template <class V> struct Reduced {
  V r;
  IntOf<V> n;
};
template <class V> inline Reduced<V> reduce_ln2(V x) {
  using Lane = LaneOf<V>;
  constexpr Lane magic = kIsF64<V> ? f64::kRoundMagic : f32::kRoundMagic;
  const V shifted = x * Lane(kIsF64<V> ? f64::kLog2e : f32::kLog2e) + magic;
  const V n = shifted - magic;
  const IntOf<V> ni = to_bits(shifted) - to_bits(splat<V>(magic));
  V r = x - n * Lane(kIsF64<V> ? f64::kLn2Hi : f32::kLn2Hi);
  r = r - n * Lane(kIsF64<V> ? f64::kLn2Lo : f32::kLn2Lo);
  return {r, ni};
}

template <class V> inline V expm1_reduced(V r) {
  if constexpr (kIsF64<V>) return f64::expm1_reduced(r);
  else return f32::expm1_reduced(r);
}

// e^x · 2^k, rounded once, for integer k in [−8, 8]. Float lanes: overflows to
// +inf above ln(FLT_MAX·2^-k) and underflows gradually through the
// subnormals; the extra 2^k lets callers scale (4·e^−2|x|) without a second
// rounding there. Double lanes: x is clamped to [−700, 700], far outside what
// any float32 result can see. NaN in gives NaN out.
template <class V> inline V exp_scaled(V x, int k) {
  using Lane = LaneOf<V>;
  constexpr Lane lo = kIsF64<V> ? -700.0 : -110.0f;
  constexpr Lane hi = kIsF64<V> ? 700.0 : 89.0f;
  const V xc = min(max(x, splat<V>(lo)), splat<V>(hi));
  const Reduced<V> red = reduce_ln2(xc);
  const V one_plus = Lane(1) + expm1_reduced(red.r);
  // 2^(n+k) in two factors so both stay normal: float n + k ∈ [−167, 137].
  const IntOf<V> e = red.n + k;
  const IntOf<V> e1 = e >> 1;
  const V y = (one_plus * pow2i<V>(e1)) * pow2i<V>(e - e1);
  return keep_nan(x, y);
}

template <class V> inline V exp(V x) { return exp_scaled(x, 0); }

// e^x − 1.
// Float lanes, for x ≤ 18.5 (callers clamp): with x = n·ln2 + r,
// e^x − 1 = 2^n·(p + (1 − 2^−n)) where p = e^r − 1; the bracket is exact for
// |n| ≤ 24 and n = 0 leaves p itself, so small x keeps full relative
// accuracy. Below −17.4 the result is −1 after rounding.
// Double lanes, any x: the polynomial for |x| < ln2/2, else e^x − 1, which
// loses at most 2 of double's 53 bits there.
template <class V> inline V expm1(V x) {
  using Lane = LaneOf<V>;
  if constexpr (kIsF64<V>) {
    const V small = f64::expm1_reduced(x);
    const V large = exp(x) - Lane(1);
    return select(abs(x) < Lane(0.34657359027997264), small, large);
  } else {
    const V xc = max(x, splat<V>(-18.0f));
    const Reduced<V> red = reduce_ln2(xc);
    const V p = f32::expm1_reduced(red.r);
    const V y = (p + (1.0f - pow2i<V>(-red.n))) * pow2i<V>(red.n);
    return keep_nan(x, y);
  }
}

// tanh x = u/(u + 2) with u = e^2|x| − 1 ≥ 0, sign restored after. expm1
// keeps u accurate near 0, so tanh(x) ≈ x keeps full relative accuracy.
// |x| is clamped where tanh has rounded to ±1 (9.1 for float, 20 for double).
template <class V> inline V tanh(V x) {
  using Lane = LaneOf<V>;
  const V u = expm1(Lane(2) * min(abs(x), splat<V>(kIsF64<V> ? 20.0 : 9.1f)));
  return keep_nan(x, copysign(u / (u + Lane(2)), x));
}

// log(1 + u) for u in [0, 1], double lanes only. With w = 1 + u rounded,
// log1p(u) = u·log(w)/(w − 1) recovers what the rounding of w lost
// (Goldberg's trick); log(w) = k·ln2 + 2·atanh(s) with s = (m − 1)/(m + 1),
// m = w/2^k in [1/√2, √2], |s| ≤ 0.1716, and the odd series of atanh up to
// s^19 (next term below 2^-50 relative).
template <class V> inline V log1p(V u) {
  static_assert(kIsF64<V>, "log1p is provided for double lanes");
  const V w = 1.0 + u;
  const auto upper = w > 1.4142135623730951;
  const V m = select(upper, w * 0.5, w);
  const V k = select(upper, splat<V>(f64::kLn2), splat<V>(0.0));
  const V s = (m - 1.0) / (m + 1.0);
  const V s2 = s * s;
  V series = splat<V>(1.0 / 19);
  for (int i = 17; i >= 3; i -= 2) series = series * s2 + 1.0 / i;
  const V log_w = k + 2.0 * s + 2.0 * s * s2 * series;
  return select(w == 1.0, u, u * log_w / (w - 1.0));
}

// e^(t²)·erfc(t) for t ≥ 0 (clamped to the fit's range), double lanes only:
// the polynomial of erfcx_poly.hpp in u = (y − mid)/half, y = (t − K)/(t + K).
template <class V> inline V erfcx(V t) {
  static_assert(kIsF64<V>, "erfcx is provided for double lanes");
  using namespace erfcx_fit;
  const V tc = min(t, splat<V>(kTMax));
  const V u = ((tc - kK) / (tc + kK) - kMid) * kInvHalf;
  V acc = splat<V>(kCoeffs[0]);
  for (size_t i = 1; i < sizeof kCoeffs / sizeof kCoeffs[0]; ++i) acc = acc * u + kCoeffs[i];
  return acc;
}

}  // namespace act::math
