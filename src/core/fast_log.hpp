// The fast tier's log1p of an exponential: log1p(s) for s = e^w, w ≤ 0,
// given as s = 2^n·(1 + t) by an exponential's reduction (fast::Exp and
// its kin), float32 lanes, for the softplus family (softplus, log-sigmoid,
// Mish), whose every order is written in s = e^−|u| ∈ (0, 1].
//
// Split at |u| = 0.35 (an n = 0 reduction reaches s = 0.7, where s − s²H
// forms 0.44 of its result from the polynomial and the measured error
// reached 2.4 ULP; beyond 0.35, n ≤ −1 and s ≤ 0.705):
//
// |u| > 0.35: log1p(s) = s − s²H(s), H(s) = (s − log1p(s))/s² ∈ [0.36, 1/2]:
// the leading s carries most of the value and is exact in the form used
// here, and the polynomial only forms the second term, at most 0.34 of the
// result, so its errors reach the result at that weight or less. H is a
// degree-8 polynomial in v = s − 3/8 (scripts/fit_fast_log.py: 2^-24.6
// relative; its terms fall by about 2.8× a degree, so Horner does not
// cancel). With s = 2^n·p, p = 1 + t:
//   log1p(s) = 2^n·(1 + (t − p·(s·H(s)))) = 2^n·M,
// where 1 + t is never rounded on its own: t − p·sH is formed first (in
// [−0.4, 0.42]; p·sH as sH + t·sH, so p's rounding does not enter), and the
// sum with 1 (or with 1/β, softplus) rounds once. M ∈ [0.53, 1.42], and 2^n
// is for the caller to apply last (fast::scale_by), so a result that is
// subnormal is rounded once. s itself (rounded, and clamped to the normal
// range, where below 2^-126 s·H vanishes beside 1 anyway) only feeds H and
// the product.
//
// |u| ≤ 0.35: softplus(u) = ln2 + u/2 + log cosh(u/2), the last term
// w·C(w), w = u², a degree-2 polynomial C (2^-25.1), at most 0.03 of the
// result: ln2_hi + (u/2 + (w·C + ln2_lo)) rounds once but for the small
// inner sums.
#pragma once

#include "fast.hpp"

namespace act::fast {

// s = 2^n·p for an exponential's parts with n ≤ 0, clamped to the normal
// range: exact for n ≥ −126 but for p's own rounding.
template <class V> inline V normal_power(IntOf<V> n, V p) { return pow2<V>(max_int(n, ki<V>(-126))) * p; }

// M − 1 with log1p(s) = 2^n·M, for s = 2^n·(1 + t), n ≤ −1, and s as the
// caller has it (normal_power): the caller adds the 1 (or 1/β, and the
// rest times 1/β), the one rounding of the last step.
template <class V> inline V log1p_mantissa_minus_one(V t, V s) {
  const V v = s - k<V>(0.375f);  // exact for s ∈ [3/16, 3/4] (Sterbenz); below, its rounding hardly moves H
  V h = k<V>(0x1.35da3p-7f);     // scripts/fit_fast_log.py
  h = h * v + k<V>(-0x1.9d3144p-7f);
  h = h * v + k<V>(0x1.12b99cp-6f);
  h = h * v + k<V>(-0x1.b2221cp-6f);
  h = h * v + k<V>(0x1.5a269ep-5f);
  h = h * v + k<V>(-0x1.1919a2p-4f);
  h = h * v + k<V>(0x1.d8f51cp-4f);
  h = h * v + k<V>(-0x1.a4331ep-3f);
  h = h * v + k<V>(0x1.9bc1e2p-2f);
  const V x = s * h;
  return t - (x + t * x);  // p·x, without p's rounding
}

// log cosh(u/2) = w·C(w), w = u², for |u| ≤ 0.36.
template <class V> inline V log_cosh_half(V w) {
  V c = k<V>(0x1.66c7b2p-12f);  // scripts/fit_fast_log.py
  c = c * w + k<V>(-0x1.555138p-8f);
  c = c * w + k<V>(0x1p-3f);
  return w * c;
}

// ln2 = hi + lo.
inline constexpr float kLn2Hi = 0x1.62e43p-1f;
inline constexpr float kLn2Lo = -0x1.05c61p-29f;

}  // namespace act::fast
