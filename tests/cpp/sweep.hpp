// Runs registry kernels over inputs and measures them against the oracle.
// Shared by the Catch2 tests and the accuracy harness (accuracy_main.cpp).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "oracle.hpp"
#include "ulp.hpp"

namespace act::testing {

inline const char* const kOrderNames[kOrders] = {"g", "g'", "g''"};

struct WorstCase {
  double ulp = 0;
  float input = 0;
  float got = 0;
  long double want = 0;
  size_t count = 0;  // inputs measured
};

inline std::vector<double> as_doubles(const Activation& a, const Params& p) {
  std::vector<double> out(kMaxParams, 0.0);
  for (size_t i = 0; i < a.params.size(); ++i) out[i] = p.v[i];
  return out;
}

inline long double reference(const Activation& a, Order order, const Params& p, float x) {
  const std::vector<double> dp = as_doubles(a, p);
  return oracle::find(a.id)->eval[static_cast<int>(order)](x, dp.data());
}

// Worst error of the registry kernel over xs (NaN inputs are skipped: they
// are tested as special values).
inline WorstCase measure(const Activation& a, Order order, const Params& p, const std::vector<float>& xs) {
  std::vector<float> ys(xs.size());
  a.kernels[static_cast<int>(order)](xs.data(), ys.data(), xs.size(), p);
  const oracle::Reference& ref = *oracle::find(a.id);
  const std::vector<double> dp = as_doubles(a, p);
  WorstCase worst;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (std::isnan(xs[i])) continue;
    ++worst.count;
    const long double want = ref.eval[static_cast<int>(order)](xs[i], dp.data());
    const double err = ulp_error(ys[i], want);
    if (err > worst.ulp) worst = {err, xs[i], ys[i], want, worst.count};
  }
  return worst;
}

inline std::string describe(const WorstCase& w) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "max %.3f ULP at x = %.9g (got %.9g, want %.17Lg) over %zu inputs", w.ulp,
                static_cast<double>(w.input), static_cast<double>(w.got), w.want, w.count);
  return buf;
}

inline std::string describe(const Activation& a, const Params& p) {
  std::string s;
  for (size_t i = 0; i < a.params.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s=%g", i ? "," : "", a.params[i].name, static_cast<double>(p.v[i]));
    s += buf;
  }
  return s.empty() ? "-" : s;
}

// Parameter sets worth sweeping: the defaults, then every parameter at its
// minimum and at its maximum (kept only where the entry's condition holds).
inline std::vector<Params> parameter_sets(const Activation& a) {
  std::vector<Params> sets{default_params(a)};
  if (a.params.empty()) return sets;
  Params lo = default_params(a), hi = default_params(a);
  for (size_t i = 0; i < a.params.size(); ++i) {
    lo.v[i] = a.params[i].min;
    hi.v[i] = a.params[i].max;
  }
  for (const Params& p : {lo, hi}) {
    if (check_params(a, p).empty()) sets.push_back(p);
  }
  // hardtanh's min < max rules out all-min and all-max: widen instead.
  if (sets.size() == 1 && a.params.size() == 2) {
    Params wide = default_params(a);
    wide.v[0] = a.params[0].min, wide.v[1] = a.params[1].max;
    sets.push_back(wide);
  }
  return sets;
}

// Every float32 bit pattern b = offset + k·stride (k = 0, 1, ...), both signs
// and every binade alike, as a list of inputs.
inline std::vector<float> stride_sweep(uint64_t stride, uint64_t offset = 0) {
  std::vector<float> xs;
  xs.reserve(static_cast<size_t>((1ull << 32) / stride + 1));
  for (uint64_t b = offset; b < (1ull << 32); b += stride) xs.push_back(float_from_bits(static_cast<uint32_t>(b)));
  return xs;
}

}  // namespace act::testing
