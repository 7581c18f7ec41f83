// The formulas of every activation, written once for any V of simd.hpp.
//
// Each struct has value(x, p) = g(x) and derivative(x, p) = g'(x). NaN in
// gives a NaN out (its sign and payload are not specified: a compiler may
// lower a select to a min/max instruction that returns the default NaN). The doc
// block states how each is computed and why; the achieved accuracy is stated
// in the registry (registry.cpp) and asserted by tests/cpp against the oracle.
#pragma once

#include "exp.hpp"
#include "params.hpp"

namespace act::fn {

using namespace act::simd;

// sigmoid(x) = 1 / (1 + e^−x).
// With s = e^−|x| ∈ (0, 1]: σ(|x|) = 1/(1+s) and σ(−|x|) = s/(1+s), so no
// e^x overflows and the negative tail keeps full relative accuracy down to
// the subnormals (σ(−100) ≈ 3.7e−44, not 0).
// σ'(x) = s/(1+s)² — the seed's e^−z/(1+e^−z)² rewritten with s ≤ 1. It equals
// σ(1−σ) mathematically, but σ(1−σ) computed from a rounded σ is 0 once
// σ rounds to 1 (x ≥ 16.64); this form stays accurate to σ'(±103.9) ≈ 1e−45.
struct Sigmoid {
  template <class V> static V value(V x, const Params&) {
    V s = math::exp(-abs(x));
    V q = 1.0f / (1.0f + s);
    return select(x < 0.0f, s * q, q);
  }
  template <class V> static V derivative(V x, const Params&) {
    V s = math::exp(-abs(x));
    V d = 1.0f + s;
    return (s / d) / d;
  }
};

// tanh(x) = (e^2x − 1)/(e^2x + 1) = u/(u + 2) with u = e^2|x| − 1 ≥ 0, sign
// restored after. expm1 keeps u accurate near 0, so tanh(x) ≈ x has full
// relative accuracy for small x; |x| is clamped to 9.1, beyond which tanh
// rounds to ±1 in float32 (threshold 9.010914).
// tanh'(x) = 1 − tanh²(x) = 4s/(1+s)² with s = e^−2|x|: no cancellation, so it
// stays accurate where 1 − y² from a rounded y gives 0 (|x| ≥ 9.0109). The
// factor 4 is folded into the exponential (exp_scaled) so the subnormal tail
// (|x| > 43.7) is rounded once.
struct Tanh {
  template <class V> static V value(V x, const Params&) {
    V u = math::expm1(2.0f * min(abs(x), splat<V>(9.1f)));
    return keep_nan(x, copysign(u / (u + 2.0f), x));
  }
  template <class V> static V derivative(V x, const Params&) {
    V four_s = math::exp_scaled(-2.0f * abs(x), 2);
    V d = 1.0f + 0.25f * four_s;
    return (four_s / d) / d;
  }
};

// relu(x) = max(0, x), with relu(−0) = +0. Written as "x > 0 ? x : +0", which
// gives the same value whether the compiler keeps the select or lowers it to
// a max instruction. relu'(x) = 1 for x > 0, 0 for x ≤ 0: at the kink
// relu'(0) = 0, as PyTorch and TF.js.
struct Relu {
  template <class V> static V value(V x, const Params&) {
    return keep_nan(x, select(x > 0.0f, x, splat<V>(0.0f)));
  }
  template <class V> static V derivative(V x, const Params&) {
    return keep_nan(x, select(x > 0.0f, splat<V>(1.0f), splat<V>(0.0f)));
  }
};

// leaky_relu(x) = x for x ≥ 0, αx for x < 0 (p.v[0] = α). Written with a
// comparison rather than max(x, αx), which is only right for α ≤ 1.
// α ∈ [0, 1] (registry); α = 0 is ReLU with −0 for negative x.
// leaky_relu'(x) = 1 for x > 0, α for x ≤ 0: at the kink α, as PyTorch and
// TF.js.
struct LeakyRelu {
  template <class V> static V value(V x, const Params& p) {
    V negative = x * p.v[0];
    // α = 0 and x = −inf give 0·(−inf) = NaN; the limit is 0 (−0 like 0·x).
    negative = select(negative != negative, splat<V>(-0.0f), negative);
    return select(x < 0.0f, negative, x);
  }
  template <class V> static V derivative(V x, const Params& p) {
    return keep_nan(x, select(x > 0.0f, splat<V>(1.0f), splat<V>(p.v[0])));
  }
};

}  // namespace act::fn
