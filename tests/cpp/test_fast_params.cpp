// The fast tier's kernels that take their parameter at run time (SiLU's β,
// CELU's α) are within their documented bounds at parameter values across
// the registry's whole range, not only at the defaults, the oracle's
// declared sets and the range's ends that the strided sweep takes
// (sweep.hpp's parameter_sets): the kernels carry the product βx (x/α) as
// hi + lo and choose a path per call, so each value is a new case.
#include <cmath>
#include <random>

#include "catalogue.hpp"

using namespace act;
using namespace act::testing;

namespace {

// Inputs x = w/p for w over [−130, 130] (the scaled argument the kernels
// see, past every clamp), dense enough to cross the bands around the zeros
// of g' and g'' many times, plus every binade of x.
std::vector<float> inputs_for_scale(double scale) {
#ifdef __EMSCRIPTEN__
  constexpr int kSteps = 6000;  // long double is software quad there
  std::vector<float> xs = binade_sweep(1);
#else
  constexpr int kSteps = 60000;
  std::vector<float> xs = binade_sweep(4);
#endif
  for (int i = 0; i <= kSteps; ++i) xs.push_back(static_cast<float>((-130.0 + 260.0 * i / kSteps) / scale));
  return xs;
}

}  // namespace

TEST_CASE("fast kernels with a run-time parameter are within their bounds across its range") {
  for (const char* id : {"silu", "celu"}) {
    const Activation* a = find_activation(id, Tier::fast);
    REQUIRE(a != nullptr);
    REQUIRE(a->params.size() == 1);
    const oracle::Reference& ref = reference_of(*a);
    const ParamSpec& spec = a->params[0];
    std::mt19937 rng(20261202);
    std::uniform_real_distribution<double> log_uniform(std::log(spec.min), std::log(spec.max));
    std::vector<float> values = {std::nextafter(1.0f, 0.0f), std::nextafter(1.0f, 2.0f), 0.5f, 3.0f};
    for (int i = 0; i < 6; ++i) values.push_back(static_cast<float>(std::exp(log_uniform(rng))));
    for (const float value : values) {
      Params p = default_params(*a);
      p.v[0] = value;
      REQUIRE(check_params(*a, p).empty());
      // SiLU scales x by β, CELU by 1/α.
      const std::vector<float> xs = inputs_for_scale(std::string(id) == "silu" ? value : 1.0 / value);
      for (int order = 0; order < kOrders; ++order) {
        const WorstCase w = measure(*a, ref, static_cast<Order>(order), p, xs);
        INFO(id << " " << kOrderNames[order] << " [" << describe(*a, p) << "]: " << describe(w));
        CHECK(w.ulp <= a->max_ulp[order]);
      }
    }
  }
}
