// The fast tier's GELU (erf), x·Φ(x): float32 lanes only, for V = float or
// f32x4, like the structs of fast.hpp (whose helpers it uses).
//
// With z = |x|, w = z²/2, φ the normal density and Φ its CDF:
//   S(z) = z·Φ(−z)         = e^−w·G(z),   G = z·erfcx(z/√2)/2 → 1/√(2π);
//   D(z) = Φ(−z) − zφ(z)   = e^−w·(z0 − z)·F(z),   z0 = 0.75179… its zero;
//   φ(z)·(2 − z²)          = e^−w·(2/√(2π))·(1 − z²/2).
// Then g = −S for x < 0 and x − S for x ≥ 0 (S < x/2), g' = Φ(x) + xφ(x) =
// D for x < 0 and 1 − D for x ≥ 0, and g'' = φ(z)(2 − z²) for both signs.
// Near 0 (|x| < 1/2), x − S would carry S's error at full weight (S ≈ x/2),
// so g = x/2 + x²·E(x²) there, E = (Φ(x) − ½)/x a polynomial: x/2 is exact
// and the small term (at most 0.62 of |g|) brings in its roundings at a
// fraction of their weight. Beyond, S ≤ 0.45·|g| for x > 0.
//
// G and F are polynomials in four pieces of z, [1/2, 1) ([0, 1) for F),
// [1, 2), [2, 4) and [4, 14.8], in a variable v that is exact for the first three (z − 3/4 on
// [1/2, 1), z/2^e − 3/2 above; F's first piece reaches down to 0, where
// z − 3/4 rounds once, harmlessly) and 4/z − 5/8 on the last, where G and F
// hardly change with z (0.04 ULP from the division's rounding). Each is
// written c0 + v·H(v) with c0 dominant (|v·H| ≤ 0.33·c0), so its value is one
// rounding of c0 plus a small term, not the sum of eight Horner steps' errors
// (a single rational of z over the whole range, tried first, was 3 to 6 ULP
// off near z = 7: its numerator and denominator grow like z⁴ and each Horner
// step's rounding reaches the result at full weight). The four pieces'
// coefficients sit side by side in one vector each, picked per lane (Pieces).
// c0 is float32 hi + lo, and e^r = 1 + t joins before the last sum
// (Pieces::times_exp), so e^r·G is one rounding plus small terms'. G's H has
// degree 7 (2^-26.8 at worst, on [2, 4)), F's degree 6 (2^-26.8).
//
// The exponential. A rounded w is up to half an ULP of w ≈ 105 off (2^-18
// relative error in e^−w near x = −14.5, 30 ULP), so w = w_hi + w_lo with
// z_hi = z with its low 12 mantissa bits cleared: w_hi = z_hi·(z_hi/2) is
// exact (24 bits), w_lo = (z − z_hi)·(z + z_hi)/2 is at most 2^-10 of w and
// its roundings are far below an ULP of the result. e^−w = 2^−m·e^r, m =
// round(w·log2 e), r = (m·ln2_hi − w_hi) + (m·ln2_lo − w_lo) (the first
// difference exact by Sterbenz, m·ln2_hi exact: ln2_hi has 15 bits, m < 2^8),
// e^r = 1 + t, t = r + r²q(r) (within 2^-25.9). The power of two is applied
// last (scale_by), so results down in the subnormals round once.
//
// z is clamped to 14.8, beyond which |g|, |g'| and |g''| of ±z are below
// 2^-151 and round to 0 (and g(z) = z, g'(z) = 1 in float32 long before).
// min(14.8, z) keeps a NaN (min returns its second operand then), and the
// NaN reaches every result; ±inf give the limits: g(−inf) = −0, g(inf) =
// inf, g'(−inf) = 0, g'(inf) = 1, g''(±inf) = 0.
//
// Coefficients: scripts/fit_fast_gelu.py, which prints each fit's error.
//
// Everything is marked always_inline: clang left Gelu::value<f32x4> out of
// line in the batch loop (a call per vector, and its 43 constants rebuilt at
// each call instead of held in registers across the loop).
#pragma once

#include "fast.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace act::fast {

// e^(−z²/2) = 2^n·(1 + t) for 0 ≤ z ≤ 14.8 (n ≥ −158), with w = z²/2 as
// w_hi + w_lo (see above).
template <class V> struct GaussExp {
  V z_hi, z_lo;                // z = z_hi + z_lo, 12 bits each at most
  V w_hi, w_lo, t, high, low;  // t = high + low, rounded
  IntOf<V> n;
  [[gnu::always_inline]] explicit GaussExp(V z) {
    z_hi = from_bits<V>(to_bits(z) & ki<V>(static_cast<int32_t>(0xfffff000u)));
    z_lo = z - z_hi;
    w_hi = z_hi * (k<V>(0.5f) * z_hi);
    w_lo = z_lo * (k<V>(0.5f) * (z + z_hi));
    const V magic = k<V>(0x1.8p23f);  // adding it rounds |v| < 2^22 to an integer in the low bits
    const V shifted = (w_hi + w_lo) * k<V>(0x1.715476p+0f) + magic;
    const V mf = shifted - magic;
    n = to_bits(magic) - to_bits(shifted);
    // ln2 = 0x1.62e4p-1 (15 bits: mf times it is exact for m < 2^8) + the rest.
    // The exact difference plus the two small terms, summed first: r rounds once.
    const V r = (mf * k<V>(0x1.62e400p-1f) - w_hi) + (mf * k<V>(0x1.7f7d1cp-20f) - w_lo);
    V q = k<V>(0x1.6c690ap-10f);
    q = q * r + k<V>(0x1.120b1ap-7f);
    q = q * r + k<V>(0x1.5555bap-5f);
    q = q * r + k<V>(0x1.5554dep-3f);
    q = q * r + k<V>(0x1p-1f);
    high = r;
    low = (r * r) * q;
    t = high + low;
  }
  // m·2^n for m = e^r·(something in [1/8, 8]), or n = 0: scale_by (exact, or
  // the one rounding of a subnormal result).
  [[gnu::always_inline]] V scaled(V m) const { return scale_by(m, n); }
  // m·e^−w: m + m·t rounds once (m·t is at most 0.42m), then the power of two.
  [[gnu::always_inline]] V times(V m) const { return scale_by(m + m * t, n); }
};

// The piece of z (0: z < 1, 1: [1, 2), 2: [2, 4), 3: z ≥ 4) and the
// polynomials' variable v in it; pick(c0, c1, c2, c3) gives each lane the
// constant of its piece: one swizzle of a constant vector in wasm SIMD, a
// shuffle natively, an array element for scalar lanes (the same value, so
// every build rounds alike).
template <class V> struct Pieces {
  IntOf<V> selector;
  V v;
  [[gnu::always_inline]] explicit Pieces(V z) {
    const IntOf<V> bits = to_bits(z);
    // The exponent of z, biased so that [1, 2) gives 1, clamped to 0..3 (z ≤ 14.8).
    const IntOf<V> piece = max_int(min_int((bits >> 23) - ki<V>(126), ki<V>(3)), ki<V>(0));
#if defined(__wasm_simd128__)
    if constexpr (Shape<V>::kLanes > 1) {
      // The byte indices of lane `piece` of a 16-byte table, for i8x16.swizzle.
      selector = piece * ki<V>(0x04040404) + ki<V>(0x03020100);
    } else {
      selector = piece;
    }
#else
    selector = piece;
#endif
    // z/2^e − 3/2 for z in [1, 4): its mantissa bits, with the exponent of 1.
    const V mantissa = from_bits<V>((bits & ki<V>(0x007fffff)) | ki<V>(0x3f800000));
    const V above = select(z < k<V>(4.0f), mantissa - k<V>(1.5f), k<V>(4.0f) / z - k<V>(0.625f));
    v = select(z < k<V>(1.0f), z - k<V>(0.75f), above);
  }
  // (c0 + v·H)·e^r for c0 = hi + lo (each given per piece), vh = v·H and
  // e^r = 1 + high + low (GaussExp: t unrounded), with c = hi + vh:
  //   hi + (((lo + vh) + c·low) + c·high),
  // where hi is exact and the rest at most 0.6 of the result, so the sum is
  // one rounding plus the smaller terms' roundings at a fraction of their
  // weight (rounding t = high + low first cost up to 0.4 ULP more).
  [[gnu::always_inline]] V times_exp(V vh, const GaussExp<V>& e, float hi0, float hi1, float hi2, float hi3, float lo0,
                                     float lo1, float lo2, float lo3) const {
    const V hi = pick(hi0, hi1, hi2, hi3);
    const V c = hi + vh;
    return hi + (((pick(lo0, lo1, lo2, lo3) + vh) + c * e.low) + c * e.high);
  }
  [[gnu::always_inline]] V pick(float c0, float c1, float c2, float c3) const {
    if constexpr (Shape<V>::kLanes == 1) {
      const float table[4] = {c0, c1, c2, c3};
      return table[selector];
    } else {
      V table = {c0, c1, c2, c3};
#if defined(__wasm_simd128__)
      __asm__("" : "+r"(table));  // a loop constant, in a register (see simd::constant)
      return reinterpret_cast<V>(
          wasm_i8x16_swizzle(reinterpret_cast<v128_t>(table), reinterpret_cast<v128_t>(selector)));
#elif defined(__GNUC__) && !defined(__clang__)
      return __builtin_shuffle(table, selector);
#else
      return select(selector == ki<V>(0), k<V>(c0),
                    select(selector == ki<V>(1), k<V>(c1), select(selector == ki<V>(2), k<V>(c2), k<V>(c3))));
#endif
    }
  }
};

struct Gelu {
  static constexpr float kClamp = 14.8f;

  // e^r·G(z) for z ≥ 1/2 (see above): G within 2^-26.8 on every piece.
  template <class V> [[gnu::always_inline]] static V tail_value(const Pieces<V>& pieces, const GaussExp<V>& e) {
    const V v = pieces.v;
    V h = pieces.pick(-0x1.cbd35ap-12f, -0x1.111ddp-14f, -0x1.617274p-11f, -0x1.80432ap-13f);
    h = h * v + pieces.pick(0x1.619d52p-10f, 0x1.d84c04p-13f, 0x1.7d9cbep-10f, 0x1.5bdc24p-14f);
    h = h * v + pieces.pick(-0x1.fba276p-9f, -0x1.7593f4p-11f, -0x1.645178p-9f, 0x1.287abap-11f);
    h = h * v + pieces.pick(0x1.57255cp-7f, 0x1.218c92p-9f, 0x1.64e164p-8f, -0x1.61f5bap-10f);
    h = h * v + pieces.pick(-0x1.a894bp-6f, -0x1.9ef26cp-8f, -0x1.50981p-7f, 0x1.84546ep-13f);
    h = h * v + pieces.pick(0x1.d68c76p-5f, 0x1.0d60b8p-6f, 0x1.23a64ap-6f, 0x1.c3201cp-8f);
    h = h * v + pieces.pick(-0x1.c2c6ecp-4f, -0x1.33204p-5f, -0x1.c6426ap-6f, -0x1.0ec464p-6f);
    h = h * v + pieces.pick(0x1.5bf7f2p-3f, 0x1.204038p-4f, 0x1.2c08b4p-5f, -0x1.bf12e8p-6f);
    return pieces.times_exp(v * h, e, 0x1.cd2836p-3f, 0x1.3c144p-2f, 0x1.754a76p-2f, 0x1.8f327ep-2f,  //
                            -0x1.95a73cp-28f, 0x1.62854p-29f, -0x1.e28daap-27f, -0x1.c0bf4cp-29f);
  }
  // g = x/2 + x²·E(x²) for |x| < 1/2: E within 2^-24.4 of (Φ(x) − ½)/x.
  // Written x/2 − x²·(−E) so that g(−0) = −0 − (+0) = −0.
  template <class V> [[gnu::always_inline]] static V central_value(V x) {
    const V v = x * x;
    V e = k<V>(0x1.2884d6p-10f);
    e = e * v + k<V>(-0x1.46871cp-7f);
    e = e * v + k<V>(0x1.1057c2p-4f);
    e = e * v + k<V>(-0x1.988452p-2f);
    return k<V>(0.5f) * x - v * e;
  }
  // x for x ≥ 0, −0 for x < 0: g = positive_part(x) − S is −S or x − S,
  // and g(−inf) = −0 − 0 = −0.
  template <class V> [[gnu::always_inline]] static V positive_part(V x) {
    return select(x < k<V>(0.0f), k<V>(-0.0f), x);
  }
  template <class V> [[gnu::always_inline]] static V value_of(V x, V z, const Pieces<V>& pieces, const GaussExp<V>& e) {
    const V s = e.scaled(tail_value(pieces, e));
    return select(z < k<V>(0.5f), central_value(x), positive_part(x) - s);
  }

  // D(z)·e^w = (z0 − z)·F(z), F within 2^-26.8 (e^r folded in as for G);
  // z0 − z = (z0_hi − z) + z0_lo,
  // the difference exact near z0 (Sterbenz), so g' keeps its relative
  // accuracy around its zero at x = −z0. g' = D or 1 − D.
  template <class V>
  [[gnu::always_inline]] static V derivative_of(V x, V z, const Pieces<V>& pieces, const GaussExp<V>& e) {
    const V v = pieces.v;
    V h = pieces.pick(-0x1.4807f4p-12f, -0x1.20731ep-15f, -0x1.5035fcp-12f, 0x1.8f465cp-15f);
    h = h * v + pieces.pick(0x1.d3cebap-12f, 0x1.12cbe8p-13f, 0x1.999a12p-11f, 0x1.00ea66p-16f);
    h = h * v + pieces.pick(-0x1.cd190ep-10f, -0x1.e59a1ap-12f, -0x1.c1fe58p-10f, -0x1.4d0abcp-12f);
    h = h * v + pieces.pick(0x1.5416bap-8f, 0x1.a6a77ap-10f, 0x1.04db5ap-8f, 0x1.6e6472p-11f);
    h = h * v + pieces.pick(-0x1.d62c2ap-7f, -0x1.5c77dp-8f, -0x1.24cb2p-7f, 0x1.5e60f8p-11f);
    h = h * v + pieces.pick(0x1.2c4e36p-5f, 0x1.0deec6p-6f, 0x1.3bfc3ep-6f, -0x1.864f98p-7f);
    h = h * v + pieces.pick(-0x1.5bb32p-4f, -0x1.853bdp-5f, -0x1.479ce2p-5f, 0x1.ed4c08p-5f);
    const V f = pieces.times_exp(v * h, e, 0x1.252658p-1f, 0x1.0cadd8p-1f, 0x1.e9c6dep-2f, 0x1.c3d92cp-2f,  //
                                 -0x1.d55eb6p-26f, 0x1.3e636ep-26f, -0x1.ca485ep-28f, 0x1.7daea6p-30f);
    const V distance = (k<V>(0x1.80ead2p-1f) - z) + k<V>(-0x1.a03fd4p-27f);
    const V d = e.scaled(distance * f);
    return select(x < k<V>(0.0f), d, k<V>(1.0f) - d) + k<V>(0.0f);  // + 0: g'(−inf) = +0, not −0
  }

  template <class V> [[gnu::always_inline]] static V clamped(V x) { return min(k<V>(kClamp), fast::fabs(x)); }

  template <class V> [[gnu::always_inline]] static V value(V x, const Params&) {
    const V z = clamped(x);
    return value_of(x, z, Pieces<V>(z), GaussExp<V>(z));
  }
  template <class V> [[gnu::always_inline]] static V derivative(V x, const Params&) {
    const V z = clamped(x);
    return derivative_of(x, z, Pieces<V>(z), GaussExp<V>(z));
  }
  // g'' = e^−w·(2/√(2π))·(1 − z²/2), with z² = z_hi² + 2z_hi·z_lo + z_lo², each
  // term exact (12-bit halves): 1 − z²/2 = ((1 − w_hi) − z_hi·z_lo) − z_lo²/2,
  // where 1 − w_hi is exact for w_hi in [1/2, 2] (Sterbenz), and so is the
  // next difference where 1 − z²/2 is small (z near √2, the zeros), so the
  // factor is within about an ULP everywhere, and exact at 0 (g''(0) = 2φ(0)
  // correctly rounded). (The rounded w_lo would not do: its own rounding,
  // 2^-24 of 2^-11 of w, is 185 ULP of 1 − w near √2; nor would
  // (√2_hi − z + √2_lo)(√2_hi + z), 1 ULP off at 0, where √2_hi² ≠ 2.)
  template <class V> [[gnu::always_inline]] static V second(V x, const Params&) {
    const GaussExp<V> e(clamped(x));
    const V factor = ((k<V>(1.0f) - e.w_hi) - e.z_hi * e.z_lo) - k<V>(0.5f) * (e.z_lo * e.z_lo);
    return e.times(factor * k<V>(0x1.988454p-1f)) + k<V>(0.0f);  // + 0: g''(±inf) = +0
  }
  // (No both(): the fused pass inlines value and derivative side by side, and
  // the compiler shares z, the pieces and the exponential by itself; a both()
  // measured the same, 0.119 el/ns.)
};

}  // namespace act::fast
