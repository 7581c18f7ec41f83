// Runs registry kernels over inputs and measures them against the oracle,
// with each activation's parameter sets and per-function data read from its
// oracle reference. Shared by the Catch2 tests and the accuracy harness
// (accuracy_main.cpp), so free of Catch2: problems with the data are thrown
// as std::runtime_error, which both report with the message.
#pragma once

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "oracle.hpp"
#include "ulp.hpp"

namespace act::testing {

inline const char* const kOrderNames[kOrders] = {"g", "g'", "g''"};

// The oracle's reference for a registry entry. A missing one is a defect
// (every activation needs a reference), so this throws rather than skips.
inline const oracle::Reference& reference_of(const Activation& a) {
  const oracle::Reference* r = oracle::find(a.id);
  if (r == nullptr) {
    throw std::runtime_error(std::string("registry entry '") + a.id +
                             "' has no oracle reference: add one to tests/cpp/oracle.cpp");
  }
  return *r;
}

// An order declared in the oracle's data, checked before it indexes
// anything: 0, 1 or 2.
inline int checked_order(const Activation& a, int order) {
  if (order < 0 || order >= kOrders) {
    throw std::runtime_error(std::string("oracle data for '") + a.id + "' names order " + std::to_string(order) +
                             "; orders are 0 (g), 1 (g') and 2 (g'')");
  }
  return order;
}

// p as the oracle reads it: registry order, doubles, unused slots 0.
inline std::vector<double> as_doubles(const Activation& a, const Params& p) {
  std::vector<double> out(kMaxParams, 0.0);
  for (size_t i = 0; i < a.params.size(); ++i) out[i] = p.v[i];
  return out;
}

// A parameter set declared in the oracle as kernel parameters (empty: the
// defaults). Throws when it does not fit the registry entry.
inline Params params_of(const Activation& a, const oracle::ParamSet& set) {
  if (set.empty()) return default_params(a);
  if (set.size() != a.params.size()) {
    throw std::runtime_error(std::string("oracle data for '") + a.id + "' has a parameter set of " +
                             std::to_string(set.size()) + " values; the registry lists " +
                             std::to_string(a.params.size()));
  }
  Params p;
  for (size_t i = 0; i < set.size(); ++i) {
    p.v[i] = static_cast<float>(set[i]);
    if (static_cast<double>(p.v[i]) != set[i]) {
      throw std::runtime_error(std::string("oracle data for '") + a.id + "': parameter " + a.params[i].name + " = " +
                               std::to_string(set[i]) + " is not a float32 (write it as a float literal)");
    }
  }
  return p;
}

// The defaults, then the oracle's declared sets (each must pass
// check_params: the oracle may not test parameters the library rejects).
inline std::vector<Params> declared_parameter_sets(const Activation& a, const oracle::Reference& r) {
  std::vector<Params> sets{default_params(a)};
  for (const oracle::ParamSet& set : r.params) {
    const Params p = params_of(a, set);
    const std::string problem = check_params(a, p);
    if (!problem.empty()) throw std::runtime_error("oracle parameter set rejected by the registry: " + problem);
    sets.push_back(p);
  }
  return sets;
}

// Parameter sets worth sweeping: the declared ones, then every parameter at
// its minimum and at its maximum (each kept where the entry's condition holds).
inline std::vector<Params> parameter_sets(const Activation& a, const oracle::Reference& r) {
  std::vector<Params> sets = declared_parameter_sets(a, r);
  if (a.params.empty()) return sets;
  Params lo = default_params(a), hi = default_params(a);
  for (size_t i = 0; i < a.params.size(); ++i) {
    lo.v[i] = a.params[i].min;
    hi.v[i] = a.params[i].max;
  }
  for (const Params& p : {lo, hi}) {
    if (check_params(a, p).empty()) sets.push_back(p);
  }
  return sets;
}

// The points a PointsOf gives for p (none when it is null).
inline oracle::Points points_of(oracle::PointsOf f, const std::vector<double>& p) {
  return f ? f(p.data()) : oracle::Points{};
}

struct WorstCase {
  double ulp = 0;
  float input = 0;
  float got = 0;
  long double want = 0;
  size_t count = 0;  // inputs measured
};

// Worst error of the registry kernel over xs (NaN inputs are skipped: they
// are tested as special values).
inline WorstCase measure(const Activation& a, const oracle::Reference& ref, Order order, const Params& p,
                         const std::vector<float>& xs) {
  std::vector<float> ys(xs.size());
  a.kernels[static_cast<int>(order)](xs.data(), ys.data(), xs.size(), p);
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

// The tier and the parameters, e.g. "fast; alpha=1".
inline std::string describe(const Activation& a, const Params& p) {
  std::string s = std::string(kTierNames[static_cast<int>(a.tier)]) + "; ";
  for (size_t i = 0; i < a.params.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s=%g", i ? "," : "", a.params[i].name, static_cast<double>(p.v[i]));
    s += buf;
  }
  return a.params.empty() ? s + "-" : s;
}

// One result of order `order` at x as one entry point computed it.
struct PathResult {
  const char* path;
  float y;
};

// order at x through every entry point that computes it: the order's kernel,
// the fused pass (orders 0 and 1) and backward with dy = 1 (order 1, where
// dy g' is exact), each in a batch of 9 copies of x, read at a vector lane
// (element 5) and at the scalar tail (element 8).
inline std::vector<PathResult> every_path(const Activation& a, int order, float x, const Params& p) {
  constexpr size_t n = 9;
  std::vector<float> xs(n, x), ones(n, 1.0f), y(n), dg(n);
  std::vector<PathResult> out;
  order = checked_order(a, order);
  auto read = [&](const char* lane, const char* tail, const std::vector<float>& v) {
    out.push_back({lane, v[5]});
    out.push_back({tail, v[8]});
  };
  a.kernels[order](xs.data(), y.data(), n, p);
  read("kernel (vector lane)", "kernel (tail)", y);
  if (order <= 1) {
    a.fused(xs.data(), y.data(), dg.data(), n, p);
    read("fused (vector lane)", "fused (tail)", order == 0 ? y : dg);
  }
  if (order == 1) {
    a.backward(xs.data(), ones.data(), y.data(), n, p);
    read("backward, dy = 1 (vector lane)", "backward, dy = 1 (tail)", y);
  }
  return out;
}

}  // namespace act::testing
