// Helpers of the fast tier's parametrised functions (fast_silu.hpp,
// fast_celu.hpp, fast_softplus.hpp), beside fast.hpp's: the product of x
// and a runtime constant carried as hi + lo, the exponential of such a sum,
// and kernels that choose once per call between two forms of a formula.
//
// Why hi + lo: these functions reach e^w with w = c·x (SiLU's βx, CELU's
// x/α, GELU-tanh's cubic). Rounding w to float32 moves it by up to
// 2^-24·|w|, and e^w by that much relative: at w = −87 some 40 ULP. Carried
// as hi + lo to about 2^-35·|w|, the exponential stays within a tenth of an
// ULP of e^w for every |w| ≤ 120.
#pragma once

#include "fast.hpp"
#include "kernels.hpp"
#include "registry.hpp"

namespace act::fast {

// A float32 cut into 12 significant bits (hi, its low 12 mantissa bits
// cleared) and the rest (lo = c − hi, exact, at most 12 bits): products of
// two such halves have at most 24 bits and are exact (unless they underflow,
// where they are far below anything the callers' results can see).
struct Halves {
  float hi, lo;
  explicit Halves(float c) : hi(bit_cast<float>(bit_cast<uint32_t>(c) & 0xfffff000u)), lo(c - hi) {}
  Halves(float h, float l) : hi(h), lo(l) {}  // hi given with 12 bits, lo the rest (rounded)
};
// A double's value in halves: hi with 12 bits, lo = the rest rounded to
// float32 (2^-24 of lo, i.e. 2^-36 of the value).
inline Halves halves_of(double c) {
  const Halves h(static_cast<float>(c));
  return Halves(h.hi, static_cast<float>(c - static_cast<double>(h.hi)));
}

// w = c·x as hi + lo for a runtime constant c = c.hi + c.lo:
//   hi = c.hi·x_hi exactly (12 × 12 bits),
//   lo = (c.hi·x_lo + c.lo·x_hi) + c.lo·x_lo, three exact products whose
//        magnitudes are 2^-11, 2^-11 and 2^-23 of |w|: two roundings, within
//        2^-35·|w|.
// (A Dekker product costs as much and gives the same.) x must be finite
// (callers clamp); hi carries 24 significant bits at most, so hi − n·ln2_hi
// in the exponential's reduction is exact (Sterbenz, as in fast::Exp).
template <class V> struct Product {
  V hi, lo;
  Product(V x, const Halves& c) {
    const V x_hi = from_bits<V>(to_bits(x) & ki<V>(static_cast<int32_t>(0xfffff000u)));
    const V x_lo = x - x_hi;
    hi = x_hi * k<V>(c.hi);
    lo = (x_lo * k<V>(c.hi) + x_hi * k<V>(c.lo)) + x_lo * k<V>(c.lo);
  }
  Product(V h, V l) : hi(h), lo(l) {}
  Product() = default;
};

// e^(hi + lo) (kWithLo) or e^hi (lo = 0): fast::Exp's two forms, chosen at
// compile time, for |hi| ≤ 120.
template <class V, bool kWithLo = true> struct ExpOfSum : Exp<V> {
  ACT_ALWAYS_INLINE ExpOfSum(V hi, V lo) : Exp<V>(of(hi, lo)) {}
  ACT_ALWAYS_INLINE static Exp<V> of(V hi, V lo) {
    if constexpr (kWithLo)
      return Exp<V>(hi, lo);
    else
      return Exp<V>(hi);
  }
};

// |w| for w = hi + lo: |hi| + lo·sign(hi).
template <class V> inline Product<V> magnitude(const Product<V>& w) {
  return Product<V>(fast::fabs(w.hi), from_bits<V>(to_bits(w.lo) ^ (to_bits(w.hi) & ki<V>(INT32_MIN))));
}

// Kernels that choose once per call between two instantiations of a formula
// struct: Fn<true> where Fn<true>::serves(p) (a parameter value with a
// cheaper exact path, such as β = 1 where βx needs no product), Fn<false>
// otherwise. Each is kernels.hpp's loop over one struct, so the choice costs
// one comparison per call and no per-element branch (which would also keep
// the loop body from being inlined whole).
template <template <bool> class Fn, Order order>
void batch_choosing(const float* x, float* y, size_t n, const Params& p) {
  if (Fn<true>::serves(p))
    batch<Fn<true>, order, float>(x, y, n, p);
  else
    batch<Fn<false>, order, float>(x, y, n, p);
}
template <template <bool> class Fn>
void fused_choosing(const float* x, float* value, float* derivative, size_t n, const Params& p) {
  if (Fn<true>::serves(p))
    fused<Fn<true>, float>(x, value, derivative, n, p);
  else
    fused<Fn<false>, float>(x, value, derivative, n, p);
}
template <template <bool> class Fn>
void backward_choosing(const float* x, const float* dy, float* dx, size_t n, const Params& p) {
  if (Fn<true>::serves(p))
    backward<Fn<true>, float>(x, dy, dx, n, p);
  else
    backward<Fn<false>, float>(x, dy, dx, n, p);
}
// As registry.cpp's fast_kernels, for such a pair.
template <template <bool> class Fn> FastKernels fast_kernels_choosing(float g, float dg, float d2g) {
  FastKernels k;
  k.max_ulp[0] = g, k.max_ulp[1] = dg, k.max_ulp[2] = d2g;
  k.kernels[0] = &batch_choosing<Fn, Order::value>;
  k.kernels[1] = &batch_choosing<Fn, Order::derivative>;
  k.kernels[2] = &batch_choosing<Fn, Order::second>;
  k.fused = &fused_choosing<Fn>;
  k.backward = &backward_choosing<Fn>;
  return k;
}

}  // namespace act::fast
