// PLACEHOLDER until the vector versions land: per-lane libm.
#pragma once

#include <cmath>

#include "core/simd.hpp"

namespace act::expr::elem {

using namespace act::simd;

template <class V, class F> inline V per_lane(V x, F f) {
  if constexpr (Shape<V>::kLanes == 1) {
    return f(x);
  } else {
    V r;
    for (int i = 0; i < Shape<V>::kLanes; ++i) r[i] = f(x[i]);
    return r;
  }
}

template <class V> inline V exp(V x) {
  return per_lane(x, [](double v) { return std::exp(v); });
}
template <class V> inline V expm1(V x) {
  return per_lane(x, [](double v) { return std::expm1(v); });
}
template <class V> inline V log(V x) {
  return per_lane(x, [](double v) { return std::log(v); });
}
template <class V> inline V log1p(V x) {
  return per_lane(x, [](double v) { return std::log1p(v); });
}
template <class V> inline V tanh(V x) {
  return per_lane(x, [](double v) { return std::tanh(v); });
}
template <class V> inline V sin(V x) {
  return per_lane(x, [](double v) { return std::sin(v); });
}
template <class V> inline V cos(V x) {
  return per_lane(x, [](double v) { return std::cos(v); });
}
template <class V> inline V erf(V x) {
  return per_lane(x, [](double v) { return std::erf(v); });
}
template <class V> inline V erfc(V x) {
  return per_lane(x, [](double v) { return std::erfc(v); });
}
template <class V> inline V sigmoid(V x) {
  return per_lane(x, [](double v) { return v >= 0 ? 1 / (1 + std::exp(-v)) : std::exp(v) / (1 + std::exp(v)); });
}
template <class V> inline V softplus(V x) {
  return per_lane(x, [](double v) { return std::fmax(v, 0.0) + std::log1p(std::exp(-std::fabs(v))); });
}

}  // namespace act::expr::elem
