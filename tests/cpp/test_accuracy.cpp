// Accuracy of every registry kernel against the double-precision oracle, at
// the figures the registry documents.
#include <catch2/catch.hpp>

#include "core/exp.hpp"
#include "sweep.hpp"

using namespace act;
using namespace act::testing;

namespace {

std::vector<float> accuracy_inputs() {
  std::vector<float> xs = binade_sweep(512);
  // Dense where the functions bend and saturate.
  const std::vector<float> dense = dense_range(-120.0f, 120.0f, 1u << 10);
  xs.insert(xs.end(), dense.begin(), dense.end());
  return xs;
}

}  // namespace

TEST_CASE("every registry entry has an oracle reference") {
  for (const Activation& a : activations()) {
    INFO(a.id);
    CHECK(oracle::find(a.id) != nullptr);
  }
}

TEST_CASE("every kernel is within its documented ULP bound") {
  const std::vector<float> xs = accuracy_inputs();
  for (const Activation& a : activations()) {
    for (int order = 0; order < kOrders; ++order) {
      for (const Params& p : parameter_sets(a)) {
        const WorstCase w = measure(a, static_cast<Order>(order), p, xs);
        INFO(a.id << " order " << order << " params [" << p.v[0] << ", "
                  << p.v[1] << "]: " << describe(w));
        CHECK(w.ulp <= a.max_ulp[order]);
      }
    }
  }
}

TEST_CASE("exp, the building block, is within 1 ULP and finite to 88.7228") {
  std::vector<float> xs = dense_range(-110.0f, 89.0f, 1u << 8);
  double worst = 0;
  float worst_x = 0;
  for (float x : xs) {
    const double err = ulp_error(math::exp(x), std::exp(static_cast<double>(x)));
    if (err > worst) worst = err, worst_x = x;
  }
  INFO("worst " << worst << " ULP at x = " << worst_x);
  CHECK(worst <= 1.0);
  CHECK(std::isfinite(math::exp(88.7228f)));
  CHECK(std::isinf(math::exp(88.7229f)));
}

TEST_CASE("expm1 is within 1 ULP on the range tanh uses") {
  std::vector<float> xs = dense_range(-18.0f, 18.5f, 1u << 8);
  double worst = 0;
  float worst_x = 0;
  for (float x : xs) {
    const double err =
        ulp_error(math::expm1(x), std::expm1(static_cast<double>(x)));
    if (err > worst) worst = err, worst_x = x;
  }
  INFO("worst " << worst << " ULP at x = " << worst_x);
  CHECK(worst <= 1.5);
}
