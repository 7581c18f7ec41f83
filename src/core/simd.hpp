// Thin vector layer: one math source, two widths, two precisions.
//
// Every formula is a template over V, instantiated with
//   V = float  or f32x4  (float32 lanes: the fast path), or
//   V = double or f64x2  (float64 lanes: for formulas that need the headroom
//                         to round only once to float32).
// Mixed formulas take float32 lanes, do the costly part there, and finish in
// float64 through in_double().
// The vector types are GCC/Clang vector extensions: SSE natively, SIMD128
// under `-msimd128`. The scalar types serve batch tails and the baseline wasm
// build. The helpers below give all four the same vocabulary.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#if defined(__wasm_simd128__) || defined(__SSE2__) || defined(__ARM_NEON)
#define ACT_HAVE_VECTOR 1
#else
#define ACT_HAVE_VECTOR 0
#endif

// For the formulas and the batch loops' bodies: with two paths per formula
// (all_lanes), some went past clang's inlining threshold and became a call
// per vector, their constants rebuilt at each call (10× slower under V8).
#define ACT_ALWAYS_INLINE __attribute__((always_inline))

namespace act::simd {

#if ACT_HAVE_VECTOR
using f32x4 = float __attribute__((vector_size(16)));
using f64x2 = double __attribute__((vector_size(16)));
using f32x2 = float __attribute__((vector_size(8)));
// The types comparisons yield, which are also the integer lanes used for
// bit manipulation (int vs long differs between targets; decltype does not).
using i32x4 = decltype(f32x4{} < f32x4{});
using i64x2 = decltype(f64x2{} < f64x2{});
#endif

// Per type: scalar lane type, integer type of the same shape, lanes per
// vector.
template <class V> struct Shape;
template <> struct Shape<float> {
  using Lane = float;
  using Int = int32_t;
  static constexpr int kLanes = 1;
};
template <> struct Shape<double> {
  using Lane = double;
  using Int = int64_t;
  static constexpr int kLanes = 1;
};
#if ACT_HAVE_VECTOR
template <> struct Shape<f32x4> {
  using Lane = float;
  using Int = i32x4;
  static constexpr int kLanes = 4;
};
template <> struct Shape<f64x2> {
  using Lane = double;
  using Int = i64x2;
  static constexpr int kLanes = 2;
};
#endif
template <class V> using LaneOf = typename Shape<V>::Lane;
template <class V> using IntOf = typename Shape<V>::Int;
template <class V> constexpr bool kIsF64 = std::is_same_v<LaneOf<V>, double>;

template <class To, class From> inline To bit_cast(From v) {
  static_assert(sizeof(To) == sizeof(From));
  To t;
  std::memcpy(&t, &v, sizeof t);
  return t;
}
template <class V> inline IntOf<V> to_bits(V v) { return bit_cast<IntOf<V>>(v); }
template <class V> inline V from_bits(IntOf<V> b) { return bit_cast<V>(b); }

template <class V> inline V splat(LaneOf<V> c) {
  if constexpr (Shape<V>::kLanes == 1) {
    return c;
  } else {
    // scalar − vector broadcasts; x − (+0) = x for every x, −0 included, so
    // clang folds it to one splat. (V{} + c would give +0 for c = −0, and the
    // vector and scalar paths would then disagree on −0 results such as
    // gelu(−∞); filling the lanes one by one kept the right value but made
    // the float32-lane kernels several times slower under V8.)
    return c - V{};
  }
}
// splat(c) for hot loops: V8 builds a v128.const anew at each use inside a
// loop (several machine instructions), so the empty asm hides the value from
// clang, which then computes it once before the loop and keeps it in a local.
// The mixed-precision kernels gained 20–50% (sigmoid 0.29 → 0.40 el/ns); the
// float64-lane formulas, with more constants than registers, gained nothing.
template <class V> inline V constant(LaneOf<V> c) {
  V v = splat<V>(c);
#ifdef __wasm_simd128__
  if constexpr (Shape<V>::kLanes > 1) __asm__("" : "+r"(v));
#endif
  return v;
}
inline float select(bool m, float a, float b) { return m ? a : b; }
inline double select(bool m, double a, double b) { return m ? a : b; }
#if ACT_HAVE_VECTOR
// Bitwise blend: lanes where m is all-ones take a, the others b.
inline f32x4 select(i32x4 m, f32x4 a, f32x4 b) { return from_bits<f32x4>((m & to_bits(a)) | (~m & to_bits(b))); }
inline f64x2 select(i64x2 m, f64x2 a, f64x2 b) { return from_bits<f64x2>((m & to_bits(a)) | (~m & to_bits(b))); }

inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);  // unaligned starts are allowed
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
// Two float64 lanes rounded to float32 in lanes 0–1 (lanes 2–3 zero): one
// f32x4.demote_f64x2_zero. The empty asm statements keep clang 14 from
// merging the conversion with its neighbours (two halves and their shuffle,
// or a select moved past it) into shapes SIMD128 lacks, which it then splits
// into lane moves.
inline f32x4 demote_to_low(f64x2 v) {
#ifdef __wasm_simd128__
  __asm__("" : "+r"(v));
#endif
  f32x4 r = __builtin_convertvector(__builtin_shufflevector(v, f64x2{}, 0, 1, 2, 3), f32x4);
#ifdef __wasm_simd128__
  __asm__("" : "+r"(r));
#endif
  return r;
}

// The float64 copies of lanes 0–1 and 2–3, and back with one rounding each,
// in the shapes clang matches to single SIMD128 instructions
// (f64x2.promote_low_f32x4, after a shuffle for the high half).
inline f64x2 widen_low(f32x4 v) { return __builtin_convertvector(f32x2{v[0], v[1]}, f64x2); }
inline f64x2 widen_high(f32x4 v) { return widen_low(__builtin_shufflevector(v, v, 2, 3, 2, 3)); }
inline f32x4 narrow(f64x2 low, f64x2 high) {
  return __builtin_shufflevector(demote_to_low(low), demote_to_low(high), 0, 1, 4, 5);
}
// Two float32 lanes widened to float64, and back with one rounding each.
inline f64x2 load_widen(const float* p) {
  f32x2 v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, f64x2);
}
inline void store_narrow(float* p, f64x2 v) {
  const f32x4 n = demote_to_low(v);
  std::memcpy(p, &n, 2 * sizeof(float));
}
#endif

inline double widen(float v) { return v; }

// body(args widened to float64 lanes), rounded once to float32 lanes:
// one call for a scalar V = float, one per half for V = f32x4.
template <class V, class Body, class... Args> inline V in_double(Body body, Args... args) {
  if constexpr (Shape<V>::kLanes == 1) {
    return static_cast<float>(body(widen(args)...));
  } else {
    return narrow(body(widen_low(args)...), body(widen_high(args)...));
  }
}

template <class V> inline IntOf<V> sign_mask() {
  if constexpr (kIsF64<V>)
    return IntOf<V>{} + int64_t(INT64_MIN);
  else
    return IntOf<V>{} + int32_t(INT32_MIN);
}
// −0 in every lane (splat(−0.0) would add it to +0 and get +0).
template <class V> inline V splat_negative_zero() { return from_bits<V>(sign_mask<V>()); }
template <class V> inline V abs(V x) { return from_bits<V>(to_bits(x) & ~sign_mask<V>()); }
// Magnitude of `mag` with the sign bit of `sign`.
template <class V> inline V copysign(V mag, V sign) {
  return from_bits<V>((to_bits(mag) & ~sign_mask<V>()) | (to_bits(sign) & sign_mask<V>()));
}
// min/max that return the second operand when the first is NaN; callers
// restore NaN with keep_nan where it matters.
template <class V> inline V min(V a, V b) { return select(a < b, a, b); }
template <class V> inline V max(V a, V b) { return select(a > b, a, b); }

// True when every lane of the comparison mask m is set: a per-vector branch
// to a lighter formula that gives the same bits on the inputs it takes (a
// lane's result must not depend on its neighbours).
inline bool all_lanes(bool m) { return m; }
#if ACT_HAVE_VECTOR
inline bool all_lanes(i32x4 m) {
#ifdef __wasm_simd128__
  return __builtin_wasm_all_true_i32x4(m);
#else
  return (m[0] & m[1] & m[2] & m[3]) != 0;
#endif
}
#endif
// True when some lane of m is set (a rare slow path for a whole vector).
inline bool any_lane(bool m) { return m; }
#if ACT_HAVE_VECTOR
inline bool any_lane(i32x4 m) {
#ifdef __wasm_simd128__
  return __builtin_wasm_any_true_v128(m);
#else
  return (m[0] | m[1] | m[2] | m[3]) != 0;
#endif
}
#endif
// Lane-wise a and b of two comparison results.
inline bool lanes_and(bool a, bool b) { return a && b; }
#if ACT_HAVE_VECTOR
inline i32x4 lanes_and(i32x4 a, i32x4 b) { return a & b; }
#endif

// Square root, correctly rounded (IEEE) in every lane, so every width and
// target gives the same bits.
inline float sqrt(float x) { return __builtin_sqrtf(x); }
inline double sqrt(double x) { return __builtin_sqrt(x); }
#if ACT_HAVE_VECTOR
inline f32x4 sqrt(f32x4 x) {
#ifdef __wasm_simd128__
  return __builtin_wasm_sqrt_f32x4(x);
#else
  return f32x4{sqrt(x[0]), sqrt(x[1]), sqrt(x[2]), sqrt(x[3])};
#endif
}
inline f64x2 sqrt(f64x2 x) {
#ifdef __wasm_simd128__
  return __builtin_wasm_sqrt_f64x2(x);
#else
  return f64x2{sqrt(x[0]), sqrt(x[1])};
#endif
}
#endif

// NaN in gives NaN out: lanes where x is NaN return x itself.
template <class V> inline V keep_nan(V x, V result) { return select(x != x, x, result); }

// 2^n for integer n in the normal exponent range, built from exponent bits.
template <class V> inline V pow2i(IntOf<V> n) {
  if constexpr (kIsF64<V>)
    return from_bits<V>((n + 1023) << 52);
  else
    return from_bits<V>((n + 127) << 23);
}

}  // namespace act::simd
