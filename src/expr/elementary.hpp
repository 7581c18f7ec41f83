// Elementary functions of double lanes for the expression engine
// (V = double or f64x2): log, log1p, exp, expm1, tanh, sin, cos, erf, erfc,
// sigmoid, softplus, each over every double.
//
// core/math.hpp serves float32 results and may clamp (exp to [−700, 700],
// log1p to [0, 1], erfcx to 1e-13); a user's expression is evaluated in double
// and its intermediate values can be anything, so these keep double accuracy
// over the whole range, with C's results at NaN, ±inf, ±0, overflow and
// gradual underflow. All lanes run the same code (select, no branches) except
// the exact reduction of sin/cos arguments above 2^20·1.5, one lane at a time.
//
// Max error over every finite double, measured by tests/cpp/test_elementary.cpp
// against glibc's x87 long double functions (ULP of the double result, 2^-1074
// in the subnormal range; worst relative error in brackets):
//   exp 0.94 (2^-52.6), expm1 1.9 (2^-51.8), log 1.5 (2^-52.0),
//   log1p 1.5 (2^-52.0), tanh 2.4 (2^-51.4), sin 0.77 (2^-52.8),
//   cos 0.76 (2^-52.8), erf 1.7 (2^-51.9), erfc 2.9 (2^-51.1),
//   sigmoid 2.1 (2^-51.4), softplus 1.4 (2^-51.9).
// V = double and f64x2 give the same bits (no FMA contraction: CMakeLists).
#pragma once

#include <cstdint>
#include <limits>

#include "core/math.hpp"
#include "core/simd.hpp"

namespace act::expr::elem {

using namespace act::simd;

namespace detail {

#include "erfcx_double.inc"
#include "two_over_pi.inc"

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// a + b = s + e exactly, whatever the order of magnitudes (Knuth's TwoSum).
template <class V> inline void two_sum(V a, V b, V& s, V& e) {
  s = a + b;
  const V bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

// Dekker's split: hi holds the top 26 bits of x, so hi·hi and hi·(another
// hi) are exact; x = hi + lo exactly. |x| < 2^996 (no overflow of x·c).
template <class V> inline void split(V x, V& hi, V& lo) {
  const V c = x * 134217729.0;  // 2^27 + 1
  hi = c - (c - x);
  lo = x - hi;
}

// a·b = p + e exactly (Dekker's TwoProduct, no FMA).
inline void two_prod(double a, double b, double& p, double& e) {
  double ah, al, bh, bl;
  split(a, ah, al);
  split(b, bh, bl);
  p = a * b;
  e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// Integer lanes (|n| < 2^51) as doubles: the bits of 1.5·2^52 + n.
template <class V> inline V int_to_double(IntOf<V> n) {
  return from_bits<V>(to_bits(splat<V>(math::kRoundMagic)) + n) - math::kRoundMagic;
}

// e^r − 1 for |r| ≤ 0.35: r + r²·q(r), Taylor to r^14 (next term below
// 2^-62 relative; math::expm1_reduced stops at r^12, 2^-52, too coarse for
// double results).
template <class V> inline V expm1_taylor(V r) {
  V q = splat<V>(0x1.93974a8c07c9dp-37);  // 1/14!
  q = q * r + 0x1.6124613a86d09p-33;      // 1/13!
  q = q * r + 0x1.1eed8eff8d898p-29;      // 1/12!
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

// e^(x + extra) = (1 + p)·2^n, x = n·ln2 + r: Cody–Waite with ln2 in two
// parts (math.hpp), |x| ≤ 2^10 so that n·kLn2Hi is exact and x − n·kLn2Hi
// too. r is rounded once more when n·kLn2Lo is subtracted: that rounding
// error (up to 2^-55, which e^r − 1 would pass on, and 2^n·p − 1 amplify) is
// kept and added back to first order. extra, small, joins r, so that erfc
// can pass the part of −t² a double cannot hold.
template <class V> struct ExpReduced {
  V p;
  IntOf<V> n;
};
template <class V> inline ExpReduced<V> exp_reduce(V x, V extra) {
  const V shifted = x * math::kLog2e + math::kRoundMagic;
  const V n = shifted - math::kRoundMagic;
  const V r_hi = x - n * math::kLn2Hi;
  V r, r_lo;
  two_sum(r_hi, extra - n * math::kLn2Lo, r, r_lo);
  const V p = expm1_taylor(r);
  return {p + r_lo * (1.0 + p), to_bits(shifted) - to_bits(splat<V>(math::kRoundMagic))};
}

// y·2^n for n in [−1100, 1024]: 2^n as two normal factors; the first product
// is exact (y within [2^-10, 2]), the second rounds once, into the subnormals
// or to ±inf as IEEE multiplication does.
template <class V> inline V scale(V y, IntOf<V> n) {
  const IntOf<V> half = n >> 1;
  return (y * pow2i<V>(half)) * pow2i<V>(n - half);
}

// log(x) + corr for finite x > 0 (|corr| a rounding error of x's size): x =
// 2^k·(1 + f), 1 + f in [1/√2, √2] (f exact), log(1 + f) = 2·atanh(s) with
// s = f/(2 + f), |s| ≤ 0.1716; the odd series to s^23 (next term < 2^-60
// relative). As 2s = f − s·f, log(1 + f) = f − s·(f − 2s²·P(s²)): the exact f
// leads and the rounded part is at most f/5.
template <class V> inline V log_finite(V x, V corr) {
  const auto tiny = x < 0x1p-1022;  // subnormal: scale into the normals
  const V xs = select(tiny, x * 0x1p54, x);
  const IntOf<V> bits = to_bits(xs);
  const IntOf<V> e = ((bits >> 52) & 0x7ff) - 1023;
  V m = from_bits<V>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  const auto upper = m > 0x1.6a09e667f3bcdp+0;  // √2
  m = select(upper, m * 0.5, m);
  const V k =
      int_to_double<V>(e) + select(upper, splat<V>(1.0), splat<V>(0.0)) - select(tiny, splat<V>(54.0), splat<V>(0.0));
  const V f = m - 1.0;
  const V s = f / (2.0 + f);
  const V z = s * s;
  V p = splat<V>(1.0 / 23);
  for (int i = 21; i >= 3; i -= 2) p = p * z + 1.0 / i;
  const V small = (k * math::kLn2Lo + corr) - s * (f - 2.0 * z * p);
  return (k * math::kLn2Hi + f) + small;
}

// (t + 1)·erfcx(t) / (t + 1) for t in [0, 27.5], relative error 2^-51.5
// (scripts/fit_erfcx_double.py).
template <class V> inline V erfcx(V t) {
  const V u = ((t - kErfcxK) / (t + kErfcxK) - kErfcxMid) * kErfcxInvHalf;
  V acc = splat<V>(kErfcxCoeffs[0]);
  for (size_t i = 1; i < sizeof kErfcxCoeffs / sizeof kErfcxCoeffs[0]; ++i) acc = acc * u + kErfcxCoeffs[i];
  return acc / (t + 1.0);
}

// erfc(t) for t ≥ 0 = erfcx(t)·e^(−t²). t² is not a double: with t = hi + lo
// (hi of 26 bits), t² = hi² + lo·(hi + t) where hi² is exact and the rest
// (≤ 2^-25·t²) joins the reduced argument of the exponential, so the result
// keeps its relative accuracy down to the underflow (erfc(27.3) < 2^-1074),
// with one rounding there.
template <class V> inline V erfc_nonnegative(V t) {
  const V tc = min(t, splat<V>(kErfcxTMax));
  V hi, lo;
  split(tc, hi, lo);
  const ExpReduced<V> e = exp_reduce(-(hi * hi), -(lo * (hi + tc)));
  return scale(erfcx(tc) * (1.0 + e.p), e.n);
}

// erf(x) for |x| ≤ 1 by its Taylor series 2/√π·Σ (−1)^n x^(2n+1)/(n!(2n+1))
// to n = 18 (next term < 2^-60 relative at x = 1); alternating, but the
// partial sums of Horner's scheme never fall below a third of the leading
// term, so roundings stay at about an ULP.
template <class V> inline V erf_series(V x) {
  constexpr double c[19] = {
      0x1.20dd750429b6dp+0,  -0x1.812746b0379e7p-2,  0x1.ce2f21a042be2p-4,  -0x1.b82ce31288b51p-6,
      0x1.565bcd0e6a53fp-8,  -0x1.c02db40040b86p-11, 0x1.f9a326f9b89b7p-14, -0x1.f4d25c3e0c2ebp-17,
      0x1.b9e6c9dc651a3p-20, -0x1.5f742ec43e71ap-23, 0x1.fcc5720624c1cp-27, -0x1.51d7181c5d36dp-30,
      0x1.9e6ad5e55a730p-34, -0x1.d8453cb0c46eap-38, 0x1.f683ae4a97007p-42, -0x1.f56f071a885cfp-46,
      0x1.d70b3537f4765p-50, -0x1.a2007af3447f6p-54, 0x1.5f7919bc67b8cp-58,
  };
  const V z = x * x;
  V acc = splat<V>(c[18]);
  for (int i = 17; i >= 0; --i) acc = acc * z + c[i];
  return x * acc;
}

// π/2 in four parts: the first three have at most 33 bits, so q·part is
// exact for q ≤ 2^20; the sum is π/2 to 2^-160.
constexpr double kPio2_1 = 0x1.921fb544p+0;
constexpr double kPio2_2 = 0x1.0b4611a6p-34;
constexpr double kPio2_3 = 0x1.3198a2ep-69;
constexpr double kPio2_4 = 0x1.b839a252049c1p-104;
constexpr double kTwoOverPiD = 0x1.45f306dc9c883p-1;
// Above this, q = round(x·2/π) may pass 2^20: the exact reduction instead.
constexpr double kCodyWaiteMax = 0x1.8p20;

// x = q·π/2 + r for one finite |x| > kCodyWaiteMax (Payne–Hanek): with
// x = m·2^e, the bits of x·2/π that matter are m times a 224-bit window of
// 2/π starting where the product's weight falls below 4 (the words before
// give multiples of 4, which do not change sin or cos). 126 fraction bits of
// the product are kept: the closest any double comes to a multiple of π/2 is
// 2^-61 (at 6381956970095103·2^797), so r keeps 2^-63 relative accuracy.
// Returns q mod 4 and r = rhi + rlo, |r| ≤ π/4.
inline int64_t reduce_exact(double x, double& rhi, double& rlo) {
  const uint64_t bits = bit_cast<uint64_t>(x) & ~(uint64_t{1} << 63);
  const int e = static_cast<int>(bits >> 52) - 1075;
  const uint64_t m = (bits & 0x000fffffffffffff) | (uint64_t{1} << 52);
  const int i0 = e >= 2 ? (e - 2) / 32 : 0;
  const int s = e - 32 * i0;  // the product is R·2^(s − 224)
  // R = m·(words i0 .. i0 + 6) in 32-bit limbs, least significant first.
  uint32_t limb[9];
  uint64_t carry = 0;
  for (int j = 6; j >= 0; --j) {
    const unsigned __int128 t = static_cast<unsigned __int128>(m) * kTwoOverPi[i0 + j] + carry;
    limb[6 - j] = static_cast<uint32_t>(t);
    carry = static_cast<uint64_t>(t >> 32);
  }
  limb[7] = static_cast<uint32_t>(carry);
  limb[8] = static_cast<uint32_t>(carry >> 32);
  const auto bits_from = [&](int lo) {  // R's bits lo .. lo + 63
    const int k = lo / 32, off = lo % 32;
    const uint64_t low = limb[k] | (static_cast<uint64_t>(limb[k + 1]) << 32);
    return off == 0 ? low : (low >> off) | (static_cast<uint64_t>(limb[k + 2]) << (64 - off));
  };
  const int point = 224 - s;  // bit 0 of the integer part; in [191, 256]
  const unsigned __int128 u = (static_cast<unsigned __int128>(bits_from(point - 62)) << 64) | bits_from(point - 126);
  int64_t q = static_cast<int64_t>(u >> 126);
  __int128 f = static_cast<__int128>(u & ((static_cast<unsigned __int128>(1) << 126) - 1));
  if (f >= static_cast<__int128>(1) << 125) {  // round to the nearest q
    q += 1;
    f -= static_cast<__int128>(1) << 126;
  }
  const double fhi = static_cast<double>(f);
  const double flo = static_cast<double>(f - static_cast<__int128>(fhi));
  const double thi = fhi * 0x1p-126, tlo = flo * 0x1p-126;
  // r = t·π/2 in double-double.
  double p, perr;
  two_prod(thi, 0x1.921fb54442d18p+0, p, perr);
  const double tail = perr + (thi * 0x1.1a62633145c07p-54 + tlo * 0x1.921fb54442d18p+0);
  rhi = p + tail;
  rlo = (p - rhi) + tail;
  if (x < 0) {
    rhi = -rhi;
    rlo = -rlo;
    q = -q;
  }
  return q;
}

// x = q·π/2 + (rhi + rlo), |r| ≤ π/4 plus a hair, for finite x; other lanes
// give garbage that the callers replace. Up to kCodyWaiteMax: Cody–Waite with
// the four-part π/2 in double-double (each step exact or its error kept), so
// that r is right to about 2^-125 absolute, as the closest cases need.
template <class V> struct Reduced {
  V rhi, rlo;
  IntOf<V> q;
};
template <class V> inline Reduced<V> reduce_pio2(V x) {
  const auto large = abs(x) > kCodyWaiteMax;
  const V xc = select(large, splat<V>(0.0), x);
  const V shifted = xc * kTwoOverPiD + math::kRoundMagic;
  const V q = shifted - math::kRoundMagic;
  Reduced<V> out;
  out.q = to_bits(shifted) - to_bits(splat<V>(math::kRoundMagic));
  const V a = xc - q * kPio2_1;  // exact: q·kPio2_1 is exact and close to xc
  V s1, e1, s2, e2;
  two_sum(a, -(q * kPio2_2), s1, e1);
  two_sum(s1, -(q * kPio2_3), s2, e2);
  two_sum(s2, (e1 + e2) - q * kPio2_4, out.rhi, out.rlo);
  const auto exact = large & (abs(x) < kInf);
  if constexpr (Shape<V>::kLanes == 1) {
    if (exact) out.q = reduce_exact(x, out.rhi, out.rlo);
  } else {
    for (int i = 0; i < Shape<V>::kLanes; ++i) {
      if (exact[i]) {
        double hi, lo;
        out.q[i] = reduce_exact(x[i], hi, lo);
        out.rhi[i] = hi;
        out.rlo[i] = lo;
      }
    }
  }
  return out;
}

// sin(rhi + rlo) for |r| ≤ π/4 + a hair: Taylor to r^17 (next term < 2^-62
// relative), and sin(rhi + rlo) = sin(rhi) + rlo·cos(rhi).
template <class V> inline V sin_reduced(V rhi, V rlo) {
  const V z = rhi * rhi;
  V p = splat<V>(0x1.952c77030ad4ap-49);  // 1/17!
  p = p * z - 0x1.ae7f3e733b81fp-41;      // 1/15!
  p = p * z + 0x1.6124613a86d09p-33;      // 1/13!
  p = p * z - 0x1.ae64567f544e4p-26;      // 1/11!
  p = p * z + 0x1.71de3a556c734p-19;      // 1/9!
  p = p * z - 0x1.a01a01a01a01ap-13;      // 1/7!
  p = p * z + 0x1.1111111111111p-7;       // 1/5!
  p = p * z - 0x1.5555555555555p-3;       // 1/3!
  return rhi + (rhi * z * p + rlo * (1.0 - 0.5 * z));
}

// cos(rhi + rlo) for |r| ≤ π/4 + a hair: Taylor to r^16 (next < 2^-58
// relative). 1 − r²/2 is w plus its exact rounding error, so the large
// first step (w ≥ 0.69) is exact to the last bit.
template <class V> inline V cos_reduced(V rhi, V rlo) {
  const V z = rhi * rhi;
  V p = splat<V>(0x1.ae7f3e733b81fp-45);  // 1/16!
  p = p * z - 0x1.93974a8c07c9dp-37;      // 1/14!
  p = p * z + 0x1.1eed8eff8d898p-29;      // 1/12!
  p = p * z - 0x1.27e4fb7789f5cp-22;      // 1/10!
  p = p * z + 0x1.a01a01a01a01ap-16;      // 1/8!
  p = p * z - 0x1.6c16c16c16c17p-10;      // 1/6!
  p = p * z + 0x1.5555555555555p-5;       // 1/4!
  const V h = 0.5 * z;
  const V w = 1.0 - h;
  return w + (((1.0 - w) - h) + (z * z * p - rhi * rlo));
}

// sin(x) (quadrant_shift 0) or cos(x) (quadrant_shift 1 = sin(x + π/2)).
template <class V> inline V sin_quadrant(V x, int quadrant_shift) {
  const Reduced<V> r = reduce_pio2(x);
  const V s = sin_reduced(r.rhi, r.rlo);
  const V c = cos_reduced(r.rhi, r.rlo);
  const IntOf<V> q = r.q + quadrant_shift;
  V y = select((q & 1) == 0, s, c);
  y = select((q & 2) == 0, y, -y);
  return keep_nan(x, select(abs(x) == kInf, splat<V>(kNaN), y));
}

}  // namespace detail

// e^x: overflow to +inf above 709.78, gradual underflow to 0 below −745.13.
template <class V> inline V exp(V x) {
  const V xc = min(max(x, splat<V>(-746.0)), splat<V>(710.0));  // the ends already round to 0 and inf
  const detail::ExpReduced<V> e = detail::exp_reduce(xc, splat<V>(0.0));
  return keep_nan(x, detail::scale(1.0 + e.p, e.n));
}

// e^x − 1: the Taylor polynomial of math.hpp for |x| < ln2/2; else
// 2^n·p + (2^n − 1) with e^r − 1 = p (at most 2 bits cancel, at x ≈ 0.35);
// e^x beyond 40 (e^x − 1 rounds to e^x) and −1 below −40.
template <class V> inline V expm1(V x) {
  const V xc = min(max(x, splat<V>(-40.0)), splat<V>(40.0));
  const detail::ExpReduced<V> e = detail::exp_reduce(xc, splat<V>(0.0));
  const V two_n = pow2i<V>(e.n);
  V y = select(abs(x) < 0.34657359027997264, detail::expm1_taylor(x), (two_n - 1.0) + two_n * e.p);
  y = select(x > 40.0, exp(x), y);
  y = select(x < -40.0, splat<V>(-1.0), y);
  return keep_nan(x, select(x == 0.0, x, y));  // −0 stays −0
}

// log(x) for every double: −inf at ±0, NaN below 0, +inf at +inf.
template <class V> inline V log(V x) {
  V y = detail::log_finite(x, splat<V>(0.0));
  y = select(x == 0.0, splat<V>(-detail::kInf), y);
  y = select(x < 0.0, splat<V>(detail::kNaN), y);
  y = select(x == detail::kInf, x, y);
  return keep_nan(x, y);
}

// log(1 + u): w = 1 + u rounded and its exact error c, log1p(u) = log(w) +
// c/w (the second-order term is below 2^-100 relative). −inf at −1, NaN
// below, +inf at +inf, −0 stays −0.
template <class V> inline V log1p(V u) {
  V w, c;
  detail::two_sum(splat<V>(1.0), u, w, c);
  const V corr = select((w > 0.0) & (w < detail::kInf), c / w, splat<V>(0.0));
  V y = detail::log_finite(w, corr);
  y = select(w == 0.0, splat<V>(-detail::kInf), y);
  y = select(w < 0.0, splat<V>(detail::kNaN), y);
  y = select(w == detail::kInf, w, y);
  return keep_nan(u, select(u == 0.0, u, y));
}

// tanh(x) = e/(e + 2) with e = expm1(2|x|), so tanh keeps relative accuracy
// near 0 (tanh(x) = x below 2^-27); |x| is capped at 20, where e/(e + 2)
// has rounded to 1 (from 19.06 on). −0 stays −0.
template <class V> inline V tanh(V x) {
  const V e = expm1(2.0 * min(abs(x), splat<V>(20.0)));
  return keep_nan(x, copysign(e / (e + 2.0), x));
}

template <class V> inline V sin(V x) {
  const V y = detail::sin_quadrant(x, 0);
  return select(x == 0.0, x, y);  // sin(±0) = ±0
}

template <class V> inline V cos(V x) { return detail::sin_quadrant(x, 1); }

// erfc(x): erfcx·e^(−x²) for |x| ≥ 1/8 (2 − that for x < 0, no
// cancellation as erfc(|x|) ≤ 0.86), 1 − erf(x) below (erf ≤ 0.15).
// 0 from 27.3 on, 2 below −5.9.
template <class V> inline V erfc(V x) {
  const V a = abs(x);
  const V tail = detail::erfc_nonnegative(a);
  V y = select(x < 0.0, 2.0 - tail, tail);
  y = select(a < 0.125, 1.0 - detail::erf_series(x), y);
  return keep_nan(x, y);
}

// erf(x): the Taylor series for |x| < 1; ±(1 − erfc(|x|)) beyond, where
// erfc(|x|) ≤ 0.16 so its error shrinks by 5 in the result. ±1 from 5.93.
template <class V> inline V erf(V x) {
  const V a = abs(x);
  const V far = copysign(1.0 - detail::erfc_nonnegative(a), x);
  return keep_nan(x, select(a < 1.0, detail::erf_series(x), far));
}

// 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) for x < 0 (down to e^x's underflow:
// sigmoid(x) = e^x to double precision below −37). 0 at −inf, 1 at +inf.
template <class V> inline V sigmoid(V x) {
  const V e = exp(-abs(x));
  const V d = 1.0 + e;
  return keep_nan(x, select(x >= 0.0, 1.0 / d, e / d));
}

// log(1 + e^x) = max(x, 0) + log1p(e^−|x|): no overflow (softplus(1e300) =
// 1e300), no cancellation (both terms ≥ 0), and e^x's underflow for x < −745.
template <class V> inline V softplus(V x) {
  const V y = max(x, splat<V>(0.0)) + log1p(exp(-abs(x)));
  return keep_nan(x, y);
}

}  // namespace act::expr::elem
