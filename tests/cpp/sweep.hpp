// Runs registry kernels over input sets and measures them against the oracle.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "oracle.hpp"
#include "ulp.hpp"

namespace act::testing {

struct WorstCase {
  double ulp = 0;
  float input = 0;
  float got = 0;
  double want = 0;
};

inline std::vector<double> as_doubles(const Activation& a, const Params& p) {
  std::vector<double> out(kMaxParams, 0.0);
  for (size_t i = 0; i < a.params.size(); ++i) out[i] = p.v[i];
  return out;
}

inline double reference(const Activation& a, Order order, const Params& p,
                        double x) {
  const oracle::Reference* ref = oracle::find(a.id);
  const std::vector<double> dp = as_doubles(a, p);
  return order == Order::value ? ref->value(x, dp.data())
                               : ref->derivative(x, dp.data());
}

inline WorstCase measure(const Activation& a, Order order, const Params& p,
                         const std::vector<float>& xs) {
  std::vector<float> ys(xs.size());
  a.kernels[static_cast<int>(order)](xs.data(), ys.data(), xs.size(), p);
  WorstCase worst;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double want = reference(a, order, p, xs[i]);
    const double err = ulp_error(ys[i], want);
    if (err > worst.ulp) worst = {err, xs[i], ys[i], want};
  }
  return worst;
}

inline std::string describe(const WorstCase& w) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "max %.3f ULP at x = %.9g (got %.9g, want %.17g)",
                w.ulp, static_cast<double>(w.input), static_cast<double>(w.got),
                w.want);
  return buf;
}

// Parameter sets worth sweeping: the defaults, then every parameter at its
// minimum and at its maximum.
inline std::vector<Params> parameter_sets(const Activation& a) {
  std::vector<Params> sets{default_params(a)};
  if (a.params.empty()) return sets;
  Params lo = default_params(a), hi = default_params(a);
  for (size_t i = 0; i < a.params.size(); ++i) {
    lo.v[i] = a.params[i].min;
    hi.v[i] = a.params[i].max;
  }
  sets.push_back(lo);
  sets.push_back(hi);
  return sets;
}

}  // namespace act::testing
