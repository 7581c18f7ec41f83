// The formulas of every activation, written once for any V of simd.hpp.
//
// Each struct has value(x, p) = g(x), derivative(x, p) = g'(x) and
// second(x, p) = g''(x); p.v holds the parameters in registry order. The
// registry (registry.cpp) instantiates each order with float or double lanes
// and states the accuracy that the tests (tests/cpp) measure against the
// oracle. The piecewise-linear ones run in float lanes and use only float
// literals that are exact; sigmoid, tanh, ELU and SELU take float lanes and
// are mixed: their exponential is reduced in float32 and everything after it
// is float64 (math::with_exp_of_negative); the others run in double lanes
// and use double constants freely.
//
// NaN in gives a NaN out (its sign and payload are not specified: a compiler
// may lower a select to a min/max instruction that returns the default NaN).
// No formula subtracts nearly equal terms except near the interior zeros of
// some g' and g'', where near_zero() switches to a Taylor expansion about the
// zero, known to double-double precision (interior_zeros.hpp).
#pragma once

#include "interior_zeros.hpp"
#include "math.hpp"
#include "params.hpp"

namespace act::fn {

using namespace act::simd;

// Inside |t| < band around a zero z0 = hi + lo of f, f(z0 + t) is its Taylor
// polynomial; elsewhere the formula's own value. (u − hi) is exact there
// (Sterbenz), so t carries the full relative accuracy of the distance.
template <class V, size_t N> inline V near_zeros(V u, V formula, const zeros::InteriorZero (&zs)[N], double band) {
  for (const zeros::InteriorZero& z : zs) {
    const V t = (u - z.hi) - z.lo;
    V taylor = splat<V>(z.c[5]);
    for (int k = 4; k >= 1; --k) taylor = taylor * t + z.c[k];
    formula = select(abs(t) < band, taylor * t, formula);
  }
  return formula;
}

// Logistic pieces from s = e^−|u| ∈ (0, 1], which never overflows:
// σ(|u|) = 1/(1+s), σ(−|u|) = s/(1+s), σ' = s/(1+s)².
template <class V> struct Logistic {
  V s, d;  // d = 1 + s
  explicit Logistic(V u) : s(math::exp(-abs(u))), d(LaneOf<V>(1) + s) {}
  V of(V u) const {  // σ(u)
    const V q = LaneOf<V>(1) / d;
    return select(u < LaneOf<V>(0), s * q, q);
  }
  V of_negated(V u) const {  // σ(−u) = 1 − σ(u)
    const V q = LaneOf<V>(1) / d;
    return select(u < LaneOf<V>(0), q, s * q);
  }
  V slope() const { return (s / d) / d; }  // σ'(u)
  // 1 − 2σ(u) = −sign(u)·(1 − s)/(1 + s), with 1 − s = −expm1(−|u|) exact near 0.
  V one_minus_twice(V u) const {
    const V r = -math::expm1(-abs(u)) / d;
    return select(u > LaneOf<V>(0), -r, r);
  }
};

template <class V> inline V zero_like(V x) { return keep_nan(x, splat<V>(0)); }

// The self-gated functions (x times a gate that tends to 0 or 1) give
// ∞·0 = NaN at ±inf; the mathematical limits are known, so say them.
template <class V> inline V with_limits(V x, V formula, double at_negative_inf, double at_positive_inf) {
  constexpr double kInf = __builtin_inf();
  return select(x == -kInf, splat<V>(at_negative_inf), select(x == kInf, splat<V>(at_positive_inf), formula));
}

struct Identity {
  template <class V> static V value(V x, const Params&) { return x; }
  template <class V> static V derivative(V x, const Params&) { return keep_nan(x, splat<V>(1)); }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// body(t, 1 + t, ExpParts of t) in float64 lanes, t = e^−z from the float32
// reduction of z (the sigmoid's and tanh's common form).
template <class V, class Body> inline V over_one_plus_exp(V z, Body body) {
  return math::with_exp_of_negative(z, z, [&](auto, auto e) {
    using D = decltype(e.n);
    const D t = e.exp();
    return body(t, constant<D>(1.0) + t, e);
  });
}

// σ(x) = 1/(1 + t) with t = e^−x, σ' = t/(1 + t)², σ'' = σ'·(1 − 2σ) =
// t(t − 1)/(1 + t)³, with t − 1 = expm1(−x) accurate near 0. Mixed
// precision: t comes from the float32 reduction of x clamped to [−104, 104]
// (beyond which every order is out of float32's range) and may reach e^104,
// which float64 holds, so one formula serves both signs: the negative tail
// keeps its relative accuracy into the subnormals (σ(−100) ≈ 3.7e−44, not
// 0), and σ' holds to σ'(±103.9) ≈ 1e−45, where σ(1−σ) from a rounded σ is 0
// once σ rounds to 1 (x ≥ 16.64) and the seed's e^−z/(1+e^−z)² in float32
// is NaN below −88.7.
struct Sigmoid {
  template <class V, class Body> static V logistic(V x, Body body) {
    return over_one_plus_exp(min(math::exponent_bound<V>(104), max(math::exponent_bound<V>(-104), x)), body);
  }
  template <class V> static V value(V x, const Params&) {
    return logistic(x, [](auto t, auto d, auto) { return constant<decltype(t)>(1.0) / d; });
  }
  template <class V> static V derivative(V x, const Params&) {
    return logistic(x, [](auto t, auto d, auto) { return t / (d * d); });
  }
  template <class V> static V second(V x, const Params&) {
    // The magnitude, with the sign of −x (also at ±0 and where it underflows).
    return copysign(logistic(x, [](auto t, auto d, auto e) { return t * e.expm1() / (d * d * d); }), -x);
  }
};

// tanh = (1 − s)/(1 + s) with s = e^−2x and 1 − s = −expm1(−2x), accurate
// near 0, so tanh x ≈ x keeps its relative accuracy; tanh' = 1 − tanh² =
// 4s/(1 + s)², with no cancellation, so it holds where 1 − y² from a rounded
// y gives 0 (|x| ≥ 9.0109); tanh'' = −2·tanh·tanh' = 8s(s − 1)/(1 + s)³.
// Mixed precision as the sigmoid; 2x is exact in float32 and clamped to
// [−110, 110], where tanh' is far below float32's range. tanh and tanh''
// are computed as magnitudes and get their signs in float32 (that of x for
// tanh, the opposite for tanh''), which also gets ±0 right.
struct Tanh {
  template <class V, class Body> static V hyperbolic(V x, Body body) {
    return over_one_plus_exp(min(math::exponent_bound<V>(110), max(math::exponent_bound<V>(-110), x + x)), body);
  }
  template <class V> static V value(V x, const Params&) {
    return copysign(hyperbolic(x, [](auto, auto d, auto e) { return e.expm1() / d; }), x);
  }
  template <class V> static V derivative(V x, const Params&) {
    return hyperbolic(x, [](auto s, auto d, auto) { return constant<decltype(s)>(4.0) * s / (d * d); });
  }
  template <class V> static V second(V x, const Params&) {
    return copysign(
        hyperbolic(x, [](auto s, auto d, auto e) { return constant<decltype(s)>(8.0) * s * e.expm1() / (d * d * d); }),
        -x);
  }
};

// relu(x) = max(0, x), with relu(−0) = +0. Written as "x > 0 ? x : +0", which
// gives the same value whether the compiler keeps the select or lowers it to
// a max instruction. relu'(0) = 0, as PyTorch and TF.js.
struct Relu {
  template <class V> static V value(V x, const Params&) {
    return keep_nan(x, select(x > LaneOf<V>(0), x, splat<V>(0)));
  }
  template <class V> static V derivative(V x, const Params&) {
    return keep_nan(x, select(x > LaneOf<V>(0), splat<V>(1), splat<V>(0)));
  }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// leaky_relu(x) = x for x ≥ 0, αx for x < 0, α ∈ [0, 1]; written with a
// comparison rather than max(x, αx). leaky'(0) = α, as PyTorch and TF.js.
struct LeakyRelu {
  template <class V> static V value(V x, const Params& p) {
    V negative = x * LaneOf<V>(p.v[0]);
    // α = 0 and x = −inf give 0·(−inf) = NaN; the limit is 0 (−0 like 0·x).
    negative = select(negative != negative, splat_negative_zero<V>(), negative);
    return select(x < LaneOf<V>(0), negative, x);
  }
  template <class V> static V derivative(V x, const Params& p) {
    return keep_nan(x, select(x > LaneOf<V>(0), splat<V>(1), splat<V>(p.v[0])));
  }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// clamp(x, lo, hi) and its slope: 1 on the open interval, 0 at and beyond the
// ends (PyTorch's convention for relu6, hardtanh and hardsigmoid).
template <class V> inline V clamp(V x, LaneOf<V> lo, LaneOf<V> hi) {
  return keep_nan(x, select(x > lo, select(x < hi, x, splat<V>(hi)), splat<V>(lo)));
}
template <class V> inline V inside(V x, LaneOf<V> lo, LaneOf<V> hi, LaneOf<V> slope) {
  return keep_nan(x, select(x > lo, select(x < hi, splat<V>(slope), splat<V>(0)), splat<V>(0)));
}

struct Relu6 {
  template <class V> static V value(V x, const Params&) { return clamp(x, LaneOf<V>(0), LaneOf<V>(6)); }
  template <class V> static V derivative(V x, const Params&) {
    return inside(x, LaneOf<V>(0), LaneOf<V>(6), LaneOf<V>(1));
  }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// p.v[0] = min, p.v[1] = max (min < max, checked with the parameters).
struct Hardtanh {
  template <class V> static V value(V x, const Params& p) { return clamp(x, LaneOf<V>(p.v[0]), LaneOf<V>(p.v[1])); }
  template <class V> static V derivative(V x, const Params& p) {
    return inside(x, LaneOf<V>(p.v[0]), LaneOf<V>(p.v[1]), LaneOf<V>(1));
  }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// The exponential-linear family: x for x > 0, scale·α·(e^(x/width) − 1) for
// x ≤ 0, with expm1 so the branch keeps relative accuracy near 0. At the kink
// the derivatives take the negative branch (ELU'(0) = α, as PyTorch).
// Width 1 (ELU, SELU): mixed precision, e^x from the float32 reduction of
// z = −x clamped to [0, 110] (e^−110·10 is below float32's range).
template <class V> inline V exp_linear_unit_width(V x, double scale, double alpha, int order) {
  const V z = min(math::exponent_bound<V>(110), max(constant<V>(0.0f), -x));
  return math::with_exp_of_negative(x, z, [=](auto x, auto e) {
    using D = decltype(x);
    const auto positive = x > constant<D>(0.0);
    const D scaled_alpha = constant<D>(scale * alpha);
    if (order == 0) return select(positive, constant<D>(scale) * x, scaled_alpha * e.expm1());
    return select(positive, constant<D>(order == 1 ? scale : 0.0), scaled_alpha * e.exp());
  });
}
// Other widths (CELU): x/width is not exact in float32, so all in double.
template <class V> inline V exp_linear(V x, double scale, double alpha, double width, int order) {
  const auto positive = x > 0.0;
  const V u = x / width;
  if (order == 0) return keep_nan(x, select(positive, scale * x, (scale * alpha) * math::expm1(u)));
  // e^u itself: expm1(u) + 1 would lose the whole tail (u < −37) to rounding.
  const V e = math::exp(u);
  if (order == 1) return keep_nan(x, select(positive, splat<V>(scale), (scale * alpha / width) * e));
  return keep_nan(x, select(positive, splat<V>(0.0), (scale * alpha / (width * width)) * e));
}

struct Elu {  // p.v[0] = α
  template <class V> static V value(V x, const Params& p) { return exp_linear_unit_width(x, 1.0, p.v[0], 0); }
  template <class V> static V derivative(V x, const Params& p) { return exp_linear_unit_width(x, 1.0, p.v[0], 1); }
  template <class V> static V second(V x, const Params& p) { return exp_linear_unit_width(x, 1.0, p.v[0], 2); }
};

// Klambauer et al. (2017): the fixed point of self-normalisation.
constexpr double kSeluLambda = 1.0507009873554804934193349852946;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
struct Selu {
  template <class V> static V value(V x, const Params&) { return exp_linear_unit_width(x, kSeluLambda, kSeluAlpha, 0); }
  template <class V> static V derivative(V x, const Params&) {
    return exp_linear_unit_width(x, kSeluLambda, kSeluAlpha, 1);
  }
  template <class V> static V second(V x, const Params&) {
    return exp_linear_unit_width(x, kSeluLambda, kSeluAlpha, 2);
  }
};

// celu(x) = max(0, x) + min(0, α(e^(x/α) − 1)): the ELU form with width α.
struct Celu {  // p.v[0] = α
  template <class V> static V value(V x, const Params& p) { return exp_linear(x, 1.0, p.v[0], p.v[0], 0); }
  template <class V> static V derivative(V x, const Params& p) { return exp_linear(x, 1.0, p.v[0], p.v[0], 1); }
  template <class V> static V second(V x, const Params& p) { return exp_linear(x, 1.0, p.v[0], p.v[0], 2); }
};

// GELU, x·Φ(x). With e = e^(−x²/2) (x² is exact in double) and
// E = erfcx(|x|/√2): Φ(−|x|) = e·E/2, so the negative tail keeps relative
// accuracy (no 1 + erf cancelling) down to where gelu underflows (x < −14.5).
// g' = Φ + xφ, with φ = e/√(2π); near its zero at −0.7518 the Taylor form.
// g'' = φ·(2 − x²): for float32 x, x² is exact in double (48 bits) and so is
// 2 − x² near its zeros ±√2 (Sterbenz), so g'' keeps its relative accuracy.
struct Gelu {
  static constexpr double kInvSqrt2Pi = 0x1.9884533d43651p-2;
  template <class V> struct Parts {
    V e, half_erfc;  // e^(−x²/2) and Φ(−|x|)
    explicit Parts(V x) : e(math::exp(-0.5 * (x * x))), half_erfc(0.5 * e * math::erfcx(abs(x) * math::kSqrtHalf)) {}
    V cdf(V x) const { return select(x < 0.0, half_erfc, 1.0 - half_erfc); }
  };
  template <class V> static V value(V x, const Params&) {
    return keep_nan(x, with_limits(x, x * Parts<V>(x).cdf(x), -0.0, __builtin_inf()));
  }
  template <class V> static V derivative(V x, const Params&) {
    const Parts<V> q(x);
    const V formula = q.cdf(x) + x * (kInvSqrt2Pi * q.e);
    return keep_nan(x, with_limits(x, near_zeros(x, formula, zeros::kGeluD1, kBand), 0.0, 1.0));
  }
  template <class V> static V second(V x, const Params&) {
    const V phi = kInvSqrt2Pi * math::exp(-0.5 * (x * x));
    return keep_nan(x, with_limits(x, phi * (2.0 - x * x), 0.0, 0.0));
  }
  static constexpr double kBand = 0x1p-9;
};

// GELU with the tanh approximation: 0.5x(1 + tanh u) = x·σ(2u),
// u = k(x + a x³), k = √(2/π), a = 0.044715 — σ(2u) keeps the negative tail
// where 1 + tanh u cancels. With S = σ(2u), S' = 2S(1−S)u':
// g' = S + 2x S(1−S) u', g'' = 2S(1−S)·(2u' + x(2(1 − 2S)u'² + u'')).
struct GeluTanh {
  static constexpr double kK = 0x1.9884533d43651p-1;  // √(2/π)
  static constexpr double kA = 0.044715;
  template <class V> static V value(V x, const Params&) {
    const V u2 = 2.0 * kK * (x + kA * (x * x) * x);
    return keep_nan(x, with_limits(x, x * Logistic<V>(u2).of(u2), -0.0, __builtin_inf()));
  }
  template <class V> static V derivative(V x, const Params&) {
    const V u2 = 2.0 * kK * (x + kA * (x * x) * x);
    const Logistic<V> l(u2);
    const V du = kK * (1.0 + 3.0 * kA * (x * x));
    const V formula = l.of(u2) + 2.0 * x * l.slope() * du;
    return keep_nan(x, with_limits(x, near_zeros(x, formula, zeros::kGeluTanhD1, kBand), 0.0, 1.0));
  }
  template <class V> static V second(V x, const Params&) {
    const V u2 = 2.0 * kK * (x + kA * (x * x) * x);
    const Logistic<V> l(u2);
    const V du = kK * (1.0 + 3.0 * kA * (x * x));
    const V ddu = 6.0 * kK * kA * x;
    const V formula = 2.0 * l.slope() * (2.0 * du + x * (2.0 * l.one_minus_twice(u2) * du * du + ddu));
    return keep_nan(x, with_limits(x, near_zeros(x, formula, zeros::kGeluTanhD2, kBand), 0.0, 0.0));
  }
  static constexpr double kBand = 0x1p-9;
};

// SiLU / Swish, x·σ(βx) (p.v[0] = β). With u = βx (exact in double):
// g' = h1(u) = σ(u) + u σ'(u), g'' = β·h2(u), h2 = σ'(u)(2 + u(1 − 2σ(u))).
// The zeros of h1, h2 are in u, so they hold for every β. β > 0 (registry),
// so the limits at ±inf are those of β = 1.
struct Silu {
  template <class V> static V value(V x, const Params& p) {
    const V u = x * double(p.v[0]);
    return keep_nan(x, with_limits(x, x * Logistic<V>(u).of(u), -0.0, __builtin_inf()));
  }
  template <class V> static V derivative(V x, const Params& p) {
    const V u = x * double(p.v[0]);
    const Logistic<V> l(u);
    const V formula = l.of(u) + u * l.slope();
    return keep_nan(x, with_limits(x, near_zeros(u, formula, zeros::kSiluD1, kBand), 0.0, 1.0));
  }
  template <class V> static V second(V x, const Params& p) {
    const V u = x * double(p.v[0]);
    const Logistic<V> l(u);
    const V formula = l.slope() * (2.0 + u * l.one_minus_twice(u));
    return keep_nan(x, with_limits(x, double(p.v[0]) * near_zeros(u, formula, zeros::kSiluD2, kBand), 0.0, 0.0));
  }
  static constexpr double kBand = 0x1p-9;
};

// Mish, x·tanh(softplus x). With e = e^x, tanh(softplus x) = n/(n + 2),
// n = e(e + 2), and sech²(softplus x)·σ(x) = 4e(1 + e)/(n + 2)². Both are
// written with s = e^−|x| (e = s for x < 0, e = 1/s for x ≥ 0, multiplied
// through by s²) so nothing overflows: T = tanh(softplus x), G = sech²·σ.
// g = xT, g' = T + xG, g'' = G·(2 − 2xTσ + x(1 − σ)).
struct Mish {
  template <class V> struct Parts {
    V t, g, sig, one_minus_sig;
    explicit Parts(V x) {
      const V s = math::exp(-abs(x));
      const auto negative = x < 0.0;
      const V d_neg = s * s + 2.0 * s + 2.0;        // n + 2 with e = s
      const V d_pos = 1.0 + 2.0 * s + 2.0 * s * s;  // (n + 2)·s² with e = 1/s
      t = select(negative, s * (s + 2.0) / d_neg, (1.0 + 2.0 * s) / d_pos);
      g = select(negative, 4.0 * s * (1.0 + s) / (d_neg * d_neg), 4.0 * s * s * (1.0 + s) / (d_pos * d_pos));
      const V inv = 1.0 / (1.0 + s);
      sig = select(negative, s * inv, inv);
      one_minus_sig = select(negative, inv, s * inv);
    }
  };
  template <class V> static V value(V x, const Params&) {
    return keep_nan(x, with_limits(x, x * Parts<V>(x).t, -0.0, __builtin_inf()));
  }
  template <class V> static V derivative(V x, const Params&) {
    const Parts<V> q(x);
    return keep_nan(x, with_limits(x, near_zeros(x, q.t + x * q.g, zeros::kMishD1, kBand), 0.0, 1.0));
  }
  template <class V> static V second(V x, const Params&) {
    const Parts<V> q(x);
    const V formula = q.g * (2.0 - 2.0 * x * q.t * q.sig + x * q.one_minus_sig);
    return keep_nan(x, with_limits(x, near_zeros(x, formula, zeros::kMishD2, kBand), 0.0, 0.0));
  }
  static constexpr double kBand = 0x1p-9;
};

// softplus(x) = log(1 + e^(βx))/β for βx ≤ threshold, else x (PyTorch's
// switch; p.v[0] = β, p.v[1] = threshold). Written as
// (max(βx, 0) + log1p(e^−|βx|))/β, which never overflows.
struct Softplus {
  template <class V> static V value(V x, const Params& p) {
    const double beta = p.v[0];
    const V u = x * beta;
    const V soft = (max(u, splat<V>(0.0)) + math::log1p(math::exp(-abs(u)))) / beta;
    return keep_nan(x, select(u > double(p.v[1]), x, soft));
  }
  template <class V> static V derivative(V x, const Params& p) {
    const V u = x * double(p.v[0]);
    return keep_nan(x, select(u > double(p.v[1]), splat<V>(1.0), Logistic<V>(u).of(u)));
  }
  template <class V> static V second(V x, const Params& p) {
    const V u = x * double(p.v[0]);
    return keep_nan(x, select(u > double(p.v[1]), splat<V>(0.0), double(p.v[0]) * Logistic<V>(u).slope()));
  }
};

// softsign(x) = x/(1 + |x|); g' = 1/(1 + |x|)², g'' = −2 sign(x)/(1 + |x|)³,
// taken as 0 at x = ±0 where it jumps from +2 to −2. Powers of r = 1/(1+|x|)
// rather than of 1 + |x|, which would overflow for |x| > 1e102.
struct Softsign {
  template <class V> static V value(V x, const Params&) {
    const V formula = x / (LaneOf<V>(1) + abs(x));  // inf/inf at ±inf: the limit is ±1
    return select(abs(x) == LaneOf<V>(__builtin_inff()), copysign(splat<V>(1), x), formula);
  }
  template <class V> static V derivative(V x, const Params&) {
    const V r = LaneOf<V>(1) / (LaneOf<V>(1) + abs(x));
    return r * r;
  }
  template <class V> static V second(V x, const Params&) {
    const V r = LaneOf<V>(1) / (LaneOf<V>(1) + abs(x));
    const V magnitude = LaneOf<V>(2) * r * r * r;
    return keep_nan(x, select(x > LaneOf<V>(0), -magnitude, select(x < LaneOf<V>(0), magnitude, splat<V>(0))));
  }
};

// PyTorch's hardsigmoid relu6(x + 3)/6 (Keras and TF.js use clip(0.2x + 0.5)).
// x + 3 is exact near −3 (Sterbenz), so the tail near 0 keeps its accuracy.
struct Hardsigmoid {
  template <class V> static V value(V x, const Params&) {
    using Lane = LaneOf<V>;
    return keep_nan(x, select(x > Lane(-3), select(x < Lane(3), (x + Lane(3)) / Lane(6), splat<V>(1)), splat<V>(0)));
  }
  template <class V> static V derivative(V x, const Params&) {
    return inside(x, LaneOf<V>(-3), LaneOf<V>(3), LaneOf<V>(1) / LaneOf<V>(6));
  }
  template <class V> static V second(V x, const Params&) { return zero_like(x); }
};

// hardswish(x) = x·relu6(x + 3)/6. g' = (2x + 3)/6 on the closed [−3, 3]
// (−0.5 at −3 and 1.5 at 3, as PyTorch), 0 below, 1 above; g'' = 1/3 there.
struct Hardswish {
  template <class V> static V value(V x, const Params&) {
    using Lane = LaneOf<V>;
    const V middle = x * (x + Lane(3)) / Lane(6);
    return keep_nan(x, select(x > Lane(-3), select(x < Lane(3), middle, x), splat<V>(0)));
  }
  template <class V> static V derivative(V x, const Params&) {
    using Lane = LaneOf<V>;
    const V middle = (Lane(2) * x + Lane(3)) / Lane(6);
    return keep_nan(x, select(x < Lane(-3), splat<V>(0), select(x > Lane(3), splat<V>(1), middle)));
  }
  template <class V> static V second(V x, const Params&) {
    using Lane = LaneOf<V>;
    const V third = splat<V>(Lane(1) / Lane(3));
    return keep_nan(x, select(x < Lane(-3), splat<V>(0), select(x > Lane(3), splat<V>(0), third)));
  }
};

// log σ(x) = min(x, 0) − log1p(e^−|x|); g' = σ(−x); g'' = −σ'(x).
struct LogSigmoid {
  template <class V> static V value(V x, const Params&) {
    return keep_nan(x, min(x, splat<V>(0.0)) - math::log1p(math::exp(-abs(x))));
  }
  template <class V> static V derivative(V x, const Params&) { return Logistic<V>(x).of_negated(x); }
  template <class V> static V second(V x, const Params&) { return -Logistic<V>(x).slope(); }
};

// Squareplus (Barron 2021), (x + r)/2 with r = √(x² + b), b = p.v[0] ≥ 0.
// x² is exact in double for a float32 x and cannot overflow, so r is
// accurate everywhere. For x < 0, x + r and 1 + x/r cancel (every digit once
// x² ≫ b); multiplying by (r − x)/(r − x) turns both into sums:
// g = b/(2(r − x)), g' = b/(2r(r − x)). g'' = b/(2(x² + b)·r) has no
// subtraction. At b = 0 squareplus is relu, with relu's g'(0) = g''(0) = 0
// where the formulas give 0/0.
struct Squareplus {
  template <class V> struct Parts {
    V s, r;  // x² + b and its square root
    Parts(V x, double b) : s(x * x + b), r(simd::sqrt(s)) {}
  };
  template <class V> static V value(V x, const Params& p) {
    const double b = p.v[0];
    const Parts<V> q(x, b);
    return keep_nan(x, select(x < 0.0, b / (2.0 * (q.r - x)), 0.5 * (x + q.r)));
  }
  template <class V> static V derivative(V x, const Params& p) {
    const double b = p.v[0];
    const Parts<V> q(x, b);
    const V formula = select(x < 0.0, b / (2.0 * q.r * (q.r - x)), (q.r + x) / (2.0 * q.r));
    return keep_nan(x, with_limits(x, select(q.s == 0.0, splat<V>(0.0), formula), 0.0, 1.0));
  }
  template <class V> static V second(V x, const Params& p) {
    const double b = p.v[0];
    const Parts<V> q(x, b);
    return keep_nan(x, select(q.s == 0.0, splat<V>(0.0), b / (2.0 * q.s * q.r)));
  }
};

}  // namespace act::fn
