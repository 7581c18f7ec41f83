// The one list of activations. Bindings, tests, benchmarks and the page all
// read it; adding an activation means one entry here, one struct in
// activations.hpp, one reference in tests/cpp/oracle.cpp and one docs entry
// in docs.cpp (derivations, conventions, properties: the text the page shows).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kernels.hpp"
#include "params.hpp"

namespace act {

struct ParamSpec {
  const char* name;
  float default_value;
  float min;  // inclusive bounds; the page's slider spans them
  float max;
  const char* description;
};

struct Activation {
  const char* id;    // stable identifier used by the JS API and the page
  const char* name;  // display name
  std::vector<ParamSpec> params;
  const char* latex_value;       // g(z) in LaTeX
  const char* latex_derivative;  // g'(z) in LaTeX
  // Documented worst error in ULP per order (units of 2^-149 where the true
  // value is subnormal), over all finite float32 inputs as swept by the
  // accuracy harness (tests/cpp/accuracy_main.cpp); the tests assert it.
  float max_ulp[kOrders];
  // Lane precision per order ('f' float32, 'd' float64, 'm' mixed: float32
  // lanes with a float64 finish), for the docs.
  char precision[kOrders];
  Kernel kernels[kOrders];
  FusedKernel fused;
  BackwardKernel backward;
  // Extra condition on the parameters beyond their ranges, or nullptr.
  bool (*params_valid)(const Params&);
  const char* params_condition;  // what params_valid requires, e.g. "min < max"
};

const std::vector<Activation>& activations();

// nullptr when no activation has this id.
const Activation* find_activation(std::string_view id);

Params default_params(const Activation& a);

// Empty when every parameter is finite, within its range and the entry's
// condition holds; otherwise a message naming the parameter and the rule.
std::string check_params(const Activation& a, const Params& p);

// The registry as JSON (everything but the kernels, plus the docs), for JS.
std::string registry_json();

}  // namespace act
