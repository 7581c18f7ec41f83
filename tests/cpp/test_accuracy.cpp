// Accuracy of every registry kernel (g, g', g'', fused, backward) against the
// long-double oracle, at the figures the registry documents. The long sweeps
// are the harness's (accuracy_main.cpp); this is the sweep every build runs,
// the wasm ones included.
#include <algorithm>
#include <cmath>

#include "catalogue.hpp"
#include "core/math.hpp"

using namespace act;
using namespace act::testing;

namespace {

std::vector<float> accuracy_inputs() {
#ifdef __EMSCRIPTEN__
  // long double is software quad here: a lighter sweep.
  std::vector<float> xs = binade_sweep(24);
  const std::vector<float> dense = dense_range(-40.0f, 40.0f, 1u << 14);
#else
  std::vector<float> xs = binade_sweep(256);
  const std::vector<float> dense = dense_range(-120.0f, 120.0f, 1u << 10);
#endif
  xs.insert(xs.end(), dense.begin(), dense.end());
  return xs;
}

}  // namespace

TEST_CASE("every kernel is within its documented ULP bound") {
  const std::vector<float> xs = accuracy_inputs();
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    for (const Params& p : parameter_sets(a, ref)) {
      for (int order = 0; order < kOrders; ++order) {
        const WorstCase w = measure(a, ref, static_cast<Order>(order), p, xs);
        INFO(a.id << " " << kOrderNames[order] << " [" << describe(a, p) << "]: " << describe(w));
        REQUIRE(w.count > 0);
        CHECK(w.ulp <= a.max_ulp[order]);
      }
    }
  }
}

TEST_CASE("the fused pass and backward are within the documented bounds") {
  std::vector<float> xs = binade_sweep(8);
  const std::vector<float> dense = dense_range(-30.0f, 30.0f, 1u << 16);
  xs.insert(xs.end(), dense.begin(), dense.end());
  std::vector<float> dy(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) dy[i] = 2.0f * std::sin(static_cast<float>(i)) + 0.001f;
  std::vector<float> value(xs.size()), derivative(xs.size()), dx(xs.size());
  for (const Activation& a : every_tier()) {
    const oracle::Reference& ref = reference_of(a);
    for (const Params& p : parameter_sets(a, ref)) {
      const std::vector<double> dp = as_doubles(a, p);
      a.fused(xs.data(), value.data(), derivative.data(), xs.size(), p);
      a.backward(xs.data(), dy.data(), dx.data(), xs.size(), p);
      double worst[3] = {0, 0, 0};
      size_t measured = 0;
      for (size_t i = 0; i < xs.size(); ++i) {
        if (std::isnan(xs[i])) continue;
        const long double g = ref.eval[0](xs[i], dp.data());
        const long double dg = ref.eval[1](xs[i], dp.data());
        worst[0] = std::max(worst[0], ulp_error(value[i], g));
        worst[1] = std::max(worst[1], ulp_error(derivative[i], dg));
        worst[2] = std::max(worst[2], ulp_error(dx[i], dg * dy[i]));
        ++measured;
      }
      INFO(a.id << " [" << describe(a, p) << "] fused g " << worst[0] << ", fused g' " << worst[1] << ", backward "
                << worst[2] << " over " << measured << " inputs");
      REQUIRE(measured > 0);
      CHECK(worst[0] <= a.max_ulp[0]);
      CHECK(worst[1] <= a.max_ulp[1]);
      CHECK(worst[2] <= a.max_ulp[1] + 0.5);  // one more rounding: dy·g'
    }
  }
}

// Tails where the textbook formulas give 0 or NaN (sigma' = y(1 - y) once y
// rounds to 1), the negative tails of the gated functions, and the float32
// inputs nearest the interior zeros of g' and g'' (cancellation): there the
// oracle's values are checked against mpmath (test_oracle.cpp), and the
// kernels against both.
TEST_CASE("at the oracle's mpmath points the kernels are within their documented bounds") {
  int checked = 0;
  for (const Activation& a : every_tier()) {
    for (const oracle::Known& k : reference_of(a).known) {
      const float x = static_cast<float>(k.x);
      if (static_cast<double>(x) != k.x) continue;  // a double beside a Taylor band: for the oracle only
      const Params p = params_of(a, k.p);
      for (const PathResult& r : every_path(a, k.order, x, p)) {
        INFO(a.id << " [" << describe(a, p) << "] " << kOrderNames[k.order] << " at x = " << k.x << " via " << r.path
                  << ": got " << r.y << ", mpmath " << static_cast<double>(k.want) << ", " << ulp_error(r.y, k.want)
                  << " ULP");
        CHECK(ulp_error(r.y, k.want) <= a.max_ulp[k.order]);
        ++checked;
      }
    }
  }
  REQUIRE(checked > 0);
}

TEST_CASE("double-lane exp, expm1, log1p, erfcx are far below a float ULP") {
  double worst_exp = 0, worst_expm1 = 0, worst_log1p = 0, worst_erfcx = 0;
  for (int i = -20000; i <= 20000; ++i) {
    const double x = i * 0.0175;  // [-350, 350]
    worst_exp = std::max(worst_exp, std::fabs(math::exp(x) / std::exp(x) - 1));
    const double y = i * 1e-3;  // [-20, 20]
    if (y != 0) worst_expm1 = std::max(worst_expm1, std::fabs(math::expm1(y) / std::expm1(y) - 1));
    const double u = (i + 20000) / 40000.0;  // [0, 1]
    if (u != 0) worst_log1p = std::max(worst_log1p, std::fabs(math::log1p(u) / std::log1p(u) - 1));
    const double t = (i + 20000) * (10.5 / 40000);  // [0, 10.5]
    const long double erfcx = std::exp(static_cast<long double>(t) * t) * std::erfc(static_cast<long double>(t));
    worst_erfcx = std::max(worst_erfcx, static_cast<double>(std::fabs(math::erfcx(t) / erfcx - 1)));
  }
  INFO("relative: exp " << worst_exp << ", expm1 " << worst_expm1 << ", log1p " << worst_log1p << ", erfcx "
                        << worst_erfcx);
  CHECK(worst_exp < 0x1p-45);
  CHECK(worst_expm1 < 0x1p-45);
  CHECK(worst_log1p < 0x1p-45);
#ifndef __EMSCRIPTEN__  // erfcl is only double-precision there, and loses digits at large t
  CHECK(worst_erfcx < 0x1p-40);
#endif
}
