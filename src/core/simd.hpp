// Thin vector layer: one math source, two widths.
//
// Every kernel is a template over V, instantiated with V = float (scalar path:
// batch tails and the baseline wasm build) and V = f32x4 (GCC/Clang vector
// extensions: SSE natively, SIMD128 under `-msimd128`). The helpers below give
// both types the same vocabulary, so a formula is written once.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__) || defined(__SSE2__) || defined(__ARM_NEON)
#define ACT_HAVE_VECTOR 1
#else
#define ACT_HAVE_VECTOR 0
#endif

namespace act::simd {

#if ACT_HAVE_VECTOR
using f32x4 = float __attribute__((vector_size(16)));
using i32x4 = int32_t __attribute__((vector_size(16)));
constexpr int kLanes = 4;
#endif

// Integer type of the same shape as V, and the type a comparison yields.
template <class V> struct Shape;
template <> struct Shape<float> {
  using Int = int32_t;
  using Mask = bool;
};
#if ACT_HAVE_VECTOR
template <> struct Shape<f32x4> {
  using Int = i32x4;
  using Mask = i32x4;
};
#endif
template <class V> using IntOf = typename Shape<V>::Int;
template <class V> using MaskOf = typename Shape<V>::Mask;

inline int32_t to_bits(float v) {
  int32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
inline float from_bits(int32_t b) {
  float v;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
inline float select(bool m, float a, float b) { return m ? a : b; }
inline bool any(bool m) { return m; }

#if ACT_HAVE_VECTOR
inline i32x4 to_bits(f32x4 v) { return reinterpret_cast<i32x4>(v); }
inline f32x4 from_bits(i32x4 b) { return reinterpret_cast<f32x4>(b); }
// Bitwise blend: lanes where m is all-ones take a, the others b.
inline f32x4 select(i32x4 m, f32x4 a, f32x4 b) {
  return from_bits((m & to_bits(a)) | (~m & to_bits(b)));
}
inline bool any(i32x4 m) {
  return (m[0] | m[1] | m[2] | m[3]) != 0;
}
inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);  // unaligned starts are allowed
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
#endif

template <class V> inline V splat(float c);
template <> inline float splat<float>(float c) { return c; }
#if ACT_HAVE_VECTOR
template <> inline f32x4 splat<f32x4>(float c) { return f32x4{c, c, c, c}; }
#endif

template <class V> inline V abs(V x) {
  return from_bits(to_bits(x) & 0x7fffffff);
}
// Magnitude of `mag` with the sign bit of `sign`.
template <class V> inline V copysign(V mag, V sign) {
  return from_bits((to_bits(mag) & 0x7fffffff) |
                   (to_bits(sign) & int32_t(0x80000000u)));
}
// min/max that return the second operand when the first is NaN; callers
// restore NaN with keep_nan where it matters.
template <class V> inline V min(V a, V b) { return select(a < b, a, b); }
template <class V> inline V max(V a, V b) { return select(a > b, a, b); }

// NaN in gives NaN out: lanes where x is NaN return x itself.
template <class V> inline V keep_nan(V x, V result) {
  return select(x != x, x, result);
}

// 2^n for integer n in [-126, 127], built from its exponent bits.
template <class V> inline V pow2i(IntOf<V> n) {
  return from_bits((n + 127) << 23);
}

}  // namespace act::simd
