// Error of a float32 result in ULP of the true (double) value, and the
// float32 inputs the accuracy tests sweep.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace act::testing {

// The float32 ULP at want (finite); where want is subnormal or zero, 2^-149.
// ulp_error: |got − want| in that unit. Infinite results count as exact only when want
// also rounds to that infinity; NaN against a number is infinitely wrong.
inline long double ulp_unit(long double want) {
  int exponent = 0;
  std::frexp(want, &exponent);  // want = m·2^exponent, 0.5 ≤ |m| < 1
  const int ulp_exp = want == 0 ? -149 : std::max(exponent - 24, -149);
  return std::ldexp(1.0L, ulp_exp);
}

inline double ulp_error(float got, long double want) {
  if (std::isnan(want) || std::isnan(got)) {
    return std::isnan(want) && std::isnan(got) ? 0.0 : std::numeric_limits<double>::infinity();
  }
  if (std::isinf(got)) {
    return static_cast<float>(want) == got ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return static_cast<double>(std::fabs(static_cast<long double>(got) - want) / ulp_unit(want));
}

inline float float_from_bits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

// Finite inputs of both signs across every binade (the subnormals count as
// one): both ends of each binade plus `per_binade` random mantissas. Fixed
// seed, so every run sweeps the same inputs.
inline std::vector<float> binade_sweep(int per_binade, uint32_t seed = 20261124) {
  std::mt19937 rng(seed);
  std::vector<float> out;
  out.reserve(2 * 255 * (per_binade + 2));
  for (uint32_t sign = 0; sign < 2; ++sign) {
    for (uint32_t biased = 0; biased < 255; ++biased) {
      const uint32_t base = (sign << 31) | (biased << 23);
      out.push_back(float_from_bits(base));
      out.push_back(float_from_bits(base | 0x7fffff));
      for (int i = 0; i < per_binade; ++i) {
        out.push_back(float_from_bits(base | (rng() & 0x7fffff)));
      }
    }
  }
  return out;
}

// Every float32 in [lo, hi] with a step of `stride` bit patterns: dense
// coverage of the range where an activation is not trivially saturated.
inline std::vector<float> dense_range(float lo, float hi, uint32_t stride) {
  std::vector<float> out;
  for (float x = lo; x <= hi;) {
    out.push_back(x);
    uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    // Step the bit pattern away from or towards zero depending on sign.
    if (x < 0) {
      if (b - 0x80000000u <= stride) {
        x = 0.0f;
        continue;
      }
      b -= stride;
    } else {
      b += stride;
    }
    std::memcpy(&x, &b, sizeof x);
  }
  return out;
}

}  // namespace act::testing
