// e^x and e^x − 1 in float32, for any V of simd.hpp.
//
// Range reduction x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, two constants),
// then e^r − 1 by a degree-8 Taylor polynomial: its truncation error on
// |r| ≤ 0.3466 is below 7e-10 relative, far under float32's half ULP
// (3e-8), so rounding in the evaluation dominates. Measured maximum error:
// see the accuracy tests (exp ≤ 1 ULP, finite up to 88.7228).
#pragma once

#include "simd.hpp"

namespace act::math {

using namespace act::simd;

// 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer, and
// the integer sits in the low mantissa bits of the sum.
constexpr float kRoundMagic = 0x1.8p23f;
constexpr float kLog2e = 0x1.715476p+0f;
// ln 2 split in two: kLn2Hi has 16 significant bits, so n·kLn2Hi is exact for
// |n| ≤ 256 and x − n·kLn2Hi is exact (Sterbenz); kLn2Lo is the remainder.
constexpr float kLn2Hi = 0x1.62e4p-1f;
constexpr float kLn2Lo = 0x1.7f7d1cp-20f;

// e^r − 1 for |r| ≤ ~0.35, written as r + r²·q(r) so that the leading term is
// exact and the rounding of the small correction hardly matters.
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

// Splits x into n (as V and as integer) and the reduced argument r.
template <class V> struct Reduced {
  V r;
  IntOf<V> n;
};
template <class V> inline Reduced<V> reduce_ln2(V x) {
  V shifted = x * kLog2e + kRoundMagic;
  V n = shifted - kRoundMagic;
  IntOf<V> ni = to_bits(shifted) - to_bits(kRoundMagic);
  V r = x - n * kLn2Hi;
  r = r - n * kLn2Lo;
  return {r, ni};
}

// e^x · 2^k, rounded once, for integer k in [−8, 8]. Overflows to +inf above
// ln(FLT_MAX·2^-k), underflows gradually through the subnormals to +0.
// The extra factor 2^k lets callers scale (4·e^−2|x|) without a second
// rounding in the subnormal range. NaN in gives NaN out.
template <class V> inline V exp_scaled(V x, int k) {
  // Beyond these bounds the result is already ±inf or 0 after scaling.
  V xc = min(max(x, splat<V>(-110.0f)), splat<V>(89.0f));
  Reduced<V> red = reduce_ln2(xc);
  V one_plus = 1.0f + expm1_reduced(red.r);
  // 2^(n+k) in two factors so both stay normal: n + k ∈ [−167, 137].
  IntOf<V> e = red.n + k;
  IntOf<V> e1 = e >> 1;
  V y = (one_plus * pow2i<V>(e1)) * pow2i<V>(e - e1);
  return keep_nan(x, y);
}

template <class V> inline V exp(V x) { return exp_scaled(x, 0); }

// e^x − 1 for x ≤ 18.5 (callers clamp; tanh needs at most 18.2).
// With x = n·ln2 + r: e^x − 1 = 2^n·(p + (1 − 2^−n)) where p = e^r − 1; the
// bracket is exact for |n| ≤ 24 and n = 0 reduces to p itself, so small x
// keeps full relative accuracy. Below −17.4 the result is −1 after rounding.
template <class V> inline V expm1(V x) {
  V xc = max(x, splat<V>(-18.0f));
  Reduced<V> red = reduce_ln2(xc);
  V p = expm1_reduced(red.r);
  V y = (p + (1.0f - pow2i<V>(-red.n))) * pow2i<V>(red.n);
  return keep_nan(x, y);
}

}  // namespace act::math
