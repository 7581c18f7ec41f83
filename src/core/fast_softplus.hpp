// The fast tier's softplus and log-sigmoid: float32 lanes, every order from
// one exponential s = e^−|u| = 2^n·(1 + t) (fast.hpp's reduction) and the
// log1p of fast_log.hpp, for V = float or f32x4.
//
//   softplus(x) = max(x, 0) + log1p(s)/β, u = βx, s = e^−|u|
//                 (and x where u > τ, PyTorch's threshold);
//   softplus'   = σ(u): a = σ(−|u|) = s/(1 + s) for u ≤ 0, 1 − a above;
//   softplus''  = β·σ(u)σ(−u) = β·s/(1 + s)² (0 where u > τ);
//   log σ(x)    = min(x, 0) − log1p(s), s = e^−|x| (softplus(−x) at β = 1
//                 without a threshold), (log σ)' = σ(−x), (log σ)'' = −σ'(x).
// With q = 1/(1 + s): a = (p·q)·2^n, σσ' = ((p·q)·q)·2^n, and log1p(s) =
// M·2^n (fast_log.hpp; for |u| ≤ 0.35 softplus is ln2 + u/2 + log cosh(u/2)
// instead), 2^n applied last (scale_by), so the left tails
// (softplus(x) ≈ e^βx/β, log-sigmoid's −e^−x, a, σ'), which reach the
// subnormals, keep their accuracy there and round once.
//
// β = 1 (softplus's default, and log-sigmoid) takes u = x. Any other β
// needs u = βx exactly: a rounded βx = −87 is off by up to 2^-18, which
// moves e^u, and so the left tail, by about 40 ULP. So u = hi + lo, Dekker's
// product (Veltkamp splits of x and β, exact without FMA), and the
// exponential's reduction takes the lo (ExpOfSum, fast_product_exp.hpp); the threshold test
// u > τ is exact as well, as in the faithful formula. The kernels choose
// between the two once per call (Softplus::With).
#pragma once

#include "fast.hpp"
#include "fast_log.hpp"
#include "fast_product_exp.hpp"

namespace act::fast {

// The parts every order uses, from s = e^−|u| = 2^n·p, p = 1 + t, and
// s as a normal float32 (normal_power).
template <class V> struct SoftPieces {
  V t, p, s;
  IntOf<V> n;
  SoftPieces(V t_, IntOf<V> n_) : t(t_), p(k<V>(1.0f) + t_), s(normal_power(n_, p)), n(n_) {}
  // log1p(s) = M·2^n (|u| > 0.35): M − 1, and M itself, the sum rounded once.
  V log1p_mantissa_minus_one() const { return fast::log1p_mantissa_minus_one(t, s); }
  V log1p_mantissa() const { return k<V>(1.0f) + log1p_mantissa_minus_one(); }
  // M/β = (1 + (M − 1))·(ib_hi + ib_lo), 1/β = ib_hi + ib_lo, rounded once:
  // M − 1 (up to 0.42) times ib_hi can be as large as the result, so its
  // product is formed exactly (Dekker, ib_hi split once per call) and summed
  // with ib_hi exactly (Fast2Sum: |ib_hi| is the larger); a division, or a
  // rounded product, would add half an ULP to M's own rounding.
  V log1p_mantissa_times(float ib_hi, float ib_lo) const {
    const V m1 = log1p_mantissa_minus_one();
    const float c = ib_hi * 4097.0f;
    const float ih = c - (c - ib_hi), il = ib_hi - ih;
    const V product = m1 * k<V>(ib_hi);
    const V ms = m1 * k<V>(4097.0f);
    const V mh = ms - (ms - m1), ml = m1 - mh;
    const V product_lo = (((mh * k<V>(ih) - product) + mh * k<V>(il)) + ml * k<V>(ih)) + ml * k<V>(il);
    const V sum = k<V>(ib_hi) + product;
    const V sum_lo = product - (sum - k<V>(ib_hi));
    return sum + (sum_lo + (product_lo + (m1 * k<V>(ib_lo) + k<V>(ib_lo))));
  }
  // q = 1/(1 + s): 1 + s rounds once (s's own rounding is below its ULP
  // for s ≤ 1/2 and weighs half at s = 1); a = σ(−|u|) = (p·q)·2^n
  // within about 2 ULP (s, 1 + s, q, p and p·q each rounded once).
  V q() const { return k<V>(1.0f) / (k<V>(1.0f) + s); }
};

// Softplus, with β = 1 (kUnit: u = x) or any β in the registry's range
// [0.01, 100] (u = βx as hi + lo), τ any float32 > 0.
struct Softplus {
  // x clamped to ±2^14 before the product: beyond, |βx| ≥ 163 for every
  // allowed β, past both the threshold (τ ≤ 100) and the left tail's end
  // (|u| = 110), so the result is the same; and x·4097 cannot overflow.
  static constexpr float kClamp = 0x1p14f;
  // e^−110/β < 2^-150 for β ≥ 0.01: softplus, σ and σ' are 0 there.
  static constexpr float kTail = 110.0f;

  // u = βx (hi + lo), the threshold's mask and the exponential of −|u|.
  template <bool kUnit, class V> struct Reduced {
    IntOf<V> above;  // u > τ (exactly)
    V hi;            // u rounded (x itself at β = 1)
    SoftPieces<V> e;
    static SoftPieces<V> pieces(V w, V w_lo) {
      if constexpr (kUnit) {
        const Exp<V> ex(w);
        return SoftPieces<V>(ex.t, ex.n);
      } else {
        const ExpOfSum<V> ex(w, w_lo);  // fast_product_exp.hpp
        return SoftPieces<V>(ex.t, ex.n);
      }
    }
    static Reduced of(V x, const Params& p) {
      const V tau = k<V>(p.v[1]);
      if constexpr (kUnit) {
        // The clamp keeps a NaN x (min returns its second operand then).
        return {x > tau, x, pieces(-min(k<V>(kTail), fast::fabs(x)), V{})};
      } else {
        // Veltkamp: β = bh + bl and x = xh + xl with 12-bit halves (once
        // per call for β, hoisted out of the loop), so every partial product
        // is exact and lo = βx − hi exactly (Dekker).
        const float beta = p.v[0];
        const float c = beta * 4097.0f;
        const float bh = c - (c - beta), bl = beta - bh;
        const V xc = max(k<V>(-kClamp), min(k<V>(kClamp), x));
        const V hi = xc * k<V>(beta);
        const V xs = xc * k<V>(4097.0f);
        const V xh = xs - (xs - xc), xl = xc - xh;
        const V lo = (((xh * k<V>(bh) - hi) + xh * k<V>(bl)) + xl * k<V>(bh)) + xl * k<V>(bl);
        const IntOf<V> above = (hi > tau) | ((hi == tau) & (lo > k<V>(0.0f)));
        // −|u| = −|hi| − sign(hi)·lo, clamped to −110 (and its lo to 0).
        const auto far = fast::fabs(hi) > k<V>(kTail);
        const V w = select(far, k<V>(-kTail), -fast::fabs(hi));
        const V w_lo = select(far, k<V>(0.0f), select(hi < k<V>(0.0f), lo, -lo));
        return {above, hi, pieces(w, w_lo)};
      }
    }
  };

  template <bool kUnit> struct Formula {
    // softplus(u)/β for |u| ≤ 0.35: (ln2 + u/2 + log cosh(u/2))/β =
    // ln2/β + x/2 + log cosh(u/2)/β, with ln2/β as hi + lo (per call; at
    // β = 1 ln2's own) and x/2 exact: one rounding but for the inner sums'
    // (at most 0.2 of the result). log cosh from hi alone: lo moves it by
    // less than 2^-25 of its size, itself at most 0.03 of the result.
    template <class V> ACT_ALWAYS_INLINE static V centre(V x, V hi, const Params& p) {
      const V even = log_cosh_half(hi * hi);
      if constexpr (kUnit) return k<V>(kLn2Hi) + (x * k<V>(0.5f) + (even + k<V>(kLn2Lo)));
      const double ln2_over_beta = 0x1.62e42fefa39efp-1 / p.v[0];
      const float lb_hi = static_cast<float>(ln2_over_beta);
      const float lb_lo = static_cast<float>(ln2_over_beta - lb_hi);
      return k<V>(lb_hi) + (x * k<V>(0.5f) + (even * k<V>(1.0f / p.v[0]) + k<V>(lb_lo)));
    }
    // x + log1p(s)/β for x > 0 (x exact, the log term at most 0.6 of the
    // result), log1p(s)/β for x ≤ 0 (M/β: one more rounding at β ≠ 1),
    // each at |u| > 0.35; centre() within; x itself where u > τ.
    template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params& p, const Reduced<kUnit, V>& r) {
      V m;
      if constexpr (kUnit) {
        m = r.e.log1p_mantissa();
      } else {
        const double inverse = 1.0 / p.v[0];
        const float ib_hi = static_cast<float>(inverse);
        m = r.e.log1p_mantissa_times(ib_hi, static_cast<float>(inverse - ib_hi));
      }
      const V outer = select(x > k<V>(0.0f), x, k<V>(0.0f)) + scale_by(m, r.e.n);
      return select(r.above, x, select(fast::fabs(r.hi) > k<V>(0.35f), outer, centre(x, r.hi, p)));
    }
    template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params& p) {
      return value(x, p, Reduced<kUnit, V>::of(x, p));
    }
    // σ(u): a below 0, 1 − a above (a ≤ 1/2: half its error, one rounding).
    template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const Params& p) {
      const Reduced<kUnit, V> r = Reduced<kUnit, V>::of(x, p);
      const V a = scale_by(r.e.p * r.e.q(), r.e.n);
      return select(r.above, k<V>(1.0f), select(x > k<V>(0.0f), k<V>(1.0f) - a, a));
    }
    template <class V> ACT_ALWAYS_INLINE static V second(V x, const Params& p) {
      const Reduced<kUnit, V> r = Reduced<kUnit, V>::of(x, p);
      const V q = r.e.q();
      V m = (r.e.p * q) * q;
      if constexpr (!kUnit) m = m * k<V>(p.v[0]);
      return select(r.above, k<V>(0.0f), scale_by(m, r.e.n));
    }
    // g and g' from one reduction (the compiler merges the two inlined
    // bodies' common parts too; this says it).
    template <class V> ACT_ALWAYS_INLINE static void both(V x, const Params& p, V& g, V& dg) {
      const Reduced<kUnit, V> r = Reduced<kUnit, V>::of(x, p);
      g = value(x, p, r);
      const V a = scale_by(r.e.p * r.e.q(), r.e.n);
      dg = select(r.above, k<V>(1.0f), select(x > k<V>(0.0f), k<V>(1.0f) - a, a));
    }
  };

  // β = 1 has its own loops (fast_kernels_choosing: the choice once per call).
  template <bool kUnit> struct With : Formula<kUnit> {
    static bool serves(const Params& p) { return p.v[0] == 1.0f; }
  };
};

// log σ(x) = −softplus(−x): for |x| > 0.35, min(x, 0) − log1p(s),
// s = e^−|x|, written −(log1p(s) − min(x, 0)) so that the right tail, −e^−x,
// rounds to −0 rather than +0 where it underflows. x < −0.35: x − log1p(s),
// two negative terms (no cancellation), one rounding after log1p's; x > 0.35:
// −log1p(s) = −M·2^n, rounded once in the subnormals. |x| ≤ 0.35:
// −(ln2 − x/2 + log cosh(x/2)), as softplus's centre. (log σ)' = σ(−x) = a
// for x > 0, 1 − a below; (log σ)'' = −σ'(x) = −((p·q)·q)·2^n.
struct LogSigmoid {
  template <class V> ACT_ALWAYS_INLINE static SoftPieces<V> pieces(V x) {
    const Exp<V> e(-min(k<V>(Softplus::kTail), fast::fabs(x)));
    return SoftPieces<V>(e.t, e.n);
  }
  template <class V> ACT_ALWAYS_INLINE static V value(V x, const SoftPieces<V>& e) {
    const V outer = scale_by(e.log1p_mantissa(), e.n) - select(x < k<V>(0.0f), x, k<V>(0.0f));
    const V centre = k<V>(kLn2Hi) + (x * k<V>(-0.5f) + (log_cosh_half(x * x) + k<V>(kLn2Lo)));
    return -select(fast::fabs(x) > k<V>(0.35f), outer, centre);
  }
  template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const SoftPieces<V>& e) {
    const V a = scale_by(e.p * e.q(), e.n);
    return select(x > k<V>(0.0f), a, k<V>(1.0f) - a);
  }
  template <class V> ACT_ALWAYS_INLINE static V value(V x, const Params&) { return value(x, pieces(x)); }
  template <class V> ACT_ALWAYS_INLINE static V derivative(V x, const Params&) { return derivative(x, pieces(x)); }
  template <class V> ACT_ALWAYS_INLINE static V second(V x, const Params&) {
    const SoftPieces<V> e = pieces(x);
    const V q = e.q();
    return -scale_by((e.p * q) * q, e.n);
  }
  template <class V> ACT_ALWAYS_INLINE static void both(V x, const Params&, V& g, V& dg) {
    const SoftPieces<V> e = pieces(x);
    g = value(x, e);
    dg = derivative(x, e);
  }
};

}  // namespace act::fast
